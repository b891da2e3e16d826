// Package wireimpl is the runtime that eventbind's generated decoders and
// encoders call. It is not for users: its API changes with the generator,
// and every generated package checks at compile time that it was generated
// for this runtime (EnforceVersion). The types users see (Opt, Null, Raw,
// Unknown, Form, Error, Problem, Limits) are in package jsonwire, which this
// package imports and which never imports it.
//
// Generated code knows every type at compile time, so it needs no reflection:
// it walks the input with a Decoder (ObjectStart, NextKey, String, Int, ...)
// and writes output with the Append* helpers. The Decoder keeps a cheap stack
// of path segments so that every error names the exact place it happened
// (for example "d.extra.body.permission_users[2].user.online: want boolean,
// got string"), and it keeps the members a schema does not model
// (jsonwire.Unknown) so that re-encoding an event loses nothing.
//
// Every error it returns is a *jsonwire.Error. No input makes this package
// panic: malformed, truncated or hostile JSON (including very deep nesting)
// comes back as an error.
//
// Besides generated code, eventbind's own transports and command line use
// Lookup and LookupInt (reading a member of a frame without decoding it) and
// the Decoder.
package wireimpl
