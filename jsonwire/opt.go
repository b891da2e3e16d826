package jsonwire

// Opt is an optional field: Set is false when the key was absent.
//
// Absence and null are different facts in the event documents, so Opt says
// "was the key there" and Null says "was the value null"; a field that may be
// both absent and null is an Opt[Null[T]].
type Opt[T any] struct {
	Value T
	Set   bool
}

// Some returns a present optional value, for building events in code.
func Some[T any](v T) Opt[T] { return Opt[T]{Value: v, Set: true} }

// Get returns the value and whether it was set; the value is T's zero value
// when it was not, so callers cannot pick up a stale Value by mistake.
func (o Opt[T]) Get() (T, bool) {
	if !o.Set {
		var zero T
		return zero, false
	}
	return o.Value, true
}

// Or returns the value when it is set and def otherwise, which covers the
// common "documented default" case in one expression.
func (o Opt[T]) Or(def T) T {
	if !o.Set {
		return def
	}
	return o.Value
}

// Null is a nullable field: Valid is false when the JSON value was null.
type Null[T any] struct {
	Value T
	Valid bool
}

// NotNull returns a non-null value, for building events in code.
func NotNull[T any](v T) Null[T] { return Null[T]{Value: v, Valid: true} }

// Get returns the value and whether it was non-null; the value is T's zero
// value for null.
func (n Null[T]) Get() (T, bool) {
	if !n.Valid {
		var zero T
		return zero, false
	}
	return n.Value, true
}
