package jsonwire

import (
	"strings"
	"testing"
)

func TestErrorString(t *testing.T) {
	e := &Error{Path: "d.extra.body.joined_at", Offset: 7, Msg: "want number, got string"}
	if got, want := e.Error(), "d.extra.body.joined_at: want number, got string"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e = &Error{Offset: 12, Msg: "unexpected end of input"}
	if got, want := e.Error(), "offset 12: unexpected end of input"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProblemStrings(t *testing.T) {
	ps := []Problem{
		{Path: "d.extra.body.joined_at", Offset: 7, Msg: "want number, got string", Member: "d.extra.body.joined_at", Value: Raw(`"x"`)},
		{Path: "d.id", Offset: 30, Msg: "required field missing", Member: "d.id"},
	}
	got := strings.Join(ProblemStrings(ps), "\n")
	want := "d.extra.body.joined_at: want number, got string\nd.id: required field missing"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormString(t *testing.T) {
	if got := AsNumericString.String(); got != "numeric string" {
		t.Errorf("AsNumericString = %q", got)
	}
	if got := Form(200).String(); got != "Form(200)" {
		t.Errorf("Form(200) = %q", got)
	}
}

func TestUnknownGet(t *testing.T) {
	u := Unknown{{Key: "a", Value: Raw("1")}, {Key: "b", Value: Raw("2")}, {Key: "a", Value: Raw("3")}}
	if v, ok := u.Get("a"); !ok || string(v) != "3" {
		t.Errorf("Get(a) = %s, %v: want the last", v, ok)
	}
	if _, ok := u.Get("c"); ok {
		t.Error("Get(c) found a member")
	}
}
