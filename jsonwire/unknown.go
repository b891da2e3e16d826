package jsonwire

// Field is one object member the schema does not model.
type Field struct {
	Key   string
	Value Raw
}

// Unknown keeps the members a schema does not model, in input order, so
// re-encoding loses nothing. The platforms add fields without notice; this is
// what lets an older schema pass them through.
type Unknown []Field

// AppendTo appends each field as `,"key":value`, using Comma before each so
// that it works right after '{' as well as after other members.
func (u Unknown) AppendTo(b []byte) []byte {
	for _, f := range u {
		b = AppendKey(b, f.Key)
		b = AppendRaw(b, f.Value)
	}
	return b
}

// UnknownField captures the next value verbatim into *u under key, copying
// both, since key and input may be reused by the caller. A nil u validates
// and drops the value, for types that do not keep unknown members. When
// ReportUnknown is set it also records d.Path() in the unknown-path list.
func (d *Decoder) UnknownField(u *Unknown, key []byte) error {
	if u == nil {
		if err := d.Skip(); err != nil {
			return err
		}
	} else {
		v, err := d.Raw()
		if err != nil {
			return err
		}
		*u = append(*u, Field{Key: string(key), Value: v})
	}
	if d.ReportUnknown {
		d.unknown = append(d.unknown, d.Path())
	}
	return nil
}

// UnknownPaths returns the paths recorded by UnknownField, in input order.
func (d *Decoder) UnknownPaths() []string { return d.unknown }
