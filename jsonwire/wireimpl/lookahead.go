package wireimpl

import "github.com/eventbind/eventbind/jsonwire"

// Dispatch needs an event's discriminators before it can pick the struct to
// decode into, and JSON does not promise they come first. Generated decoders
// read them as they arrive when they can, and otherwise go back (Checkpoint,
// Rewind) and take the look-ahead: it reads them where they stand, from the
// object at the cursor, and then puts the cursor back, so members before a
// discriminator are scanned twice. Union values (message segments) use it
// too: their key is nearly always their first member.
//
// The look-ahead stops at the first member with the wanted key. Decoding
// afterwards keeps the last of duplicate keys, so generated code checks that
// the decoded discriminators agree with the ones dispatch used.

// LookAheadInt reads the integer at path below the object at the cursor
// without consuming anything. A missing member is "required field missing"
// at its path; a value of the wrong kind or malformed JSON on the way get the
// errors decoding would give.
func (d *Decoder) LookAheadInt(path ...string) (int64, error) {
	pos, depth := d.pos, len(d.levels)
	v, err := d.lookAheadInt(path)
	d.rewind(pos, depth)
	return v, err
}

// LookAheadString reads the string at path below the object at the cursor
// without consuming anything; see LookAheadInt.
func (d *Decoder) LookAheadString(path ...string) (string, error) {
	pos, depth := d.pos, len(d.levels)
	v, err := d.lookAheadString(path)
	d.rewind(pos, depth)
	return v, err
}

func (d *Decoder) lookAheadInt(path []string) (int64, error) {
	if err := d.seek(path); err != nil {
		return 0, err
	}
	return d.Int64()
}

func (d *Decoder) lookAheadString(path []string) (string, error) {
	if err := d.seek(path); err != nil {
		return "", err
	}
	return d.String()
}

// seek moves the cursor to the value at path, entering one object per step.
func (d *Decoder) seek(path []string) error {
	for _, want := range path {
		if err := d.ObjectStart(); err != nil {
			return err
		}
		for {
			key, more, err := d.NextKey()
			if err != nil {
				return err
			}
			if !more {
				return d.missing(want)
			}
			if key == want {
				break
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	return nil
}

// rewind puts the cursor back to pos with depth levels open, as they were
// before a look-ahead. The levels above depth are only storage by then.
func (d *Decoder) rewind(pos, depth int) {
	d.pos = pos
	d.levels = d.levels[:depth]
}

// Checkpoint is a place in the input that Rewind returns to.
type Checkpoint struct {
	pos, depth, unknown int
}

// Checkpoint returns the current place, for Rewind: generated code that
// tried one way of decoding a value can go back and take another.
func (d *Decoder) Checkpoint() Checkpoint {
	return Checkpoint{pos: d.pos, depth: len(d.levels), unknown: len(d.unknown)}
}

// Rewind puts the cursor back at c, with the levels that were open there
// and without the unknown paths recorded since. The levels open at c must
// not have been left in between: rewind only within the value that was
// being read.
func (d *Decoder) Rewind(c Checkpoint) {
	d.rewind(c.pos, c.depth)
	if c.unknown == 0 {
		d.unknown = nil // as if none had been recorded: UnknownPaths stays nil
		return
	}
	d.unknown = d.unknown[:c.unknown]
}

// Mark skips whitespace and returns the offset of the next value, for Since.
func (d *Decoder) Mark() int {
	d.peek()
	return d.pos
}

// Since returns a copy of the input from mark to the cursor: the text of the
// values decoded since Mark, kept verbatim.
func (d *Decoder) Since(mark int) jsonwire.Raw {
	if d.arena != nil {
		return d.arena.Raw(d.data[mark:d.pos])
	}
	return jsonwire.Raw(d.data[mark:d.pos])
}

// Conflict is the error for a discriminator whose decoded value is not the
// one the look-ahead read: the key came twice with different values. Like
// Missing, call it right after the object's '}', with key below its path.
func (d *Decoder) Conflict(key string) error {
	return &jsonwire.Error{Path: d.below(key), Offset: d.pos, Msg: "duplicate member with another value than the one the event was chosen by"}
}
