package gen

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./gen -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// generate builds the schema in dir and renders its package.
func generate(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m, err := Build([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCases runs the generator on every folder of testdata/cases, as sqlc
// lays out its end-to-end tests: a case holds a schema (its YAML files and
// their testdata), and either want/, the package it generates (which must
// also pass go vet), or want.errors, the exact errors it gives. Each
// construct of the schema language has a case of its own (plain, union,
// extensions, unknown_events_checked, accepts, signals, where, body, and
// frame_claims and event_claims for the members Claim looks for), and
// every_construct has them together; every_error has one mistake of each
// kind. -update rewrites the wants.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	var vet []string
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			wantErrors := filepath.Join(dir, "want.errors")
			_, statErr := os.Stat(wantErrors)
			expectErrors := statErr == nil
			m, err := Build([]string{dir})
			if expectErrors {
				if err == nil {
					t.Fatal("the schema built; want.errors says it must not")
				}
				checkGolden(t, wantErrors, []byte(err.Error()+"\n"))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			files, err := Generate(m)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(dir, "want")
			for _, name := range sortedKeys(files) {
				checkGolden(t, filepath.Join(want, name), files[name])
			}
			entries, err := os.ReadDir(want)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if _, ok := files[e.Name()]; !ok {
					t.Errorf("%s/%s is no longer generated", want, e.Name())
				}
			}
			vet = append(vet, "./"+want)
		})
	}
	if testing.Short() {
		t.Skip("-short: not compiling the wanted packages")
	}
	// Goldens under testdata are not part of ./...: vet them here, at once.
	if msg, err := exec.Command("go", append([]string{"vet"}, vet...)...).CombinedOutput(); err != nil {
		t.Errorf("go vet of the wanted packages: %v\n%s", err, msg)
	}
}

// TestGenerateIsDeterministic renders twice and compares.
func TestGenerateIsDeterministic(t *testing.T) {
	var first map[string][]byte
	for i := 0; i < 3; i++ {
		files := generate(t, "../schema/kook")
		if first == nil {
			first = files
			continue
		}
		if diff := cmp.Diff(first, files); diff != "" {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

func TestHeaderIsRecognisedByGoTools(t *testing.T) {
	for name, src := range generate(t, "testdata/cases/every_construct") {
		first, _, _ := strings.Cut(string(src), "\n")
		// The pattern Go's tools match: ^// Code generated .* DO NOT EDIT\.$
		if !strings.HasPrefix(first, "// Code generated ") || !strings.HasSuffix(first, " DO NOT EDIT.") {
			t.Errorf("%s starts with %q", name, first)
		}
	}
}

// TestGoName: Go names from JSON names; no platform word is an initialism here
// (the schema's go: overrides say KMarkdown).
func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"channel_type": "ChannelType", "msg_id": "MsgID", "id": "ID", "url": "URL",
		"sn": "Sn", "notice.channel_create": "NoticeChannelCreate", "kmarkdown": "Kmarkdown",
		"extra.type": "ExtraType", "raw_content": "RawContent",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSignalSchemaErrors: each mistake in frame.signal and signals is
// reported at its place.
func TestSignalSchemaErrors(t *testing.T) {
	const platform = `platform:
  name: p
  package: p
  documents: [{id: d, title: t, source: s}]
  frame:
    payload: d
    signal: %KEY%
    fields:
      - {name: s, type: int, doc: {en: Kind.}}
      - {name: n, type: int, optional: true, doc: {en: Number.}}
  families:
    - name: f
      base: B
      keys: [{path: k}]
      at: .
      unknown_name: "f_{k}"
objects:
  - {name: B, doc: {en: Base.}, fields: [{name: k, type: int, doc: {en: Key.}}]}
events:
  - {name: f_1, family: f, doc: {en: One.}, docs: [d]}
`
	for _, c := range []struct {
		name, key, signals, want string
	}{
		{"key not a frame field", "{key: x, event: 0}", "", `platform.yaml:7:19: frame.signal: key "x" is not a field of the frame`},
		{"key optional", "{key: n, event: 0}", "", `platform.yaml:7:19: frame.signal: key "n" must be a required, non-nullable int field`},
		// One error for a broken key, not one more for each signal.
		{"key optional, with signals", "{key: n, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d]}\n", `platform.yaml:7:19: frame.signal: key "n" must be a required, non-nullable int field`},
		{"event not an integer", "{key: s, event: zero}", "", `platform.yaml:7:29: frame.signal: event: want an integer, got "zero"`},
		{"sound", "{key: s, event: 0}", "", ""}, // the control: no error
		{"signals without a key", "", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d]}\n", "signals.yaml:2:5: signal hi: the platform's frame declares no signal key (frame.signal)"},
		{"name of an event", "{key: s, event: 0}", "signals:\n  - {name: f_1, value: 1, doc: {en: Hi.}, docs: [d]}\n", "signals.yaml:2:5: signal f_1: name taken by another signal or an event"},
		{"name event", "{key: s, event: 0}", "signals:\n  - {name: event, go: Ev, value: 1, doc: {en: Hi.}, docs: [d]}\n", "signals.yaml:2:5: signal event: name taken by another signal or an event"},
		{"Go name reserved", "{key: s, event: 0}", "signals:\n  - {name: hi, go: Signal, value: 1, doc: {en: Hi.}, docs: [d]}\n", `signals.yaml:2:20: signal hi: Go name "Signal" is reserved for the generated package`},
		{"Go name taken", "{key: s, event: 0}", "signals:\n  - {name: f_1_x, go: F1, value: 1, doc: {en: Hi.}, docs: [d]}\n", `signals.yaml:2:23: signal f_1_x: Go name "F1" clashes with the type declared at`},
		{"field named as the key method", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: x, go: S, type: int, doc: {en: X.}}]}\n", `signals.yaml:2:62: signal hi: field x: Go name "S" is reserved`},
		{"unknown document", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [e]}\n", `signals.yaml:2:48: unknown document "e"`},
		{"accessor", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: ID, first_of: [x, d.k], doc: {en: I.}}]}\n", `signals.yaml:2:187: signal hi: accessor ID: first_of: d.k: want a string member that is not nullable`},
		{"accessor: no such member", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: ID, first_of: [x, d.y], doc: {en: I.}}]}\n", `accessor ID: first_of: d.y: no member "y"`},
		{"accessor: through a scalar", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: ID, first_of: [x, x.y], doc: {en: I.}}]}\n", `accessor ID: first_of: x.y: x is not a required object`},
		{"accessor: one path", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: ID, first_of: [x], doc: {en: I.}}]}\n", `accessor ID: first_of: want at least two member paths`},
		{"accessor named as a field", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: X, first_of: [x, x], doc: {en: I.}}]}\n", `accessor X: name "X" is taken by a field, a generated method or another accessor`},
		{"accessor named as the key method", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: S, first_of: [x, x], doc: {en: I.}}]}\n", `accessor S: name "S" is taken`},
		{"accessor reserved", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: RawJSON, first_of: [x, x], doc: {en: I.}}]}\n", `accessor RawJSON: name "RawJSON" is reserved`},
		{"accessor without first_of", "{key: s, event: 0}", "signals:\n  - {name: hi, value: 1, doc: {en: Hi.}, docs: [d], fields: [{name: d, type: B, doc: {en: D.}}, {name: x, type: string, optional: true, doc: {en: X.}}], accessors: [{name: ID, doc: {en: I.}}]}\n", `missing key "first_of"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := strings.Replace(platform, "%KEY%", c.key, 1)
			if c.key == "" {
				p = strings.Replace(p, "    signal: \n", "", 1)
			}
			if err := os.WriteFile(filepath.Join(dir, "platform.yaml"), []byte(p), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.signals != "" {
				if err := os.WriteFile(filepath.Join(dir, "signals.yaml"), []byte(c.signals), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m, err := Build([]string{dir})
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if m.Signals == nil || m.Signals.Key.JSONName != "s" || m.Signals.Method != "S" {
					t.Errorf("signals = %+v", m.Signals)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != 1 {
				t.Errorf("%d errors, want 1:\n%v", n, err)
			}
		})
	}
}

// TestNoSignalsNoSignalFile: a platform without frame.signal gets no
// signals.go, and one with it does.
func TestNoSignalsNoSignalFile(t *testing.T) {
	if _, ok := generate(t, "../schema/onebot12")["signals.go"]; ok {
		t.Error("onebot12 has no frame, yet signals.go was generated")
	}
	if _, ok := generate(t, "../schema/kook")["signals.go"]; !ok {
		t.Error("kook declares signals, yet no signals.go")
	}
}

// TestWhereSchemaErrors: each mistake in an event's where (variants of one
// event) is reported at its place, once.
func TestWhereSchemaErrors(t *testing.T) {
	const platform = `platform:
  name: p
  package: p
  documents: [{id: d, title: t, source: s}]
  families:
    - name: f
      base: B
      keys: [{path: k}]
      at: body
      unknown_name: "f_{k}"
objects:
  - name: B
    doc: {en: Base.}
    fields:
      - {name: k, type: int, doc: {en: Key.}}
      - {name: room, type: string, doc: {en: Room.}}
      - {name: side, type: Side, doc: {en: Side.}}
      - {name: n, type: int, doc: {en: Number.}}
      - {name: tag, type: string, optional: true, doc: {en: Tag.}}
      - {name: at, type: float, doc: {en: Time.}}
enums:
  - {name: Side, type: string, doc: {en: Side.}, values: [{name: Left, value: left, doc: {en: L.}}]}
`
	const dflt = "  - {name: f_1, family: f, doc: {en: One.}, docs: [d]}\n"
	variant := func(goName, where string) string {
		return "  - {name: f_1, go: " + goName + ", family: f, where: " + where + ", doc: {en: One.}, docs: [d]}\n"
	}
	for _, c := range []struct{ name, events, want string }{
		{"sound", dflt + variant("F1Dm", "{path: room, value: dm}") + variant("F1Left", "{path: room, value: left}"), ""},
		{"sound, default last", variant("F1Dm", "{path: room, value: dm}") + dflt, ""},
		{"sound, no default", variant("F1Dm", "{path: room, value: dm}"), ""},
		{"sound, int and enum", variant("F1N", "{path: n, value: 3}") + "  - {name: f_2, go: F2L, family: f, where: {path: side, value: left}, doc: {en: Two.}, docs: [d]}\n", ""},
		{"unknown path", variant("F1Dm", "{path: roomz, value: dm}"), `events.yaml:2:52: event f_1: where: path roomz: no member roomz in F1Dm (did you mean "room"?)`},
		{"path below a scalar", variant("F1Dm", "{path: room.id, value: dm}"), `events.yaml:2:52: event f_1: where: path room.id: room is not an object`},
		{"path to an optional member", variant("F1Dm", "{path: tag, value: dm}"), `events.yaml:2:52: event f_1: where: path tag: tag may be absent or null`},
		{"path to a float", variant("F1Dm", "{path: at, value: 1}"), `events.yaml:2:52: event f_1: where: path at must lead to a string, an int or an enum of those`},
		{"path to an object", variant("F1Dm", "{path: body, value: 1}"), `events.yaml:2:52: event f_1: where: path body must lead to a string, an int or an enum of those`},
		{"path of a discriminator", variant("F1Dm", "{path: k, value: 1}"), `events.yaml:2:52: event f_1: where: k is a discriminator of family f`},
		{"value not a string", variant("F1Dm", "{path: room, value: 3}"), `events.yaml:2:65: event f_1: where: value: want a string, got "3"`},
		{"value not an int", variant("F1N", "{path: n, value: three}"), `events.yaml:2:61: event f_1: where: value: want an integer, got "three"`},
		{"value not in the enum", variant("F1L", "{path: side, value: lefty}"), `events.yaml:2:64: event f_1: where: value lefty is not a value of enum Side (did you mean "left"?)`},
		{"missing value", variant("F1Dm", "{path: room}"), `events.yaml:2:45: event f_1: where: missing key "value"`},
		{"no Go name", "  - {name: f_1, family: f, where: {path: room, value: dm}, doc: {en: One.}, docs: [d]}\n", "events.yaml:2:35: event f_1: where: a variant needs its own Go name (`go:`)"},
		{"two defaults", dflt + strings.Replace(dflt, "f_1,", "f_1, go: F1b,", 1), "events.yaml:3:5: event f_1: same discriminator values as f_1 (variants of one event: all but one need `where`)"},
		{"two defaults and a variant", dflt + variant("F1Dm", "{path: room, value: dm}") + strings.Replace(dflt, "f_1,", "f_1, go: F1b,", 1), "events.yaml:4:5: event f_1: a second variant without `where` (the default is at line 2)"},
		{"mixed paths", variant("F1Dm", "{path: room, value: dm}") + variant("F1N", "{path: n, value: 3}"), "events.yaml:3:51: event f_1: where: path n, but its other variants are told apart by room (one path per event)"},
		{"duplicate values", variant("F1Dm", "{path: room, value: dm}") + variant("F1Dm2", "{path: room, value: dm}"), "events.yaml:3:66: event f_1: where: value dm is variant F1Dm's too"},
		{"default without the member", dflt + "  - {name: f_1, go: F1X, family: f, where: {path: body.x, value: a}, doc: {en: One.}, docs: [d], fields: [{name: x, type: string, doc: {en: X.}}]}\n", "events.yaml:2:5: event f_1: the default variant: where path body.x: no member x in F1Body"},
		{"default with another type", "  - {name: f_1, family: f, doc: {en: One.}, docs: [d], fields: [{name: x, type: int, doc: {en: X.}}]}\n" + "  - {name: f_1, go: F1X, family: f, where: {path: body.x, value: a}, doc: {en: One.}, docs: [d], fields: [{name: x, type: string, doc: {en: X.}}]}\n", "events.yaml:2:5: event f_1: the default variant: body.x has another type than in the variants with `where`"},
		{"sound, path into the body", "  - {name: f_1, family: f, doc: {en: One.}, docs: [d], fields: [{name: x, type: string, doc: {en: X.}}]}\n" + "  - {name: f_1, go: F1X, family: f, where: {path: body.x, value: a}, doc: {en: One.}, docs: [d], fields: [{name: x, type: string, doc: {en: X.}}]}\n", ""},
		{"name repeated outside a group", dflt + "  - {name: f_1, go: F1b, family: f, key: [2], doc: {en: One.}, docs: [d]}\n", "events.yaml:3:5: event f_1: name taken by the event at line 2 (only variants of one event, told apart by `where`, share a name)"},
		{"variant named otherwise", dflt + "  - {name: f_one, go: F1Dm, key: [1], family: f, where: {path: room, value: dm}, doc: {en: One.}, docs: [d]}\n", "events.yaml:3:5: event f_one: same discriminator values as f_1: a variant has the name of the event it is a variant of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if m := buildCase(t, map[string]string{"platform.yaml": platform, "events.yaml": "events:\n" + c.events}, c.want); m != nil {
				if _, err := Generate(m); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestBodySchemaErrors: a body names an object or is an array; an array
// cannot hold a family key, nor lead a where path.
func TestBodySchemaErrors(t *testing.T) {
	const platform = `platform:
  name: p
  package: p
  documents: [{id: d, title: t, source: s}]
  families:
    - name: f
      base: B
      keys: [{path: k}]
      at: body
      unknown_name: "f_{k}"
    - name: g
      base: B
      keys: [{path: k, value: 9}, {path: body.kind, type: string, doc: {en: Kind.}}]
      at: body
      unknown_name: "g_{body.kind}"
objects:
  - {name: B, doc: {en: Base.}, fields: [{name: k, type: int, doc: {en: Key.}}]}
  - {name: O, doc: {en: O.}, fields: [{name: x, type: string, doc: {en: X.}}]}
`
	for _, c := range []struct{ name, events, want string }{
		{"sound, array of objects", "  - {name: f_1, family: f, body: \"[]O\", doc: {en: One.}, docs: [d]}\n", ""},
		{"sound, array of strings", "  - {name: f_1, family: f, body: \"[]string\", doc: {en: One.}, docs: [d]}\n", ""},
		{"scalar", "  - {name: f_1, family: f, body: int, doc: {en: One.}, docs: [d]}\n", "events.yaml:2:34: event f_1: body must name an object or be an array ([]T)"},
		{"map", "  - {name: f_1, family: f, body: \"map[string]O\", doc: {en: One.}, docs: [d]}\n", "events.yaml:2:34: event f_1: body must name an object or be an array ([]T)"},
		{"array holding a key", "  - {name: g_a, family: g, body: \"[]O\", doc: {en: One.}, docs: [d]}\n", "events.yaml:2:34: event g_a: body cannot be an array: family g keeps a key inside it"},
		{"where path into an array", "  - {name: f_1, go: F1X, family: f, where: {path: body.x, value: a}, body: \"[]O\", doc: {en: One.}, docs: [d]}\n", "events.yaml:2:51: event f_1: where: path body.x: body is not an object"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if m := buildCase(t, map[string]string{"platform.yaml": platform, "events.yaml": "events:\n" + c.events}, c.want); m != nil {
				if _, err := Generate(m); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestHostileSchemas: a schema that takes a name the generated package
// declares, or makes two generated names collide, is a placed schema error,
// once; the control case generates a package that compiles and vets.
func TestHostileSchemas(t *testing.T) {
	const platform = `platform:
  name: p
  package: p
  documents: [{id: d, title: t, source: s}]
  families:
    - name: f
      base: B
      keys: [{path: k, type: string}]
      at: .
      unknown_name: "{k}"
objects:
  - {name: B, doc: {en: Base.}, fields: [{name: x, type: int, doc: {en: X.}}]}
`
	for _, c := range []struct {
		name, schema, want string
	}{
		{"object named DecodeOptions", "objects:\n  - {name: DecodeOptions, doc: {en: O.}, fields: []}\n",
			`more.yaml:2:5: object name "DecodeOptions" is reserved for the generated package`},
		{"object named Decoder", "objects:\n  - {name: Decoder, doc: {en: O.}, fields: []}\n",
			`more.yaml:2:5: object name "Decoder" is reserved for the generated package`},
		{"event named decode", "events:\n  - {name: decode, family: f, doc: {en: E.}, docs: [d]}\n",
			`more.yaml:2:5: event decode: Go name "Decode" is reserved for the generated package`},
		// DecodeWith was the name of DecodeOptions.Decode: a method now, no
		// package-level name of the generated package.
		{"event named decode_with", "events:\n  - {name: decode_with, family: f, doc: {en: E.}, docs: [d]}\n", ""},
		{"event named unknown", "events:\n  - {name: unknown, family: f, doc: {en: E.}, docs: [d]}\n",
			`more.yaml:2:5: event unknown: Go name "Unknown" would give the methods OnUnknown and HandleUnknown`},
		{"enum constants collide", "enums:\n  - {name: MessageType, type: int, doc: {en: T.}, values: [{name: Text, value: 1}]}\n  - {name: Message, type: int, doc: {en: M.}, values: [{name: TypeText, value: 1}]}\n",
			`more.yaml:3:56: enum Message: value TypeText: its constant MessageTypeText clashes with the constant declared at`},
		{"enum constant is a type", "enums:\n  - {name: Channel, type: int, doc: {en: C.}, values: [{name: Kind, value: 1}]}\n  - {name: ChannelKind, type: int, doc: {en: K.}, values: [{name: A, value: 1}]}\n",
			`more.yaml:3:5: enum name "ChannelKind" clashes with the enum constant declared at`},
		{"enum constant is a generated name", "enums:\n  - {name: Decode, type: int, doc: {en: C.}, values: [{name: With, value: 1}]}\n",
			`more.yaml:2:5: enum name "Decode" is reserved for the generated package`},
		{"field named problems", "events:\n  - {name: e1, family: f, doc: {en: E.}, docs: [d], fields: [{name: problems, type: int, doc: {en: P.}}]}\n",
			`Go name "Problems" is reserved for generated members`},
		{"field named as the embedded base", "events:\n  - {name: e1, family: f, doc: {en: E.}, docs: [d], fields: [{name: b, go: B, type: int, doc: {en: P.}}]}\n",
			`more.yaml:2:5: event e1: field "b": Go name B is that of the embedded B (set ` + "`go:`" + `)`},
		{"variant field named as the key method", "unions:\n  - name: U\n    key: type\n    doc: {en: U.}\n    variants:\n      - {name: a, doc: {en: A.}, fields: [{name: u_type, type: int, doc: {en: X.}}]}\n",
			`more.yaml:6:9: union U: variant a: field u_type: Go name UType is the union's key method`},
		{"sound", "events:\n  - {name: e1, family: f, doc: {en: E.}, docs: [d], fields: [{name: y, type: string, doc: {en: Y.}}]}\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if m := buildCase(t, map[string]string{"platform.yaml": platform, "more.yaml": c.schema}, c.want); m != nil {
				checkCompiles(t, m)
			}
		})
	}
}

// buildCase builds a schema of the given files. With want "" it must build,
// and the model is returned; else it must fail with one error, placed at
// file:line:col, containing want, and nil is returned.
func buildCase(t *testing.T, files map[string]string, want string) *Model {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Build([]string{dir})
	if want == "" {
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 1 {
		t.Errorf("%d errors, want 1:\n%v", n, err)
	}
	if !regexp.MustCompile(`\.yaml:[1-9][0-9]*:[1-9][0-9]*: `).MatchString(err.Error()) {
		t.Errorf("error not placed at file:line:col: %v", err)
	}
	return nil
}

// checkCompiles writes the package m generates into a folder of this module
// and runs go vet on it.
func checkCompiles(t *testing.T, m *Model) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not compiling")
	}
	dir, err := os.MkdirTemp("testdata", "compile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := Write(m, dir); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Errorf("go vet of the generated package: %v\n%s", err, msg)
	}
}
