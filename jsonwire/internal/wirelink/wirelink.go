// Package wirelink lets the runtime (package wireimpl) keep its own detail on
// a *jsonwire.Error without that detail becoming part of jsonwire's API.
//
// Recovering decoding needs to know, of an error, the members around the
// value it is about and whether it is a missing required member. Those are
// the runtime's business, but users must still get a plain *jsonwire.Error,
// so jsonwire keeps the detail in an unexported field and hands these two
// functions to the runtime when it initializes. Only jsonwire sets them, and
// only wireimpl calls them.
package wirelink

var (
	// SetDetail stores detail in err, a *jsonwire.Error.
	SetDetail func(err error, detail any)
	// Detail returns what SetDetail stored in err, or nil when err is not a
	// *jsonwire.Error or holds no detail.
	Detail func(err error) any
)
