package gen

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./gen -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// generate builds the schema in dir and renders its package.
func generate(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m, err := Build([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSmallSchemaGolden holds the generator's output for a schema that uses
// every construct once, and builds it: goldens under testdata are not part of
// ./..., so the test compiles them itself.
func TestSmallSchemaGolden(t *testing.T) {
	files := generate(t, "testdata/small")
	out := filepath.Join("testdata", "smallout")
	for _, name := range sortedKeys(files) {
		checkGolden(t, filepath.Join(out, name), files[name])
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("%s/%s is no longer generated", out, e.Name())
		}
	}
	if testing.Short() {
		t.Skip("-short: not compiling the golden output")
	}
	cmd := exec.Command("go", "vet", "./"+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet of the golden output: %v\n%s", err, msg)
	}
}

// TestGenerateIsDeterministic renders twice and compares.
func TestGenerateIsDeterministic(t *testing.T) {
	var first map[string][]byte
	for i := 0; i < 3; i++ {
		files := generate(t, "../schema/kook")
		if first == nil {
			first = files
			continue
		}
		if diff := cmp.Diff(first, files); diff != "" {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

// TestBrokenSchemaErrors holds the exact file:line:col messages of a schema
// with one mistake of each kind, all reported in one run.
func TestBrokenSchemaErrors(t *testing.T) {
	_, err := Build([]string{"testdata/broken"})
	if err == nil {
		t.Fatal("broken schema built")
	}
	checkGolden(t, filepath.Join("testdata", "broken.errors.golden"), []byte(err.Error()+"\n"))
}

func TestHeaderIsRecognisedByGoTools(t *testing.T) {
	for name, src := range generate(t, "testdata/small") {
		first, _, _ := strings.Cut(string(src), "\n")
		// The pattern Go's tools match: ^// Code generated .* DO NOT EDIT\.$
		if !strings.HasPrefix(first, "// Code generated ") || !strings.HasSuffix(first, " DO NOT EDIT.") {
			t.Errorf("%s starts with %q", name, first)
		}
	}
}

// TestOutputIsGofmtClean: gofmt leaves every generated file as it is.
func TestOutputIsGofmtClean(t *testing.T) {
	for _, dir := range []string{"testdata/small", "../schema/kook", "../schema/onebot12"} {
		for name, src := range generate(t, dir) {
			if got, err := format.Source(src); err != nil || !bytes.Equal(got, src) {
				t.Errorf("%s: %s is not gofmt-clean (%v)", dir, name, err)
			}
		}
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"channel_type": "ChannelType", "msg_id": "MsgID", "id": "ID", "url": "URL",
		"sn": "SN", "notice.channel_create": "NoticeChannelCreate", "kmarkdown": "KMarkdown",
		"extra.type": "ExtraType", "raw_content": "RawContent",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}
