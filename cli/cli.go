// Package cli is the eventbind command line, importable so that a module
// with packages generated from an extended schema can build the same
// command around its own events (see Main):
//
//	eventbind generate --schema DIR [--schema DIR...] --out DIR [--package NAME] [--reference FILE] [--check]
//	eventbind decode [--strict] [--platform NAME] [FILE...]
//	eventbind drift --schema DIR --doc [ID=]FILE... [--docs-dir DIR] [--format text|jsonl] [--baseline FILE] [--write-baseline FILE] [--write-examples [--check]]
//	eventbind serve --verify-token T [--addr HOST:PORT] [--encrypt-key K] [--max-body N] [--max-inflated N]
//	eventbind listen [--compress 0|1] [--api URL] [--state FILE] [--strict]
package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/internal/generate"
)

// Exit statuses shared by the subcommands.
const (
	exitOK      = 0
	exitFailed  = 1 // some input failed (decode), output is stale (generate --check), new drift findings, serve failed
	exitUsage   = 2
	usageHeader = `usage:
  eventbind generate --schema DIR [--schema DIR...] --out DIR [--package NAME] [--reference FILE] [--check]
  eventbind decode [--strict] [--platform NAME] [FILE...]
  eventbind drift --schema DIR --doc [ID=]FILE... [--docs-dir DIR] [--format text|jsonl] [--baseline FILE] [--write-baseline FILE] [--write-examples [--check]]
  eventbind serve --verify-token T [--addr HOST:PORT] [--encrypt-key K] [--max-body N] [--max-inflated N]
  eventbind listen [--compress 0|1] [--api URL] [--state FILE] [--strict]   (token in $KOOK_TOKEN)
`
)

// Main is the command of a module whose packages were generated from an
// extended schema: with each of events in place of the bundled package of
// its platform, decode, serve and listen know the module's events, decoded
// by its own generated code. It runs the command os.Args asks for and exits.
//
//	// cmd/mybot-eventbind/main.go
//	func main() { cli.Main(mykook.Bind(nil)) }
func Main(events ...bind.Events) {
	for _, ev := range events {
		if err := Use(ev); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitUsage)
		}
	}
	os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Run runs the command with args (without the program's name) and returns
// its exit status: 0, 1 when some input failed (or what the subcommand
// documents), 2 for bad usage.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageHeader)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return generate.Run(args[1:], stderr)
	case "drift":
		return runDrift(args[1:], stdout, stderr)
	case "decode":
		return runDecode(args[1:], stdin, stdout, stderr)
	case "serve":
		return serveCommand(args[1:], stdout, stderr)
	case "listen":
		return listenCommand(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageHeader)
		return exitOK
	}
	fmt.Fprintf(stderr, "eventbind: unknown command %q\n%s", args[0], usageHeader)
	return exitUsage
}
