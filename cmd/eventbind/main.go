// Command eventbind generates typed event bindings from a schema and decodes
// event streams with them.
//
//	eventbind generate --schema DIR [--schema DIR...] --out DIR [--check]
//	eventbind decode [--strict] [--platform NAME] [FILE...]
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses shared by the subcommands.
const (
	exitOK      = 0
	exitFailed  = 1 // some input failed (decode) or output is stale (generate --check)
	exitUsage   = 2
	usageHeader = `usage:
  eventbind generate --schema DIR [--schema DIR...] --out DIR [--check]
  eventbind decode [--strict] [--platform NAME] [FILE...]
`
)

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
	case "decode":
		return runDecode(args[1:], stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageHeader)
		return exitOK
	}
	fmt.Fprintf(stderr, "eventbind: unknown command %q\n%s", args[0], usageHeader)
	return exitUsage
}
