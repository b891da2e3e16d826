package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestReservedNamesAreDeclared holds the reserved package-level names to what
// generated packages declare: every package-level name of a generated package
// is the model's (a type or an enum constant of the schema) or reserved, so
// that a schema cannot take it; and every reserved name is declared by the
// KOOK package (which has a frame and signals), so that the list does not keep
// names the generator no longer writes.
func TestReservedNamesAreDeclared(t *testing.T) {
	dirs := []string{"../schema/kook", "../schema/onebot12"}
	cases, err := filepath.Glob(filepath.Join("testdata", "cases", "*", "want"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range cases {
		dirs = append(dirs, filepath.Dir(want))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			m, err := Build([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(m)
			if err != nil {
				t.Fatal(err)
			}
			declared := packageNames(t, files)
			for _, name := range sortedKeys(declared) {
				// checkDerivedNames keeps a union's decoder decode<Union> apart
				// from the package's other decode functions, which it lists.
				if strings.HasPrefix(name, "decode") && !decodeFuncs[name] && !isUnionDecoder(m, name) {
					t.Errorf("the package declares %s, which is neither a union's decoder nor in decodeFuncs", name)
				}
			}
			model := modelNames(m)
			for _, name := range sortedKeys(declared) {
				if !model[name] && !reservedTypeNames[name] && !(m.Signals != nil && reservedSignalNames[name]) && token.IsExported(name) {
					t.Errorf("the package declares %s, which is neither the model's nor reserved", name)
				}
			}
			if filepath.Base(dir) != "kook" {
				return
			}
			for _, reserved := range []map[string]bool{reservedTypeNames, reservedSignalNames} {
				for _, name := range sortedKeys(reserved) {
					if !declared[name] {
						t.Errorf("%s is reserved, but the package does not declare it", name)
					}
				}
			}
		})
	}
}

// packageNames returns the package-level names that files declare.
func packageNames(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range sortedKeys(files) {
		f, err := parser.ParseFile(fset, name, files[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						out[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.Name != "_" {
								out[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	return out
}

// modelNames are the package-level names that come from the schema: its
// types and enum constants.
func modelNames(m *Model) map[string]bool {
	out := map[string]bool{}
	for _, o := range m.Objects {
		out[o.GoName] = true
	}
	for _, e := range m.Enums {
		out[e.GoName] = true
		for _, v := range e.Values {
			out[v.GoName] = true
		}
	}
	for _, u := range m.Unions {
		out[u.GoName] = true
		out[u.UnknownGoName] = true
	}
	for _, ev := range m.Events {
		out[ev.GoName] = true
	}
	if m.Signals != nil {
		for _, sg := range m.Signals.List {
			out[sg.GoName] = true
		}
	}
	return out
}

// isUnionDecoder reports whether name is decode<Union> of one of m's unions.
func isUnionDecoder(m *Model, name string) bool {
	for _, u := range m.Unions {
		if name == "decode"+u.GoName {
			return true
		}
	}
	return false
}
