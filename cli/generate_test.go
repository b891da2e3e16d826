package cli

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
	root, err := filepath.Abs("..")
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

// TestGenerateEmbeddedSchema: --schema kook names the schema built into the
// command when no folder of that name exists: it gives exactly the committed
// package, and a user's folder of extra entries extends it.
func TestGenerateEmbeddedSchema(t *testing.T) {
	for _, c := range []struct{ name, out string }{{"kook", "../events/kook"}, {"onebot12", "../events/onebot12"}} {
		if code, _, stderr := runCLI(t, []string{"generate", "--schema", c.name, "--out", c.out, "--check"}, ""); code != 0 {
			t.Errorf("--schema %s --check: exit %d: %s", c.name, code, stderr)
		}
	}
	if testing.Short() {
		t.Skip("-short: builds a package")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp(root, "embedtest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	mine := filepath.Join(dir, "schema")
	out := filepath.Join(dir, "mykook")
	for _, d := range []string{mine, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	entry := "events:\n  - name: user_profile_updated\n    family: system\n    doc: {en: A user changed their profile.}\n    docs: [\"000\"]\n    fields:\n      - {name: user_id, type: string, doc: {en: User ID.}}\n"
	if err := os.WriteFile(filepath.Join(mine, "mine.yaml"), []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "doc.go"), []byte("package mykook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, []string{"generate", "--schema", "kook", "--schema", mine, "--out", out}, ""); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	src, err := os.ReadFile(filepath.Join(out, "events.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "type UserProfileUpdated struct") || !strings.Contains(string(src), "\npackage mykook\n") {
		t.Errorf("the extended package lacks the new event or its package name")
	}
	vet := exec.Command("go", "vet", "./"+filepath.Base(dir)+"/mykook")
	vet.Dir = root
	if msg, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, msg)
	}
	// An error in an embedded file names it as the command's.
	bad := filepath.Join(dir, "bad")
	os.Mkdir(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "x.yaml"), []byte("events:\n  - {name: e, family: nope, doc: {en: E.}, docs: [\"000\"]}\n"), 0o644)
	if code, _, stderr := runCLI(t, []string{"generate", "--schema", "kook", "--schema", bad, "--out", out}, ""); code != 1 || !strings.Contains(stderr, "x.yaml:2:23: event e: unknown family \"nope\"") {
		t.Errorf("a bad entry over the embedded schema: exit %d, %s", code, stderr)
	}
}
