package jsonwire

import (
	"strconv"

	"github.com/eventbind/eventbind/jsonwire/internal/wirelink"
)

// Error is a decoding error at a place in the input.
//
// Path is the JSON path of the value being decoded (for example
// "d.extra.body[2].id"), Offset the byte offset in the input where the
// problem was found, and Msg what went wrong.
type Error struct {
	Path   string
	Offset int
	Msg    string

	// detail is what the runtime keeps for recovering decoding (the members
	// around the value, whether a required member was missing); it sets and
	// reads it through package wirelink.
	detail any
}

func init() {
	wirelink.SetDetail = func(err error, detail any) { err.(*Error).detail = detail }
	wirelink.Detail = func(err error) any {
		if e, ok := err.(*Error); ok {
			return e.detail
		}
		return nil
	}
}

// Error returns "<path>: <msg>", or "offset <n>: <msg>" when Path is empty,
// so the message always says where to look.
func (e *Error) Error() string {
	if e.Path == "" {
		return "offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Problem is a member that recovering decoding could not decode into its
// field: what strict decoding said of it (Path, Offset, Msg) and its value
// as it came, which re-encoding writes back. Value is nil when the member
// was missing.
type Problem struct {
	Path   string // "d.extra.body.joined_at"
	Offset int    // where in the input
	Msg    string // "want number, got string", "required field missing"
	// Member is the path of the member skipped: Path's member, or one
	// around it (an array's member for a bad element of scalars, a union
	// array's member for an element whose key is bad). Value is its value.
	Member string
	Value  Raw
}

// Error returns "<path>: <msg>", as Error does.
func (p Problem) Error() string {
	return (&Error{Path: p.Path, Offset: p.Offset, Msg: p.Msg}).Error()
}

// ProblemStrings returns the problems as "<path>: <what>" lines.
func ProblemStrings(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Error()
	}
	return out
}
