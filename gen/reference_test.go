package gen

import (
	"bytes"
	"path"
	"strings"
	"testing"
)

// TestReference: the reference page of the small schema names every event
// with its Go type, Handler and Mux methods and links to its examples, every
// shared object and enum has a section, and two renders are the same.
func TestReference(t *testing.T) {
	m, err := Build([]string{"testdata/cases/every_construct"})
	if err != nil {
		t.Fatal(err)
	}
	page := Reference(m, "../schema")
	if again := Reference(m, "../schema"); !bytes.Equal(page, again) {
		t.Fatal("two renders differ")
	}
	text := string(page)
	if !strings.HasPrefix(text, ReferenceHeader+"\n") {
		t.Errorf("no header line: %.80q", text)
	}
	if len(m.Events) == 0 {
		t.Fatal("the small schema has no events")
	}
	for _, ev := range m.Events {
		for _, want := range []string{
			`<a id="` + anchor(ev.GoName) + `"></a>`,
			"| Go type | `" + m.Package + "." + ev.GoName + "` |",
			"`Handler." + ev.Handling.Method + "`, `Mux." + ev.Handling.Mux + "`",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("event %s: the page lacks %q", ev.Name, want)
			}
		}
		for _, x := range ev.Examples {
			if want := "(" + path.Join("../schema", x.File) + ")"; !strings.Contains(text, want) {
				t.Errorf("event %s: no link %s", ev.Name, want)
			}
		}
	}
	for _, e := range m.Enums {
		if !strings.Contains(text, `<a id="`+anchor(e.GoName)+`"></a>`) {
			t.Errorf("enum %s has no section", e.GoName)
		}
	}
	if built := string(Reference(m, "")); strings.Contains(built, "](../") {
		t.Error("a schema without a link still links its examples")
	}
}
