package jsonwire

// Lookup finds the value at an object path in data (for example
// Lookup(b, "extra", "type")) without decoding the rest, which is what event
// dispatch needs: read the discriminators first, then decode the whole event
// into the type they select.
//
// It scans the keys of each object on the path, validating and skipping the
// other members' values. ok is false when a key on the path is absent or a
// value on the way is not an object. The error is non-nil only for malformed
// JSON met on the way (the objects on the path are read whole, so that the
// last of duplicate keys wins); its path is the lookup path reached so far. The value
// is returned verbatim and aliases data. Keys are compared after unescaping,
// so "\u0074ype" matches "type". With duplicate keys the last one wins, as in
// decoding, so that dispatch and the decoded value agree.
func Lookup(data []byte, path ...string) (value []byte, ok bool, err error) {
	if len(path) == 0 {
		d := Decoder{data: data}
		start, err := d.skipValue()
		if err != nil {
			return nil, false, err
		}
		return data[start:d.pos], true, nil
	}
	// One decoder for every member on the path, reset onto each value: its
	// buffers are allocated once.
	var dec Decoder
	d := &dec
	d.levels = make([]level, 0, 1)
	value = data
	for _, want := range path {
		d.data, d.pos, d.levels = value, 0, d.levels[:0]
		if value, ok, err = lookupMember(d, want); !ok || err != nil {
			return nil, false, err
		}
	}
	return value, true, nil
}

// lookupMember scans the whole object at d and returns the value of its last
// member named want.
func lookupMember(d *Decoder, want string) (value []byte, ok bool, err error) {
	data := d.data
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
			return value, ok, nil
		}
		if string(key) != want {
			if err := d.Skip(); err != nil {
				return nil, false, err
			}
			continue
		}
		start, err := d.skipValue()
		if err != nil {
			return nil, false, err
		}
		value, ok = data[start:d.pos], true
	}
}
