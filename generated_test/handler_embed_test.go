package generated_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// TestHandlerMustEmbed: a type with every exported Handler method but
// without NopHandler is not a Handler, so an event added to the schema can
// never break a user's handler silently; embedding NopHandler, or *Mux, is.
func TestHandlerMustEmbed(t *testing.T) {
	var methods strings.Builder
	h := reflect.TypeFor[kook.Handler]()
	exported := 0
	for i := range h.NumMethod() {
		m := h.Method(i)
		if !m.IsExported() {
			continue
		}
		exported++
		fmt.Fprintf(&methods, "func (all) %s(context.Context, *kook.%s) error { return nil }\n", m.Name, m.Type.In(1).Elem().Name())
	}
	if exported < 50 {
		t.Fatalf("kook.Handler has %d exported methods", exported)
	}
	src := `package user

import (
	"context"

	"github.com/eventbind/eventbind/events/kook"
)

type embeds struct{ kook.NopHandler }

var _ kook.Handler = embeds{}
var _ kook.Handler = (*kook.Mux)(nil)

type all struct{}

var _ kook.Handler = all{} // line 16: must not compile

` + methods.String()
	errs := typeCheck(t, src)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "user.go:16:") || !strings.Contains(errs[0], "missing method mustEmbedNopHandler") {
		t.Fatalf("type errors %q, want exactly one at line 16: all lacks mustEmbedNopHandler", errs)
	}
}

// TestVersionGuard: the version check generated packages carry fails to
// compile for a package generated for a runtime newer (or older) than this
// one, at that line.
func TestVersionGuard(t *testing.T) {
	for _, c := range []struct {
		version string
		ok      bool
	}{{"wireimpl.MaxVersion", true}, {"wireimpl.MaxVersion + 1", false}, {"wireimpl.MinVersion - 1", false}} {
		src := "package user\n\nimport \"github.com/eventbind/eventbind/jsonwire/wireimpl\"\n\nconst v = " + c.version + "\n\nconst (\n\t_ = wireimpl.EnforceVersion(v - wireimpl.MinVersion)\n\t_ = wireimpl.EnforceVersion(wireimpl.MaxVersion - v)\n)\n"
		errs := typeCheck(t, src)
		if c.ok != (len(errs) == 0) || (!c.ok && !strings.HasPrefix(errs[0], "user.go:8:") && !strings.HasPrefix(errs[0], "user.go:9:")) {
			t.Errorf("generated for %s: type errors %q", c.version, errs)
		}
	}
}

// typeCheck type-checks src as the file user.go of a package of a user's,
// importing this module's packages from source, and returns its errors.
func typeCheck(t *testing.T, src string) []string {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "user.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil), Error: func(err error) { errs = append(errs, err.Error()) }}
	conf.Check("user", fset, []*ast.File{file}, nil)
	return errs
}
