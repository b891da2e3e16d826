package gen

import (
	"go/ast"
	gobuild "go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"
)

// TestGenImportsNothingGenerated: the generator must build when the
// generated packages do not (regenerating is how they are fixed), so of this
// module it imports only the runtime that it writes literals with.
func TestGenImportsNothingGenerated(t *testing.T) {
	const module = "github.com/eventbind/eventbind/"
	pkg, err := gobuild.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasPrefix(imp, module) && imp != module+"jsonwire/wireimpl" && imp != module+"jsonwire" {
			t.Errorf("gen imports %s", imp)
		}
	}
}

// TestUserNamesAreJsonwire: wire sends to jsonwire exactly the names that
// jsonwire declares at its top level, and the rest to the runtime.
func TestUserNamesAreJsonwire(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "../jsonwire", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for name, obj := range f.Scope.Objects {
				if token.IsExported(name) && obj.Kind != ast.Bad {
					declared[name] = true
				}
			}
		}
	}
	for _, name := range sortedKeys(declared) {
		if !userNames[name] {
			t.Errorf("jsonwire declares %s, which wire would take from the runtime", name)
		}
	}
	for _, name := range sortedKeys(userNames) {
		if !declared[name] {
			t.Errorf("userNames has %s, which jsonwire does not declare", name)
		}
	}
}
