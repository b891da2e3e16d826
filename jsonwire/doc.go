// Package jsonwire is the small runtime that eventbind's generated decoders
// and encoders call.
//
// Generated code knows every type at compile time, so it needs no reflection:
// it walks the input with a Decoder (ObjectStart, NextKey, String, Int, ...)
// and writes output with the Append* helpers. The Decoder keeps a cheap stack
// of path segments so that every error names the exact place it happened
// (for example "d.extra.body.permission_users[2].user.online: want boolean,
// got string"), and it keeps the members a schema does not model (Unknown) so
// that re-encoding an event loses nothing.
//
// No input makes this package panic: malformed, truncated or hostile JSON
// (including very deep nesting) comes back as a *Error.
package jsonwire
