package wireimpl

import (
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

type (
	intoLevel int
	intoRole  string
)

// The Into helpers give the same value, form and error as the readers they
// wrap, converted to the field's named type.
func TestIntoHelpers(t *testing.T) {
	var l intoLevel
	if err := IntInto(NewDecoder([]byte(`7`), ""), &l); err != nil || l != 7 {
		t.Errorf("IntInto: %v, %v", l, err)
	}
	if err := IntInto(NewDecoder([]byte(`"7"`), "d"), &l); err == nil || err.Error() != "d: want number, got string" {
		t.Errorf("IntInto on a string: %v", err)
	}
	var r intoRole
	if err := StringInto(NewDecoder([]byte(`"admin"`), ""), &r); err != nil || r != "admin" {
		t.Errorf("StringInto: %q, %v", r, err)
	}
	if err := StringInto(NewDecoder([]byte(`1`), "d"), &r); err == nil {
		t.Errorf("StringInto on a number: no error, %q", r)
	}
	var f jsonwire.Form
	if err := IntAsInto(NewDecoder([]byte(`"12"`), ""), &l, &f, AcceptString); err != nil || l != 12 || f != jsonwire.AsString {
		t.Errorf("IntAsInto: %v %v %v", l, f, err)
	}
	if err := IntAsInto(NewDecoder([]byte(`true`), "d"), &l, &f, AcceptString); err == nil {
		t.Errorf("IntAsInto on a bool: no error")
	}
	if err := StringAsInto(NewDecoder([]byte(`12`), ""), &r, &f, AcceptNumber); err != nil || r != "12" || f != jsonwire.AsNumber {
		t.Errorf("StringAsInto: %q %v %v", r, f, err)
	}
	if err := StringAsInto(NewDecoder([]byte(`{}`), "d"), &r, &f, AcceptNumber); err == nil {
		t.Errorf("StringAsInto on an object: no error")
	}
}
