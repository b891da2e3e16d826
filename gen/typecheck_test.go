package gen

import (
	"strings"
	"testing"

	"github.com/eventbind/eventbind/jsonwire/wireimpl"
)

// TestTypeCheckBackstop: the backstop passes what the generator renders and
// refuses a package that does not compile, naming the declarations.
func TestTypeCheckBackstop(t *testing.T) {
	m, err := Build([]string{"testdata/cases/every_construct"})
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

// TestWireFormBits: each form's bit in the model is the bit of the
// wireimpl.Accept constant that the generated decoders are given for it.
func TestWireFormBits(t *testing.T) {
	accept := map[string]wireimpl.Accept{
		"AcceptNumber": wireimpl.AcceptNumber, "AcceptString": wireimpl.AcceptString,
		"AcceptBool": wireimpl.AcceptBool, "AcceptNull": wireimpl.AcceptNull,
		"AcceptEmptyArray": wireimpl.AcceptEmptyArray, "AcceptJSON": wireimpl.AcceptJSON,
		"AcceptEmptyString": wireimpl.AcceptEmptyString,
	}
	if len(accept) != len(wireForms) {
		t.Fatalf("%d forms in the model, %d here", len(wireForms), len(accept))
	}
	for i, f := range wireForms {
		if v, ok := accept[f.accept]; !ok || uint8(v) != 1<<i {
			t.Errorf("form %s: bit %d, but wireimpl.%s is %d", f.schema, 1<<i, f.accept, v)
		}
	}
}
