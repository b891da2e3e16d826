// Package jsonwire holds the types that eventbind's generated event packages
// show their users: optional and nullable fields (Opt, Null), JSON kept
// verbatim (Raw, and Unknown for the members a schema does not model), the
// form a value arrived in (Form), decoding errors (*Error: every error a
// generated decoder returns is one, naming the JSON path and byte offset)
// and the members recovering decoding skipped (Problem), and the limits on
// what one document may make a decoder do (Limits).
//
// The code that does the decoding and encoding is in package
// jsonwire/wireimpl, which only generated code calls. Import this package,
// not that one.
package jsonwire
