// Package generate is the generate command: the schema folders in, a Go
// package (and its Markdown reference) out. `eventbind generate` runs it, and
// so does internal/cmd/generate, which this repository's go:generate lines
// use: it imports no generated package, so regenerating works even while
// the committed generated code does not compile.
package generate

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/eventbind/eventbind/gen"
	"github.com/eventbind/eventbind/schema"
)

// Exit statuses, as the eventbind command's.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// DirList collects a repeatable flag (--schema).
type DirList []string

func (d *DirList) String() string     { return strings.Join(*d, ",") }
func (d *DirList) Set(s string) error { *d = append(*d, s); return nil }

// Run builds the model from the schema folders and writes the package, or
// with --check only reports whether the package is up to date. args are the
// flags after "generate"; the result is the exit status.
func Run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var schemas DirList
	fs.Var(&schemas, "schema", "schema folder, or the name of a schema built into the command (kook, onebot12) when no such folder exists (repeatable: later folders extend earlier ones)")
	out := fs.String("out", "", "folder of the generated package")
	check := fs.Bool("check", false, "write nothing; exit 1 when the package is not up to date")
	reference := fs.String("reference", "", "also write the Markdown reference of the schema to `FILE` (with --check: compare)")
	pkgName := fs.String("package", "", "package `name` of the generated files (default: the package clause of a Go file already in --out, else the schema's platform.package)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if len(schemas) == 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprint(stderr, "eventbind generate: need --schema and --out, and no other arguments\n")
		return exitUsage
	}
	dirs := SchemaDirs(schemas)
	m, err := gen.BuildDirs(dirs)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	name, err := packageName(*pkgName, *out)
	if err != nil {
		fmt.Fprintf(stderr, "eventbind generate: %v\n", err)
		return exitUsage
	}
	if name != "" {
		m.Package = name
	}
	var ref []byte
	if *reference != "" {
		link, err := referenceLink(*reference, dirs)
		if err != nil {
			fmt.Fprintf(stderr, "eventbind generate: --reference: %v\n", err)
			return exitUsage
		}
		ref = gen.Reference(m, link)
	}
	if *check {
		diff, err := gen.Diff(m, *out)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
		if ref != nil {
			if old, err := os.ReadFile(*reference); err != nil || !bytes.Equal(old, ref) {
				diff = append(diff, *reference)
			}
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
	if ref != nil {
		if err := os.MkdirAll(filepath.Dir(*reference), 0o755); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
		if err := os.WriteFile(*reference, ref, 0o644); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
	}
	return exitOK
}

// referenceLink is the last schema folder on disk as a link from the
// reference page; "" when every schema is built in.
func referenceLink(page string, dirs []gen.Dir) (string, error) {
	for i := len(dirs) - 1; i >= 0; i-- {
		if dirs[i].FS == nil {
			return gen.ReferenceLink(page, dirs[i].Path)
		}
	}
	return "", nil
}

// packageName returns the package name for the generated files: the flag's,
// else that of the hand-written Go files already in dir (doc.go), else ""
// for the schema's own.
func packageName(flagged, dir string) (string, error) {
	if flagged != "" {
		if !token.IsIdentifier(flagged) || flagged == "_" {
			return "", fmt.Errorf("--package %q is not a Go package name", flagged)
		}
		return flagged, nil
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	fset := token.NewFileSet()
	for _, file := range names {
		f, err := parser.ParseFile(fset, file, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil || strings.HasSuffix(file, "_test.go") || isGenerated(f) {
			continue
		}
		return f.Name.Name, nil
	}
	return "", nil
}

// isGenerated reports whether f starts with the generator's header.
func isGenerated(f *ast.File) bool {
	for _, c := range f.Comments {
		if strings.Contains(c.Text(), gen.Header) {
			return true
		}
	}
	return false
}

// SchemaDirs resolves the --schema values: a folder on disk, or else the name
// of a schema embedded in the command (schema.FS), which then needs no path
// into the module cache.
func SchemaDirs(values []string) []gen.Dir {
	var dirs []gen.Dir
	for _, v := range values {
		d := gen.Dir{Path: v}
		if _, err := os.Stat(v); err != nil && !strings.ContainsAny(v, `/\`) {
			if info, err := fs.Stat(schema.FS, v); err == nil && info.IsDir() {
				d = gen.Dir{FS: schema.FS, Path: v, Name: "eventbind/schema/" + v}
			}
		}
		dirs = append(dirs, d)
	}
	return dirs
}
