package gen

import (
	"strings"
	"testing"
)

// TestTypeCheckBackstop: the backstop passes what the generator renders and
// refuses a package that does not compile, naming the declarations.
func TestTypeCheckBackstop(t *testing.T) {
	m, err := Build([]string{"testdata/small"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := typeCheck(m.Package, files); err != nil {
		t.Fatalf("the small schema's package: %v", err)
	}
	files["clash.go"] = []byte("package " + m.Package + "\n\nfunc Decode() {}\n")
	err = typeCheck(m.Package, files)
	if err == nil || !strings.Contains(err.Error(), "Decode redeclared in this block") || !strings.Contains(err.Error(), "a generator bug") {
		t.Fatalf("a redeclared Decode: %v", err)
	}
}
