package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtensionRuleErrors: platform.extensions is checked where it stands:
// one separator byte outside the prefix alphabet, a prefix alphabet, an
// example that the rule takes.
func TestExtensionRuleErrors(t *testing.T) {
	const good = `  extensions: {prefix_chars: "abcdefghijklmnopqrstuvwxyz0123456789", separator: ":", example: "x1:note", docs: [spec]}`
	for _, c := range []struct{ name, line, want string }{
		{"sound", good, ""},
		{"separator in the prefix", `  extensions: {prefix_chars: "ab:", separator: ":", example: "a:b", docs: [spec]}`, `platform.yaml:12:48: platform.extensions: separator ":": want one byte that is not a prefix byte`},
		{"long separator", `  extensions: {prefix_chars: "ab", separator: "::", example: "a::b", docs: [spec]}`, `separator "::": want one byte`},
		{"empty prefix", `  extensions: {prefix_chars: "", separator: ":", example: "a:b", docs: [spec]}`, `platform.yaml:12:15: platform.extensions: prefix_chars is empty`},
		{"example not one", `  extensions: {prefix_chars: "ab", separator: ":", example: "c:d", docs: [spec]}`, `platform.extensions: example "c:d" is not an extension by its own rule`},
		{"unknown document", `  extensions: {prefix_chars: "ab", separator: ":", example: "a:d", docs: [nope]}`, `unknown document "nope"`},
		{"a boolean", `  extensions: true`, `platform.extensions`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			files, err := filepath.Glob("testdata/cases/every_construct/*")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if fi, err := os.Stat(f); err != nil || fi.IsDir() {
					continue
				}
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if filepath.Base(f) == "platform.yaml" {
					if !strings.Contains(string(data), good) {
						t.Fatal("testdata/cases/every_construct/platform.yaml no longer has the extensions line this test edits")
					}
					data = []byte(strings.Replace(string(data), good, c.line, 1))
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.CopyFS(filepath.Join(dir, "testdata"), os.DirFS("testdata/cases/every_construct/testdata")); err != nil {
				t.Fatal(err)
			}
			m, err := Build([]string{dir})
			if c.want == "" {
				if err != nil || m.Extensions == nil || !m.Extensions.Match("x1:note") || m.Extensions.Match("X1:note") || m.Extensions.Match("x1") {
					t.Fatalf("err %v, extensions %+v", err, m.Extensions)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
