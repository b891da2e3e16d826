package wireimpl

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
	// The Decoder reads a copy; offsets into it are offsets into data.
	d := &Decoder{data: string(data)}
	if len(path) == 0 {
		start, err := d.skipValue()
		if err != nil {
			return nil, false, err
		}
		return data[start:d.pos], true, nil
	}
	d.levels = make([]level, 0, 1)
	for _, want := range path {
		d.levels = d.levels[:0]
		start, end, ok, err := lookupMember(d, want)
		if !ok || err != nil {
			return nil, false, err
		}
		value = data[start:end]
		d.pos = start
	}
	return value, true, nil
}

// lookupMember scans the whole object at the cursor and returns the offsets
// of the value of its last member named want.
func lookupMember(d *Decoder, want string) (start, end int, ok bool, err error) {
	switch d.Kind() {
	case KindObject:
	case KindInvalid:
		return 0, 0, false, d.badChar(d.pos, "looking for a value")
	default:
		return 0, 0, false, nil
	}
	if err := d.ObjectStart(); err != nil {
		return 0, 0, false, err
	}
	for {
		key, more, err := d.NextKey()
		if err != nil {
			return 0, 0, false, err
		}
		if !more {
			return start, end, ok, nil
		}
		if key != want {
			if err := d.Skip(); err != nil {
				return 0, 0, false, err
			}
			continue
		}
		s, err := d.skipValue()
		if err != nil {
			return 0, 0, false, err
		}
		start, end, ok = s, d.pos, true
	}
}

// HasMembers reports which of keys the object data has at its top level:
// bit i for keys[i] (at most 64). It answers for every key what Lookup's ok
// answers for one, in one scan of data: data that is malformed, or no
// object, has none.
func HasMembers(data []byte, keys ...string) uint64 {
	d := &Decoder{data: string(data)}
	d.levels = make([]level, 0, 1)
	if d.Kind() != KindObject || d.ObjectStart() != nil {
		return 0
	}
	var has uint64
	for {
		key, more, err := d.NextKey()
		if err != nil {
			return 0
		}
		if !more {
			return has
		}
		for i, k := range keys {
			if key == k {
				has |= 1 << i
			}
		}
		if err := d.Skip(); err != nil {
			return 0
		}
	}
}
