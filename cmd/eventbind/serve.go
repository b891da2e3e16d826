//go:build !eventbind_generate_only

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/eventbind/eventbind/jsonwire"
)

func init() {
	serveCommand = func(args []string, stdout, stderr io.Writer) int {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		go func() {
			// After the first signal, the default handling is back: a
			// second one kills at once, should shutting down hang.
			<-ctx.Done()
			stop()
		}()
		return runServe(ctx, args, stdout, stderr, nil)
	}
}

// servedLine is one output line of `eventbind serve`: a line of `eventbind
// decode` without "line".
type servedLine struct {
	Platform string          `json:"platform"`
	Event    string          `json:"event"`
	Known    bool            `json:"known"`
	Value    json.RawMessage `json:"value"`
	Problems []string        `json:"problems,omitempty"`
}

// eventPrinter writes each delivered event as one JSON line; requests are
// served concurrently, so lines are written whole under a lock.
type eventPrinter struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *eventPrinter) print(_ context.Context, ev kook.Event) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	line := servedLine{Platform: "kook", Event: ev.EventName(), Known: ev.Known(), Value: ev.AppendJSON(nil), Problems: jsonwire.ProblemStrings(ev.Problems())}
	if err := enc.Encode(line); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err := p.w.Write(buf.Bytes())
	return err // a failed write answers 500: KOOK sends the event again
}

// runServe runs the webhook receiver until ctx is done (SIGINT or SIGTERM),
// then shuts down gracefully. ready, when set, is told the listening address.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(net.Addr)) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	token := fs.String("verify-token", "", "the bot's verify `token` (default $KOOK_VERIFY_TOKEN)")
	key := fs.String("encrypt-key", "", "the bot's encrypt `key`, when encryption is on (default $KOOK_ENCRYPT_KEY)")
	maxBody := fs.Int64("max-body", webhook.DefaultMaxBody, "largest request body, in `bytes`")
	maxInflated := fs.Int64("max-inflated", webhook.DefaultMaxInflated, "largest body once inflated, in `bytes`")
	strict := fs.Bool("strict", false, "refuse (400) an event with a member of a shape the schema does not take, instead of delivering it with its problems")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "eventbind serve: %s\n", msg)
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if *token == "" {
		*token = os.Getenv("KOOK_VERIFY_TOKEN")
	}
	if *key == "" {
		*key = os.Getenv("KOOK_ENCRYPT_KEY")
	}
	if *token == "" {
		return usage("--verify-token (or $KOOK_VERIFY_TOKEN) is required")
	}
	if *maxBody <= 0 || *maxInflated <= 0 {
		return usage("--max-body and --max-inflated must be positive")
	}
	logger := log.New(stderr, "eventbind serve: ", 0)
	printer := &eventPrinter{w: stdout}
	rcv, err := webhook.New(webhook.Config{
		VerifyToken: *token,
		EncryptKey:  *key,
		MaxBody:     *maxBody,
		MaxInflated: *maxInflated,
		OnEvent:     printer.print,
		Strict:      *strict,
		Report:      func(r *http.Request, o webhook.Outcome) { logOutcome(logger, r, o) },
	})
	if err != nil {
		return usage(err.Error())
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		logger.Print(err)
		return exitFailed
	}
	srv := &http.Server{
		Handler:           rcv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          logger,
	}
	logger.Printf("listening on http://%s", ln.Addr())
	if ready != nil {
		ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		logger.Print(err)
		return exitFailed
	case <-ctx.Done():
	}
	// Requests under way finish (for up to 10 s); new ones are refused.
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Printf("shutdown: %v", err)
		return exitFailed
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		logger.Print(err)
		return exitFailed
	}
	logger.Print("stopped")
	return exitOK
}

// logOutcome writes one stderr line per request that is not a plain delivery
// (those are on stdout), and one for a delivery of a recovered event.
func logOutcome(logger *log.Logger, r *http.Request, o webhook.Outcome) {
	switch o.Kind {
	case webhook.Delivered:
		if ps := o.Event.Problems(); len(ps) > 0 {
			logger.Printf("delivered %s (sn %d) with %d problem(s): %s", o.Event.EventName(), o.SN, len(ps), strings.Join(jsonwire.ProblemStrings(ps), "; "))
		}
	case webhook.Refused:
		logger.Printf("refused %s %s from %s: %d %v", r.Method, r.URL.Path, r.RemoteAddr, o.Status, o.Err)
	case webhook.Duplicate:
		logger.Printf("duplicate sn %d (%s): acknowledged, not printed again", o.SN, o.Event.EventName())
	case webhook.Challenge:
		logger.Printf("answered the challenge from %s", r.RemoteAddr)
	}
}
