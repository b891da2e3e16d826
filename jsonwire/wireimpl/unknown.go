package wireimpl

import (
	"strings"

	"github.com/eventbind/eventbind/jsonwire"
)

// AppendUnknown appends each field of u as `,"key":value`, using Comma
// before each so that it works right after '{' as well as after other
// members.
func AppendUnknown(b []byte, u jsonwire.Unknown) []byte {
	for _, f := range u {
		b = appendKey(b, f.Key)
		b = AppendRaw(b, f.Value)
	}
	return b
}

// UnknownField captures the next value verbatim into *u under key (a copy of
// the value, so that it may be changed on its own). A nil u validates
// and drops the value, for types that do not keep unknown members. When
// ReportUnknown is set it also records d.Path() in the unknown-path list.
func (d *Decoder) UnknownField(u *jsonwire.Unknown, key string) error {
	if u == nil {
		if err := d.Skip(); err != nil {
			return err
		}
	} else {
		v, err := d.Raw()
		if err != nil {
			return err
		}
		d.keep(u, key, v)
	}
	if d.ReportUnknown {
		d.unknown = append(d.unknown, d.Path())
	}
	return nil
}

// UnknownPaths returns the paths recorded by UnknownField, in input order.
func (d *Decoder) UnknownPaths() []string { return d.unknown }

// IsExtension reports whether key has a platform prefix: one or more bytes
// of prefixChars, then sep, then at least one byte. The schema's
// platform.extensions gives both (OneBot 12: [_a-z], then a dot:
// "qq.nickname"); such members are legal extensions.
func IsExtension(key, prefixChars string, sep byte) bool {
	i := 0
	for i < len(key) && strings.IndexByte(prefixChars, key[i]) >= 0 {
		i++
	}
	return i > 0 && i+1 < len(key) && key[i] == sep
}

// ExtensionField captures the next value verbatim into *u under key, like
// UnknownField, but never records it as unknown: extensions are legal.
func (d *Decoder) ExtensionField(u *jsonwire.Unknown, key string) error {
	v, err := d.Raw()
	if err != nil {
		return err
	}
	d.keep(u, key, v)
	return nil
}

// keep appends the member key: v to *u.
func (d *Decoder) keep(u *jsonwire.Unknown, key string, v jsonwire.Raw) {
	if d.arena != nil {
		*u = d.arena.appendField(*u, jsonwire.Field{Key: key, Value: v})
		return
	}
	*u = append(*u, jsonwire.Field{Key: key, Value: v})
}
