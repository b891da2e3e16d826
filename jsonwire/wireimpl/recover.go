package wireimpl

import (
	"slices"
	"strings"

	"github.com/eventbind/eventbind/jsonwire"
)

// Recovering decoding delivers an event whose discriminators are readable
// even when some other member has a shape the schema does not accept. It
// decodes as strict decoding does; when that fails on a member, it decodes
// again skipping that member (its Go field stays zero, its value is kept),
// and so on until the event decodes. A frame whose JSON is broken, or whose
// discriminators cannot be read, stays an error: the one that stopped it.

// place is where a problem's member is in the document, which re-encoding
// needs and users do not: Recovery keeps one beside each Problem.
type place struct {
	segs    []pathSeg // the member's place, where re-encoding puts Value back (or removes it)
	missing bool
}

// pathSeg is one step of a path in a document: a member's key, or an
// array element's index when key is "".
type pathSeg struct {
	key   string
	index int
}

// maxRecoveries bounds the decoding passes one document may cost.
const maxRecoveries = 64

// Recovery carries recovering decoding from one pass to the next: the
// members to skip and the problems found. Generated decoders make one per
// document that strict decoding refused.
type Recovery struct {
	protected []string // member paths that must decode: the discriminators and where they are
	skipped   []skip   // the members to skip, and why
	last      error    // the error of the last pass
	problems  []jsonwire.Problem
	places    []place // places[i] is where problems[i]'s member is
	passes    int
}

// skip is a member to skip and the error that made Retry skip it.
type skip struct {
	at  int
	why *jsonwire.Error
}

// NewRecovery starts recovering from err, the error of strict decoding.
// protected lists the paths (without array indices, "d.extra.type") of the
// members that pick the event, and of the objects that hold them: a problem
// there is not recovered from.
func NewRecovery(err error, protected ...string) *Recovery {
	return &Recovery{protected: protected, last: err}
}

// Retry reports whether decoding again can get past err, the error of the
// last pass, by skipping one more member. When it cannot, Err returns err:
// broken JSON, or a problem in a member that picks the event.
//
// It skips the innermost member around the error that is not skipped yet: a
// union element whose key is wrong is first skipped alone, then (its key
// missing) with the member that holds it. A member that picks the event is
// never skipped.
func (r *Recovery) Retry(err error) bool {
	r.last = err
	e, ok := err.(*jsonwire.Error)
	if !ok || r.passes >= maxRecoveries {
		return false
	}
	r.passes++
	det := detailOf(e)
	if det == nil {
		return false
	}
	if det.missing && r.passes == 1 {
		return true // strict decoding's: a recovering pass records it
	}
	for _, m := range det.members {
		if slices.Contains(r.protected, m.path) {
			return false
		}
		if r.skipping(m.at) != nil {
			continue
		}
		r.skipped = append(r.skipped, skip{at: m.at, why: e})
		r.reset()
		return true
	}
	return false
}

// Err returns the error that recovering could not get past.
func (r *Recovery) Err() error { return r.last }

// Problems returns the members skipped or missing in the last pass.
func (r *Recovery) Problems() []jsonwire.Problem {
	if r == nil {
		return nil
	}
	return r.problems
}

// reset drops the problems of a pass given up.
func (r *Recovery) reset() {
	r.problems = r.problems[:0]
	r.places = r.places[:0]
}

// skipping returns why the member whose key is at offset at is skipped, or
// nil when it is not.
func (r *Recovery) skipping(at int) *jsonwire.Error {
	for _, s := range r.skipped {
		if s.at == at {
			return s.why
		}
	}
	return nil
}

// Recover makes d skip the members r says and record them as problems.
func (d *Decoder) Recover(r *Recovery) { d.rec = r }

// nextKeyRecovering is NextKey while recovering: a member to skip is kept
// as a problem and the next one is returned instead.
func (d *Decoder) nextKeyRecovering() (string, bool, error) {
	for {
		key, ok, err := d.nextKey()
		if err != nil || !ok {
			return key, ok, err
		}
		at := d.levels[len(d.levels)-1].keyAt
		why := d.rec.skipping(at)
		if why == nil {
			return key, true, nil
		}
		segs, member := d.segs(""), d.Path()
		raw, err := d.Raw()
		if err != nil {
			return "", false, err
		}
		d.rec.add(jsonwire.Problem{Path: why.Path, Offset: why.Offset, Msg: why.Msg, Member: member, Value: raw}, place{segs: segs})
	}
}

// add records p once: a look-ahead, or a second way of decoding the same
// payload, may pass the same member again.
func (r *Recovery) add(p jsonwire.Problem, at place) {
	for _, q := range r.problems {
		if q.Member == p.Member && q.Path == p.Path && q.Offset == p.Offset {
			return
		}
	}
	r.problems = append(r.problems, p)
	r.places = append(r.places, at)
}

// segs returns the path of the current value as steps, with key added below
// it when not "".
func (d *Decoder) segs(key string) []pathSeg {
	var out []pathSeg
	for i := range d.levels {
		lv := &d.levels[i]
		if !lv.hasSeg {
			continue
		}
		if lv.array {
			out = append(out, pathSeg{index: lv.n - 1})
		} else {
			out = append(out, pathSeg{key: d.keyAt(lv.keyAt)})
		}
	}
	if key != "" {
		out = append(out, pathSeg{key: key})
	}
	return out
}

// shapeErr is the error for a value of a shape the reader does not take.
// It names the members around the value, which recovering decoding may skip.
func (d *Decoder) shapeErr(off int, msg string) *jsonwire.Error {
	return d.withMembers(d.errAt(off, msg))
}

// withMembers sets e's members: those around the cursor, innermost first.
func (d *Decoder) withMembers(e *jsonwire.Error) *jsonwire.Error {
	det := new(detail)
	for i := len(d.levels) - 1; i >= 0; i-- {
		if lv := &d.levels[i]; !lv.array && lv.hasSeg {
			det.members = append(det.members, memberRef{at: lv.keyAt, path: stripIndices(d.pathTo(i))})
		}
	}
	return withDetail(e, det)
}

// pathTo is Path up to and including level i.
func (d *Decoder) pathTo(i int) string {
	levels := d.levels
	d.levels = levels[:i+1]
	p := d.Path()
	d.levels = levels
	return p
}

// missingProblem records a missing required member while recovering, and
// reports whether it did (false: the member is protected, or d is not
// recovering).
func (d *Decoder) missingProblem(key string) bool {
	if d.rec == nil {
		return false
	}
	path := d.below(key)
	if slices.Contains(d.rec.protected, stripIndices(path)) {
		return false
	}
	segs := d.segs(key)
	for _, q := range d.rec.places {
		if slices.Equal(q.segs, segs) {
			return true // skipped, not missing
		}
	}
	d.rec.add(jsonwire.Problem{Path: path, Offset: d.pos, Msg: "required field missing", Member: path}, place{segs: segs, missing: true})
	return true
}

// stripIndices drops the "[i]" steps of a path.
func stripIndices(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			for i < len(p) && p[i] != ']' {
				i++
			}
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// Patch puts the members that recovering decoding skipped back into the
// document at b[start:], an encoding of what was decoded: the value as it
// came in place of the zero value encoded for it, and no member where one
// was missing. Without problems it returns b as it is.
func (r *Recovery) Patch(b []byte, start int) []byte {
	if r == nil {
		return b
	}
	return r.patch(b, start)
}

func (r *Recovery) patch(b []byte, start int) []byte {
	if len(r.problems) == 0 {
		return b
	}
	doc := string(b[start:])
	for i, p := range r.problems {
		doc = patchDoc(doc, p, r.places[i])
	}
	return append(b[:start], doc...)
}

// patchDoc applies one problem to doc. A path it cannot follow (the value
// was changed since) leaves doc as it is.
func patchDoc(doc string, p jsonwire.Problem, at place) string {
	if len(at.segs) == 0 {
		return doc
	}
	d := Decoder{data: doc}
	// The last step is always the member's key: problems are about members.
	last := len(at.segs) - 1
	for _, s := range at.segs[:last] {
		if !d.enter(s) {
			return doc
		}
	}
	want := at.segs[last].key
	if d.ObjectStart() != nil {
		return doc
	}
	for n := 0; ; n++ {
		before := d.pos
		key, more, err := d.NextKey()
		if err != nil {
			return doc
		}
		if !more {
			if at.missing {
				return doc
			}
			// Not written (an optional member): add it before the '}'.
			closing := d.pos - 1
			member := string(AppendString(nil, want)) + ":" + string(p.Value)
			if n > 0 {
				member = "," + member
			}
			return doc[:closing] + member + doc[closing:]
		}
		if key != want {
			if d.Skip() != nil {
				return doc
			}
			continue
		}
		valStart, err := d.skipValue()
		if err != nil {
			return doc
		}
		if !at.missing {
			return doc[:valStart] + string(p.Value) + doc[d.pos:]
		}
		// A required member that was missing: remove what was encoded for
		// it, with the comma that joins it to another.
		from, to := before, d.pos
		for from < to && isSpace(doc[from]) {
			from++
		}
		if doc[from] != ',' && to < len(doc) && doc[to] == ',' {
			to++
		}
		return doc[:from] + doc[to:]
	}
}

// enter moves the cursor to the value of step s of the container at the
// cursor: a member's value or an element.
func (d *Decoder) enter(s pathSeg) bool {
	if s.key == "" {
		if d.ArrayStart() != nil {
			return false
		}
		for i := 0; ; i++ {
			if more, err := d.NextElem(); err != nil || !more {
				return false
			}
			if i == s.index {
				return true
			}
			if d.Skip() != nil {
				return false
			}
		}
	}
	if d.ObjectStart() != nil {
		return false
	}
	for {
		key, more, err := d.NextKey()
		if err != nil || !more {
			return false
		}
		if key == s.key {
			return true
		}
		if d.Skip() != nil {
			return false
		}
	}
}
