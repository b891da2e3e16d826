package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/gen"
	"github.com/eventbind/eventbind/internal/drift"
	"github.com/eventbind/eventbind/internal/generate"
	"github.com/eventbind/eventbind/jsonwire"
)

// runDrift compares documentation pages with a schema and prints the
// findings that the baseline does not hold (exit 1 when there are any), or
// with --write-examples refreshes the example files the schema cites.
func runDrift(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("drift", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var schemas, docs, dirs generate.DirList
	fl.Var(&schemas, "schema", "schema folder, or the name of a built-in schema (kook, onebot12); repeatable as for generate")
	fl.Var(&docs, "doc", "a page, as `ID=FILE` (ID: a document of the schema) or FILE (the document found by its source); repeatable")
	fl.Var(&dirs, "docs-dir", "read every .md and .txt page of this `DIR` (but README.md), each its document by its source; repeatable")
	format := fl.String("format", "text", "output: text (one finding a line) or jsonl (one JSON object a finding)")
	baseline := fl.String("baseline", "", "`FILE` of accepted findings (text form, one a line): only others are printed and fail")
	writeBaseline := fl.String("write-baseline", "", "write every finding to `FILE` as a baseline, and exit 0")
	writeExamples := fl.Bool("write-examples", false, "rewrite the example files the schema cites from the pages (their repairs applied); print no findings")
	check := fl.Bool("check", false, "with --write-examples: write nothing, list the files that would change, exit 1 when some would")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "eventbind drift: "+format+"\n", a...)
		return exitUsage
	}
	switch {
	case len(schemas) == 0:
		return usage("need --schema")
	case len(docs) == 0 && len(dirs) == 0:
		return usage("need --doc or --docs-dir")
	case fl.NArg() > 0:
		return usage("unexpected argument %q", fl.Arg(0))
	case *format != "text" && *format != "jsonl":
		return usage("--format %q: want text or jsonl", *format)
	case *check && !*writeExamples:
		return usage("--check goes with --write-examples")
	}
	sdirs := generate.SchemaDirs(schemas)
	m, err := gen.BuildDirs(sdirs)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	c := &drift.Checker{Model: m, ReadFile: func(name string) ([]byte, error) { return readSchemaFile(sdirs, name) }}
	if p := platformByName(m.Platform); p != nil {
		c.Decode = func(data []byte) (string, error) {
			// Strict, as the package's Decode is.
			_, _, err := p.events.Decode(data, bind.DecodeOptions{})
			var we *jsonwire.Error
			if errors.As(err, &we) {
				return we.Path, err
			}
			return "", err
		}
	} else {
		fmt.Fprintf(stderr, "eventbind drift: no decoder for platform %q in this build: examples are not decoded\n", m.Platform)
	}
	pages, err := readPages(m, docs, dirs)
	if err != nil {
		return usage("%v", err)
	}
	var all []drift.Finding
	var ups []drift.Update
	for _, p := range pages {
		fs, us := c.Check(p)
		all = append(all, fs...)
		ups = append(ups, us...)
	}
	all = drift.Sort(all)
	if *writeExamples {
		return writeExampleFiles(sdirs, ups, *check, stdout, stderr)
	}
	if *writeBaseline != "" {
		var buf bytes.Buffer
		_ = drift.WriteBaseline(&buf, all)
		if err := os.WriteFile(*writeBaseline, buf.Bytes(), 0o644); err != nil {
			return usage("%v", err)
		}
		fmt.Fprintf(stderr, "eventbind drift: wrote %d finding(s) to %s\n", len(all), *writeBaseline)
		return exitOK
	}
	fresh, gone := all, []string(nil)
	if *baseline != "" {
		f, err := os.Open(*baseline)
		if err != nil {
			return usage("%v", err)
		}
		b, err := drift.ReadBaseline(f)
		f.Close()
		if err != nil {
			return usage("%s: %v", *baseline, err)
		}
		fresh, gone = b.Split(all)
	}
	if *format == "jsonl" {
		_ = drift.WriteJSONL(stdout, fresh)
	} else {
		_ = drift.WriteText(stdout, fresh)
	}
	for _, g := range gone {
		fmt.Fprintf(stderr, "eventbind drift: baseline entry no longer found: %s\n", g)
	}
	fmt.Fprintf(stderr, "eventbind drift: %d page(s), %d finding(s), %d in the baseline, %d new\n", len(pages), len(all), len(all)-len(fresh), len(fresh))
	if len(fresh) > 0 {
		return exitFailed
	}
	return exitOK
}

// readPages reads the pages named by --doc and --docs-dir.
func readPages(m *gen.Model, docs, dirs []string) ([]*drift.Page, error) {
	type named struct{ id, file string }
	var files []named
	for _, d := range docs {
		id, file, ok := strings.Cut(d, "=")
		if !ok {
			id, file = drift.DocOf(m, d), d
		} else if !drift.HasDocument(m, id) {
			return nil, fmt.Errorf("--doc %s: the schema has no document %q", d, id)
		}
		files = append(files, named{id, file})
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || n == "README.md" || !(strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".txt")) {
				continue
			}
			file := filepath.Join(dir, n)
			files = append(files, named{drift.DocOf(m, file), file})
		}
	}
	var pages []*drift.Page
	seen := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f.file)
		if err != nil {
			return nil, err
		}
		name := f.id
		if name == "" {
			name = filepath.Base(f.file)
		}
		if other, dup := seen[name]; dup {
			return nil, fmt.Errorf("%s and %s are both page %q", other, f.file, name)
		}
		seen[name] = f.file
		pages = append(pages, drift.ParsePage(name, f.id, string(data)))
	}
	return pages, nil
}

// readSchemaFile reads a file the schema cites, from the last folder that
// has it (later folders extend earlier ones).
func readSchemaFile(dirs []gen.Dir, name string) ([]byte, error) {
	var err error
	for i := len(dirs) - 1; i >= 0; i-- {
		var data []byte
		if data, err = dirs[i].ReadFile(name); err == nil {
			return data, nil
		}
	}
	return nil, err
}

// writeExampleFiles writes the updates into the schema folders on disk (the
// last that has each file), or with check only lists them.
func writeExampleFiles(dirs []gen.Dir, ups []drift.Update, check bool, stdout, stderr io.Writer) int {
	slices.SortFunc(ups, func(a, b drift.Update) int { return strings.Compare(a.File, b.File) })
	changed := 0
	for i, u := range ups {
		if i > 0 && ups[i-1].File == u.File {
			if !bytes.Equal(ups[i-1].Data, u.Data) {
				fmt.Fprintf(stderr, "eventbind drift: %s: pages %s and %s give it different contents\n", u.File, ups[i-1].Page, u.Page)
				return exitFailed
			}
			continue
		}
		target := ""
		for j := len(dirs) - 1; j >= 0; j-- {
			if d := dirs[j]; d.FS == nil && d.Exists(u.File) {
				target = filepath.Join(d.Path, u.File)
				break
			}
		}
		if target == "" {
			fmt.Fprintf(stderr, "eventbind drift: %s is not in a schema folder on disk (a built-in schema cannot be written)\n", u.File)
			return exitUsage
		}
		changed++
		if check {
			fmt.Fprintf(stdout, "would update %s from %s line %d\n", target, u.Page, u.Line)
			continue
		}
		if err := os.WriteFile(target, u.Data, 0o644); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "updated %s from %s line %d\n", target, u.Page, u.Line)
	}
	if check && changed > 0 {
		return exitFailed
	}
	return exitOK
}
