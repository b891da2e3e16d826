package wireimpl

import "github.com/eventbind/eventbind/jsonwire"

// The Into helpers read a value into a field of one of the schema's named
// types (an enum), which a plain assignment from d.Int() or d.String() cannot
// take without a conversion. One call in the generated code, not a block:
//
//	err = wireimpl.IntInto(d, &x.Type)

// IntInto reads an integer into *p.
func IntInto[T ~int](d *Decoder, p *T) error {
	v, err := d.Int()
	*p = T(v)
	return err
}

// StringInto reads a string into *p.
func StringInto[T ~string](d *Decoder, p *T) error {
	v, err := d.String()
	*p = T(v)
	return err
}

// IntAsInto reads an integer into *p, in any of the forms a accepts, and the
// form it came in into *f.
func IntAsInto[T ~int](d *Decoder, p *T, f *jsonwire.Form, a Accept) error {
	v, form, err := d.IntAs(a)
	*p, *f = T(v), form
	return err
}

// StringAsInto reads a string into *p, in any of the forms a accepts, and the
// form it came in into *f.
func StringAsInto[T ~string](d *Decoder, p *T, f *jsonwire.Form, a Accept) error {
	v, form, err := d.StringAs(a)
	*p, *f = T(v), form
	return err
}
