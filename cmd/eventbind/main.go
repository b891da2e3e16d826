// Command eventbind generates typed event bindings from a schema and decodes
// event streams with them.
//
//	eventbind generate --schema DIR [--schema DIR...] --out DIR [--package NAME] [--reference FILE] [--check]
//	eventbind decode [--strict] [--platform NAME] [FILE...]
//	eventbind drift --schema DIR --doc [ID=]FILE... [--docs-dir DIR] [--format text|jsonl] [--baseline FILE] [--write-baseline FILE] [--write-examples [--check]]
//	eventbind serve --verify-token T [--addr HOST:PORT] [--encrypt-key K] [--max-body N] [--max-inflated N]
//	eventbind listen [--compress 0|1] [--api URL] [--state FILE] [--strict]
package main

import (
	"fmt"
	"io"
	"os"
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

// serveCommand runs `eventbind serve`. serve.go sets it; the build tag
// eventbind_generate_only leaves serve.go out, as it does the platforms.
var serveCommand func(args []string, stdout, stderr io.Writer) int

// listenCommand runs `eventbind listen`; listen.go sets it, as serve.go
// sets serveCommand.
var listenCommand func(args []string, stdout, stderr io.Writer) int

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageHeader)
		return exitUsage
	}
	switch args[0] {
	case "generate":
		return runGenerate(args[1:], stderr)
	case "drift":
		return runDrift(args[1:], stdout, stderr)
	case "decode":
		return runDecode(args[1:], stdin, stdout, stderr)
	case "serve":
		if serveCommand == nil {
			fmt.Fprintln(stderr, "eventbind: serve is not built in (build tag eventbind_generate_only)")
			return exitUsage
		}
		return serveCommand(args[1:], stdout, stderr)
	case "listen":
		if listenCommand == nil {
			fmt.Fprintln(stderr, "eventbind: listen is not built in (build tag eventbind_generate_only)")
			return exitUsage
		}
		return listenCommand(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageHeader)
		return exitOK
	}
	fmt.Fprintf(stderr, "eventbind: unknown command %q\n%s", args[0], usageHeader)
	return exitUsage
}
