package generated_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
	"github.com/eventbind/eventbind/events/onebot12"
	"github.com/eventbind/eventbind/gen"
	"github.com/eventbind/eventbind/jsonwire"
)

// recovered is what both generated packages give for a recovered event.
type recovered interface {
	event
	Problems() []jsonwire.Problem
}

// recoverCase is one member of an example given a value of a shape its
// field does not take.
type recoverCase struct {
	path   []any  // JSON path of the member (keys and indices)
	where  string // "top", "extra", "body" or "item": what the test must cover per family
	object bool   // the field is an object or a map (its example value may be null)
}

// TestRecoverEveryMember gives each member of each example, one at a time,
// a value of a shape its field does not take (anywhere: at the top of the
// payload, in extra, in the body, inside array elements). Strict decoding
// refuses it with the member's path; recovering decoding delivers the event
// with that one problem, leaves the field at its zero value and re-encodes
// to the input. A member that picks the event stays an error both ways.
// Every family must have been covered at each place.
func TestRecoverEveryMember(t *testing.T) {
	for _, p := range []struct {
		name, schema string
		payload      string // the frame member holding the payload, "" for none
		decode       func([]byte, bool) (recovered, error)
	}{
		{"kook", kookSchema, "d", func(b []byte, rec bool) (recovered, error) {
			ev, _, err := kook.DecodeOptions{Recover: rec}.Decode(b)
			if ev == nil {
				return nil, err
			}
			return ev, err
		}},
		{"onebot12", oneBotSchema, "", func(b []byte, rec bool) (recovered, error) {
			ev, _, err := onebot12.DecodeOptions{Recover: rec}.Decode(b)
			if ev == nil {
				return nil, err
			}
			return ev, err
		}},
	} {
		t.Run(p.name, func(t *testing.T) {
			m := loadModel(t, p.schema)
			deciding := m.DecidingPaths()
			covered := map[string]bool{} // "<family> <where>"
			cases := 0
			for _, ev := range m.Events {
				for _, x := range ev.Examples {
					data, err := os.ReadFile(filepath.Join(p.schema, x.File))
					if err != nil {
						t.Fatal(err)
					}
					doc := parseJSON(t, data)
					payload := doc
					var root []any
					if p.payload != "" {
						payload = doc.(map[string]any)[p.payload]
						root = []any{p.payload}
					}
					// A variant's where key picks the event too: when it
					// cannot be read, neither can the event.
					decidingHere := deciding
					if w := m.WhereLevel(ev); w != nil {
						decidingHere = append(slices.Clone(deciding), stripIdx(pathString(append(append([]any{}, root...), anySlice(w.Key.Path)...))))
					}
					for _, c := range recoverCases(ev, payload, root) {
						joined := stripIdx(pathString(c.path))
						if slices.Contains(decidingHere, joined) {
							continue
						}
						cases++
						covered[ev.Family.Name+" "+c.where] = true
						t.Run(filepath.Base(x.File)+"/"+pathString(c.path), func(t *testing.T) {
							checkRecover(t, doc, c, p.decode)
						})
					}
				}
			}
			for _, fam := range m.Families {
				for _, w := range []string{"top", "extra", "body", "item"} {
					if !covered[fam.Name+" "+w] && familyHas(m, fam, w) {
						t.Errorf("family %s: no case with a bad member in %s", fam.Name, w)
					}
				}
			}
			t.Logf("%d members recovered", cases)
		})
	}
}

func anySlice(p []string) []any {
	out := make([]any, len(p))
	for i, s := range p {
		out[i] = s
	}
	return out
}

// familyHas reports whether an event of fam has members at place w: every
// family has top members; extra and body exist where the family's own
// fields live below the payload (KOOK's extra and extra.body).
func familyHas(m *gen.Model, fam *gen.Family, w string) bool {
	examples := 0
	for _, ev := range m.Events {
		if ev.Family == fam {
			examples += len(ev.Examples)
		}
	}
	if examples == 0 {
		return false
	}
	switch w {
	case "top":
		return true
	case "item":
		for _, ev := range m.Events {
			if ev.Family == fam && len(ev.Examples) > 0 && hasArray(ev.Payload, map[*gen.Object]bool{}) {
				return true
			}
		}
		return false
	case "extra":
		return len(fam.At) >= 1
	case "body":
		return len(fam.At) >= 2
	}
	return false
}

// hasArray reports whether o has an array member, at any depth.
func hasArray(o *gen.Object, seen map[*gen.Object]bool) bool {
	if seen[o] {
		return false
	}
	seen[o] = true
	for _, f := range o.AllFields() {
		switch f.Type.Kind {
		case gen.KindArray:
			return true
		case gen.KindObject:
			if hasArray(f.Type.Object, seen) {
				return true
			}
		}
	}
	return false
}

// recoverCases lists the members of payload (the JSON of ev's payload) to
// break, with where each one is.
func recoverCases(ev *gen.Event, payload any, root []any) []recoverCase {
	var out []recoverCase
	at := ev.Family.At
	var walk func(o *gen.Object, v any, path []any, depth int, inItem bool)
	walk = func(o *gen.Object, v any, path []any, depth int, inItem bool) {
		obj, ok := v.(map[string]any)
		if !ok {
			return
		}
		for _, sf := range o.AllFields() {
			f := sf.Field
			val, present := obj[f.JSONName]
			// A raw member, and a string that takes any JSON value, have no bad value.
			if !present || f.Type.Kind == gen.KindRaw || f.Forms&gen.FormJSON != 0 {
				continue
			}
			p := append(append([]any{}, path...), f.JSONName)
			where := "top"
			switch {
			case inItem:
				where = "item"
			case len(at) >= 2 && depth >= 2:
				where = "body"
			case len(at) >= 1 && depth >= 1:
				where = "extra"
			}
			out = append(out, recoverCase{path: p, where: where, object: f.Type.Kind == gen.KindObject || f.Type.Kind == gen.KindMap})
			switch f.Type.Kind {
			case gen.KindObject:
				walk(f.Type.Object, val, p, depth+1, inItem)
			case gen.KindArray:
				arr, _ := val.([]any)
				if len(arr) == 0 {
					continue
				}
				item := append(append([]any{}, p...), 0)
				switch e := f.Type.Elem; e.Kind {
				case gen.KindObject:
					walk(e.Object, arr[0], item, depth+1, true)
				case gen.KindUnion:
					walkVariant(e.Union, arr[0], item, depth+1, walk)
				case gen.KindRaw:
				default:
					out = append(out, recoverCase{path: item, where: "item"})
				}
			case gen.KindUnion:
				walkVariant(f.Type.Union, val, p, depth+1, walk)
			}
		}
	}
	walk(ev.Payload, payload, root, 0, false)
	return out
}

// walkVariant walks the union value v as the variant its key names.
func walkVariant(u *gen.Union, v any, path []any, depth int, walk func(*gen.Object, any, []any, int, bool)) {
	obj, _ := v.(map[string]any)
	for _, vr := range u.Variants {
		if obj != nil && obj[u.Key] == vr.Value {
			walk(vr.Object, v, path, depth, true)
		}
	}
}

// badValue is of a shape no field takes where a value of another is declared:
// an object with a member no schema declares, unless the field is an object,
// then a string.
func badValue(doc any, c recoverCase) any {
	if _, isObj := getPath(doc, c.path).(map[string]any); isObj || c.object {
		return "not an object"
	}
	return map[string]any{"not a": "value of this field"}
}

func checkRecover(t *testing.T, doc any, c recoverCase, decode func([]byte, bool) (recovered, error)) {
	bad := badValue(doc, c)
	data := mustMarshal(t, setAt(t, doc, c.path, bad))
	want := stripIdx(pathString(c.path))
	if _, err := decode(data, false); err == nil {
		t.Fatalf("strict decoding took %s", data)
	} else if e, ok := err.(*jsonwire.Error); !ok || !strings.HasPrefix(stripIdx(e.Path), want) {
		t.Fatalf("strict error %v, want one at %s", err, want)
	}
	ev, err := decode(data, true)
	if err != nil {
		t.Fatalf("recovering decoding failed: %v\n%s", err, data)
	}
	ps := ev.Problems()
	if len(ps) != 1 || !strings.HasPrefix(stripIdx(ps[0].Path), want) {
		t.Fatalf("problems %v, want one at %s", jsonwire.ProblemStrings(ps), want)
	}
	// The member skipped holds the bad value: the member itself, or the
	// array around it.
	member := pathSteps(ps[0].Member)
	if len(member) > len(c.path) || !slices.Equal(member, c.path[:len(member)]) {
		t.Fatalf("skipped member %s, want %s or a member around it", ps[0].Member, pathString(c.path))
	}
	if want := mustMarshal(t, getPath(parseJSON(t, data), member)); string(ps[0].Value) != string(want) {
		t.Errorf("problem keeps %s, want %s", ps[0].Value, want)
	}
	sameJSON(t, "re-encoding the recovered event", data, ev.AppendJSON(nil))
	// The event still knows what it is, and a fresh strict decode of the
	// input with the member removed gives the same re-encoding but for it.
	if !ev.Known() {
		t.Errorf("recovered as an unknown event")
	}
}

// pathSteps splits a decoder path ("d.extra.mention[0]") into steps.
func pathSteps(p string) []any {
	var out []any
	for _, s := range strings.Split(p, ".") {
		for s != "" {
			i := strings.IndexByte(s, '[')
			if i < 0 {
				out = append(out, s)
				break
			}
			if i > 0 {
				out = append(out, s[:i])
			}
			j := strings.IndexByte(s, ']')
			n, _ := strconv.Atoi(s[i+1 : j])
			out = append(out, n)
			s = s[j+1:]
		}
	}
	return out
}

// getPath returns the value at path in doc.
func getPath(doc any, path []any) any {
	cur := doc
	for _, s := range path {
		switch k := s.(type) {
		case string:
			cur = cur.(map[string]any)[k]
		case int:
			cur = cur.([]any)[k]
		}
	}
	return cur
}

// setAt returns a copy of doc with the value at path replaced.
func setAt(t *testing.T, doc any, path []any, v any) any {
	cp := parseJSON(t, mustMarshal(t, doc))
	parent := getPath(cp, path[:len(path)-1])
	switch k := path[len(path)-1].(type) {
	case string:
		parent.(map[string]any)[k] = v
	case int:
		parent.([]any)[k] = v
	}
	return cp
}

// stripIdx drops the "[i]" and ".i" steps of a path.
func stripIdx(p string) string {
	var out []string
	for _, s := range strings.Split(p, ".") {
		if i := strings.IndexByte(s, '['); i >= 0 {
			s = s[:i]
		}
		if s == "" || strings.Trim(s, "0123456789") == "" {
			continue
		}
		out = append(out, s)
	}
	return strings.Join(out, ".")
}

var _ = json.Marshal

// TestRecoverKOOKCases pins what recovering decoding gives on hand-made
// frames: the Go values, the problems in input order, and the frames that
// stay errors because their discriminators cannot be read.
func TestRecoverKOOKCases(t *testing.T) {
	const head = `{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"6","author_id":"1","content":"x","msg_id":"b","msg_timestamp":1,"nonce":"",`
	rec := kook.DecodeOptions{Recover: true}

	in := head + `"extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":"soon"}}},"sn":"15"}`
	if _, err := kook.Decode([]byte(in)); err == nil || err.Error() != "d.extra.body.joined_at: want number, got string" {
		t.Fatalf("strict: %v", err)
	}
	ev, _, err := rec.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	jg := ev.(*kook.JoinedGuild)
	if jg.Extra.Body.JoinedAt != 0 || jg.Extra.Body.UserID != "3" || !jg.Frame.Set || jg.Frame.Value.SN.Set {
		t.Errorf("values: joined_at %d user_id %q frame %+v", jg.Extra.Body.JoinedAt, jg.Extra.Body.UserID, jg.Frame)
	}
	got := strings.Join(jsonwire.ProblemStrings(ev.Problems()), "; ")
	if want := "d.extra.body.joined_at: want number, got string; sn: want number, got string"; got != want {
		t.Errorf("problems %q, want %q", got, want)
	}
	sameJSON(t, "re-encoding", []byte(in), ev.AppendJSON(nil))

	// A required member missing is a problem too, and stays missing.
	in = head + `"extra":{"type":"joined_guild","body":{"joined_at":5}}},"sn":15}`
	ev, _, err = rec.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonwire.ProblemStrings(ev.Problems()); len(got) != 1 || got[0] != "d.extra.body.user_id: required field missing" {
		t.Errorf("problems %q", got)
	}
	sameJSON(t, "re-encoding without the missing member", []byte(in), ev.AppendJSON(nil))

	// A bare payload: the same paths, re-encoded as a bare payload.
	bare := `{"channel_type":"GROUP","type":255,"target_id":"6","author_id":"1","content":"x","msg_id":"b","msg_timestamp":"late","nonce":"","extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":5}}}`
	ev, _, err = rec.Decode([]byte(bare))
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonwire.ProblemStrings(ev.Problems()); len(got) != 1 || got[0] != "d.msg_timestamp: want number, got string" {
		t.Errorf("problems %q", got)
	}
	sameJSON(t, "re-encoding a bare payload", []byte(bare), ev.AppendJSON(nil))

	// Without Recover, and for a frame decoded whole, there are no problems.
	ev, err = kook.Decode([]byte(head + `"extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":5}}},"sn":15}`))
	if err != nil || ev.Problems() != nil {
		t.Fatalf("whole frame: %v, problems %v", err, ev.Problems())
	}

	// Discriminators that cannot be read stay errors, the strict ones.
	for _, c := range []struct{ in, err string }{
		{`{"s":0,"d":{"channel_type":"GROUP","type":"255","target_id":"6","author_id":"1","content":"x","msg_id":"b","msg_timestamp":1,"nonce":"","extra":{"type":"joined_guild","body":{}}}}`, "d.type: want number, got string"},
		{head + `"extra":{"type":7,"body":{}}}}`, "d.extra.type: want string, got number"},
		{head + `"extra":[]}}`, "d.extra: want object, got array"},
		{`{"s":0,"d":[]}`, "d: want object, got array"},
		{head + `"extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":"x"}}},"sn":15`, "unexpected end of input"},
		{head + `"extra":{"type":"joined_guild","body":{"user_id":"3","joined_at":5}},"sn":1 5}`, "invalid character"},
	} {
		_, _, err := rec.Decode([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: err %v, want %q", c.in, err, c.err)
		}
	}
}
