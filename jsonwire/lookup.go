package jsonwire

// Lookup finds the value at an object path in data (for example
// Lookup(b, "extra", "type")) without decoding the rest, which is what event
// dispatch needs: read the discriminators first, then decode the whole event
// into the type they select.
//
// It scans the keys of each object on the path, validating and skipping the
// other members' values. ok is false when a key on the path is absent or a
// value on the way is not an object. The error is non-nil only for malformed
// JSON met on the way; its path is the lookup path reached so far. The value
// is returned verbatim and aliases data. Keys are compared after unescaping,
// so "\u0074ype" matches "type". With duplicate keys the first one wins.
func Lookup(data []byte, path ...string) (value []byte, ok bool, err error) {
	// One level per path key, allocated once instead of grown key by key.
	d := Decoder{data: data, levels: make([]level, 0, len(path))}
	for _, want := range path {
		switch d.Kind() {
		case KindObject:
		case KindInvalid:
			return nil, false, d.badChar(d.pos, "looking for a value")
		default:
			return nil, false, nil
		}
		if err := d.ObjectStart(); err != nil {
			return nil, false, err
		}
		for {
			key, more, err := d.NextKey()
			if err != nil {
				return nil, false, err
			}
			if !more {
				return nil, false, nil
			}
			if string(key) == want {
				break
			}
			if err := d.Skip(); err != nil {
				return nil, false, err
			}
		}
	}
	start, err := d.skipValue()
	if err != nil {
		return nil, false, err
	}
	return data[start:d.pos], true, nil
}
