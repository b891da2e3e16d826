package jsonwire

// Raw is a JSON value kept verbatim, for fields the schema leaves untyped and
// for members it does not model at all.
type Raw []byte

// Field is one object member the schema does not model.
type Field struct {
	Key   string
	Value Raw
}

// Unknown keeps the members a schema does not model, in input order, so
// re-encoding loses nothing. The platforms add fields without notice; this is
// what lets an older schema pass them through.
type Unknown []Field

// Get returns the value of the last member named key.
func (u Unknown) Get(key string) (Raw, bool) {
	for i := len(u) - 1; i >= 0; i-- {
		if u[i].Key == key {
			return u[i].Value, true
		}
	}
	return nil, false
}
