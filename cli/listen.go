package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"github.com/eventbind/eventbind/events/kook/gateway"
)

// listenCommand runs `eventbind listen` until SIGINT or SIGTERM.
func listenCommand(args []string, stdout, stderr io.Writer) int {
	return untilSignal(func(ctx context.Context) int { return runListen(ctx, args, stdout, stderr) })
}

// runListen connects to KOOK's websocket gateway and prints every event as
// the line serve prints, in sn order, until ctx is done.
func runListen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("listen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	compress := flags.String("compress", "1", "ask for zlib-compressed messages: `0 or 1`")
	api := flags.String("api", gateway.DefaultBaseURL, "the HTTP API's base `URL`")
	stateFile := flags.String("state", "", "keep the session and the last sn in `FILE`, and resume from it when it exists")
	strict := flags.Bool("strict", false, "report an event with a member of a shape the schema does not take, instead of printing it with its problems")
	if err := flags.Parse(args); err != nil {
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "eventbind listen: %s\n", msg)
		return exitUsage
	}
	if flags.NArg() > 0 {
		return usage(fmt.Sprintf("unexpected argument %q", flags.Arg(0)))
	}
	if *compress != "0" && *compress != "1" {
		return usage("--compress must be 0 or 1")
	}
	token := os.Getenv("KOOK_TOKEN")
	if token == "" {
		return usage("$KOOK_TOKEN (the bot's token) is not set")
	}
	var resume gateway.State
	if *stateFile != "" {
		var err error
		if resume, err = readState(*stateFile); err != nil {
			return usage(err.Error())
		}
	}
	logger := log.New(stderr, "eventbind listen: ", 0)
	printer := &eventPrinter{w: stdout, platform: "kook"}
	cfg := gateway.Config{
		Token:    token,
		BaseURL:  *api,
		Compress: *compress == "1",
		Events:   kookEvents(),
		OnEvent:  printer.print,
		Strict:   *strict,
		Resume:   resume,
		OnChange: func(c gateway.Change) { logger.Print(c) },
		OnError:  func(err error) { logger.Print(err) },
	}
	if *stateFile != "" {
		cfg.OnProcessed = func(st gateway.State) {
			if err := writeState(*stateFile, st); err != nil {
				logger.Print(err)
			}
		}
	}
	client, err := gateway.New(cfg)
	if err != nil {
		return usage(err.Error())
	}
	if resume.SessionID != "" {
		logger.Printf("resuming session_id=%s sn=%d from %s", resume.SessionID, resume.SN, *stateFile)
	}
	err = client.Run(ctx)
	if *stateFile != "" {
		if err := writeState(*stateFile, client.State()); err != nil {
			logger.Print(err)
		}
	}
	if errors.Is(err, context.Canceled) {
		logger.Print("stopped")
		return exitOK
	}
	logger.Print(err)
	return exitFailed
}

// readState reads a state file; a missing one is a new session.
func readState(name string) (gateway.State, error) {
	var st gateway.State
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("--state %s: %v", name, err)
	}
	return st, nil
}

// writeState replaces the state file in one rename, so that a crash leaves
// the old state or the new one, never half of either.
func writeState(name string, st gateway.State) error {
	data, _ := json.Marshal(st)
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
