package wireimpl

import "github.com/eventbind/eventbind/jsonwire"

// Raw returns the next value verbatim as a fresh copy (so it outlives the
// input buffer), after validating it.
func (d *Decoder) Raw() (jsonwire.Raw, error) {
	start, err := d.skipValue()
	if err != nil {
		return nil, err
	}
	if d.arena != nil {
		return d.arena.Raw(d.data[start:d.pos]), nil
	}
	return jsonwire.Raw(d.data[start:d.pos]), nil
}

// Skip validates the next value and discards it. It is iterative, so 100,000
// nested '[' give the error "nesting deeper than 10000" instead of
// exhausting the stack.
func (d *Decoder) Skip() error {
	_, err := d.skipValue()
	return err
}

// skipValue validates the value at the cursor, moves past it and returns the
// offset where it starts (after leading whitespace).
//
// Instead of recursing it keeps the open containers as a stack of '{' and
// '[' bytes in d.stack, which is reused between calls; nesting counts
// together with the Decoder's own open levels against MaxDepth.
func (d *Decoder) skipValue() (start int, err error) {
	if _, ok := d.peek(); !ok {
		return d.pos, d.eof()
	}
	start = d.pos
	room := d.maxDepth() - len(d.levels) // containers skipValue may open
	d.stack = d.stack[:0]
	for {
		// A value is expected at the cursor.
		c, ok := d.peek()
		if !ok {
			return start, d.eof()
		}
		switch c {
		case '{', '[':
			if len(d.stack) >= room {
				return start, d.depthErr(d.pos)
			}
			d.pos++
			next, ok := d.peek()
			if !ok {
				return start, d.eof()
			}
			if c == '{' && next == '}' || c == '[' && next == ']' {
				d.pos++
				break // an empty container is a complete value
			}
			d.stack = append(d.stack, c)
			if c == '{' {
				if err := d.skipKey(); err != nil {
					return start, err
				}
			}
			continue // the first member's value or the first element
		case '"':
			err = d.scalar(d.skipString(d.pos))
		case 't':
			err = d.scalar(d.scanLiteral(d.pos, "true"))
		case 'f':
			err = d.scalar(d.scanLiteral(d.pos, "false"))
		case 'n':
			err = d.scalar(d.scanLiteral(d.pos, "null"))
		default:
			if c != '-' && !isDigit(c) {
				return start, d.badChar(d.pos, "looking for a value")
			}
			end, _, nerr := d.scanNumber(d.pos)
			err = d.scalar(end, nerr)
		}
		if err != nil {
			return start, err
		}

		// A value is complete: close the containers it completes, and stop
		// at the next member or element, or at the end of the outer value.
	closing:
		for {
			n := len(d.stack)
			if n == 0 {
				return start, nil
			}
			c, ok := d.peek()
			if !ok {
				return start, d.eof()
			}
			open := d.stack[n-1]
			switch {
			case c == ',':
				d.pos++
				if open == '{' {
					if err := d.skipKey(); err != nil {
						return start, err
					}
				}
				break closing
			case open == '{' && c == '}', open == '[' && c == ']':
				d.pos++
				d.stack = d.stack[:n-1]
			case open == '{':
				return start, d.badChar(d.pos, "after object key:value pair")
			default:
				return start, d.badChar(d.pos, "after array element")
			}
		}
	}
}

// scalar moves the cursor to end unless scanning the scalar failed, so that
// after an error Offset still points at the value.
func (d *Decoder) scalar(end int, err error) error {
	if err == nil {
		d.pos = end
	}
	return err
}

// skipKey validates an object key and the ':' after it.
func (d *Decoder) skipKey() error {
	c, ok := d.peek()
	if !ok {
		return d.eof()
	}
	if c != '"' {
		return d.badChar(d.pos, "looking for beginning of object key string")
	}
	end, err := d.skipString(d.pos)
	if err != nil {
		return err
	}
	d.pos = end
	if c, ok = d.peek(); !ok {
		return d.eof()
	}
	if c != ':' {
		return d.badChar(d.pos, "after object key")
	}
	d.pos++
	return nil
}
