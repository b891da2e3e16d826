package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/eventbind/eventbind/gen"
)

// dirList collects a repeatable --schema flag.
type dirList []string

func (d *dirList) String() string     { return strings.Join(*d, ",") }
func (d *dirList) Set(s string) error { *d = append(*d, s); return nil }

// runGenerate builds the model from the schema folders and writes the package,
// or with --check only reports whether the package is up to date.
func runGenerate(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var schemas dirList
	fs.Var(&schemas, "schema", "schema folder (repeatable: later folders extend earlier ones)")
	out := fs.String("out", "", "folder of the generated package")
	check := fs.Bool("check", false, "write nothing; exit 1 when the package is not up to date")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if len(schemas) == 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprint(stderr, "eventbind generate: need --schema and --out, and no other arguments\n")
		return exitUsage
	}
	m, err := gen.Build(schemas)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	if *check {
		diff, err := gen.Diff(m, *out)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
		for _, name := range diff {
			fmt.Fprintf(stderr, "stale: %s\n", name)
		}
		if len(diff) > 0 {
			return exitFailed
		}
		return exitOK
	}
	if err := gen.Write(m, *out); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	return exitOK
}
