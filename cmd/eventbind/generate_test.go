package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratePackageName: the generated files take the package of a Go file
// already in --out (a user's doc.go), or --package, and the package vets; a
// --package that is no Go name is a usage error.
func TestGeneratePackageName(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a package")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join(root, "schema", "kook")
	for _, c := range []struct {
		name, doc string
		args      []string
		want      string
	}{
		{"from doc.go", "// Package mykook is mine.\npackage mykook\n", nil, "mykook"},
		{"from --package", "", []string{"--package", "bindings"}, "bindings"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, err := os.MkdirTemp(root, "pkgtest-")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			if c.doc != "" {
				if err := os.WriteFile(filepath.Join(dir, "doc.go"), []byte(c.doc), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{"generate", "--schema", schema, "--out", dir}, c.args...)
			if code, _, stderr := runCLI(t, args, ""); code != 0 {
				t.Fatalf("generate: exit %d: %s", code, stderr)
			}
			src, err := os.ReadFile(filepath.Join(dir, "events.go"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), "\npackage "+c.want+"\n") {
				t.Errorf("events.go is not package %s", c.want)
			}
			// A second run keeps the name (the generated files are not asked).
			if code, _, stderr := runCLI(t, append(args, "--check"), ""); code != 0 {
				t.Errorf("generate --check after generating: exit %d: %s", code, stderr)
			}
			vet := exec.Command("go", "vet", "./"+filepath.Base(dir))
			vet.Dir = root
			if msg, err := vet.CombinedOutput(); err != nil {
				t.Errorf("go vet: %v\n%s", err, msg)
			}
		})
	}
	if code, _, stderr := runCLI(t, []string{"generate", "--schema", schema, "--out", t.TempDir(), "--package", "my-kook"}, ""); code != 2 || !strings.Contains(stderr, `--package "my-kook" is not a Go package name`) {
		t.Errorf("bad --package: exit %d, %q", code, stderr)
	}
}
