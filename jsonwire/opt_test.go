package jsonwire

import "testing"

func TestOpt(t *testing.T) {
	var o Opt[int]
	if v, ok := o.Get(); ok || v != 0 {
		t.Errorf("zero Opt Get = %v, %v", v, ok)
	}
	if o.Or(5) != 5 {
		t.Error("zero Opt Or")
	}
	// Get ignores a stale Value when Set is false.
	if v, ok := (Opt[int]{Value: 3}).Get(); ok || v != 0 {
		t.Errorf("unset Opt Get = %v, %v", v, ok)
	}
	o = Some(0)
	if v, ok := o.Get(); !ok || v != 0 || o.Or(5) != 0 {
		t.Errorf("Some(0) = %v, %v, Or %v", v, ok, o.Or(5))
	}
	s := Some("x")
	if !s.Set || s.Value != "x" {
		t.Errorf("Some = %+v", s)
	}
}

func TestNull(t *testing.T) {
	var n Null[string]
	if v, ok := n.Get(); ok || v != "" {
		t.Errorf("zero Null Get = %q, %v", v, ok)
	}
	if v, ok := (Null[string]{Value: "stale"}).Get(); ok || v != "" {
		t.Errorf("invalid Null Get = %q, %v", v, ok)
	}
	n = NotNull("")
	if v, ok := n.Get(); !ok || v != "" {
		t.Errorf("NotNull(\"\") Get = %q, %v", v, ok)
	}
	on := Some(NotNull(1.5))
	if v, ok := on.Value.Get(); !on.Set || !ok || v != 1.5 {
		t.Errorf("Opt[Null] = %+v", on)
	}
}
