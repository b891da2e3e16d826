package wireimpl

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

// walk decodes any JSON value with the Decoder's typed API, the way generated
// code would, into the shapes encoding/json uses with UseNumber.
func walk(d *Decoder) (any, error) {
	switch d.Kind() {
	case KindNull:
		if !d.IsNull() {
			return nil, d.Skip() // "nul" and the like: let Skip report it
		}
		return nil, nil
	case KindBool:
		return d.Bool()
	case KindNumber:
		r, err := d.Raw()
		if err != nil {
			return nil, err
		}
		return json.Number(r), nil
	case KindString:
		return d.String()
	case KindArray:
		if err := d.ArrayStart(); err != nil {
			return nil, err
		}
		a := []any{}
		for {
			more, err := d.NextElem()
			if err != nil {
				return nil, err
			}
			if !more {
				return a, nil
			}
			v, err := walk(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case KindObject:
		if err := d.ObjectStart(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for {
			k, more, err := d.NextKey()
			if err != nil {
				return nil, err
			}
			if !more {
				return m, nil
			}
			key := string(k)
			v, err := walk(d)
			if err != nil {
				return nil, err
			}
			m[key] = v
		}
	}
	return nil, d.Skip() // reports the syntax error
}

// wantErr checks that err is a *Error whose Error() text is want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	var e *jsonwire.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, not *Error", err, err)
	}
	if got := err.Error(); got != want {
		t.Fatalf("error\n got %q\nwant %q", got, want)
	}
}

// asError returns err as *Error or fails.
func asError(t *testing.T, err error) *jsonwire.Error {
	t.Helper()
	var e *jsonwire.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, not *Error", err, err)
	}
	return e
}
