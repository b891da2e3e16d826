package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// examplesDir holds the documented KOOK frames, one pretty-printed frame per file.
const examplesDir = "../schema/kook/testdata/examples"

// example is one documented frame, compacted onto a single line.
type example struct {
	file  string // base name, e.g. 003_joined_guild.json
	event string // expected event name, derived from the file name
	frame []byte // the whole frame, compact
	bare  []byte // the frame's d object, compact
}

// loadExamples reads every documented frame, sorted by file name.
func loadExamples(t *testing.T) []example {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	// generated_test checks that the schema lists each of them.
	if len(files) == 0 {
		t.Fatalf("found no example files in %s", examplesDir)
	}
	var out []example
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, src); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var members map[string]json.RawMessage
		if err := json.Unmarshal(compact.Bytes(), &members); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if members["d"] == nil {
			t.Fatalf("%s: no d member", path)
		}
		base := filepath.Base(path)
		out = append(out, example{
			file:  base,
			event: eventFromFileName(t, base),
			frame: compact.Bytes(),
			bare:  []byte(members["d"]),
		})
	}
	return out
}

// eventFromFileName maps `<doc>_<event>.json` (and built_audio_message.json)
// to the event name.
func eventFromFileName(t *testing.T, base string) string {
	t.Helper()
	_, event, ok := strings.Cut(strings.TrimSuffix(base, ".json"), "_")
	if !ok || event == "" {
		t.Fatalf("example file name %q is not <doc>_<event>.json", base)
	}
	return event
}

// exampleByFile returns the documented frame in file base.
func exampleByFile(t *testing.T, base string) example {
	t.Helper()
	for _, ex := range loadExamples(t) {
		if ex.file == base {
			return ex
		}
	}
	t.Fatalf("no example %s", base)
	return example{}
}

// runCLI calls run as main would and returns the exit status and both streams.
func runCLI(t *testing.T, args []string, stdin string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// outLine is one parsed output line of `eventbind decode`.
type outLine struct {
	raw      string
	Line     int
	Platform string
	Event    string
	Known    bool
	Value    json.RawMessage
	Unknown  []string // nil when the key is absent
	Problems []string // nil when the key is absent (a line decoded whole)
	Error    string
	IsError  bool
}

var (
	decodedKeys       = []string{"event", "known", "line", "platform", "value"}
	decodedStrictKeys = []string{"event", "known", "line", "platform", "unknown_fields", "value"}
	errorKeys         = []string{"error", "line"}
)

// parseOutput splits the stdout of decode into lines and checks each one is a
// single JSON object with exactly the keys of the contract (no duplicate,
// missing or extra key, right JSON types). strict says whether decoded lines
// must carry unknown_fields.
func parseOutput(t *testing.T, stdout string, strict bool) []outLine {
	t.Helper()
	if stdout == "" {
		return nil
	}
	if !strings.HasSuffix(stdout, "\n") {
		t.Errorf("output does not end with a newline: ...%q", tail(stdout))
	}
	var out []outLine
	for i, raw := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		out = append(out, parseOutLine(t, i+1, raw, strict))
	}
	return out
}

func parseOutLine(t *testing.T, n int, raw string, strict bool) outLine {
	t.Helper()
	members, keys, err := objectMembers([]byte(raw))
	if err != nil {
		t.Fatalf("output line %d is not a single JSON object: %v\n%s", n, err, clip(raw))
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	_, isError := members["error"]
	_, hasProblems := members["problems"]
	want := decodedKeys
	switch {
	case isError:
		want = errorKeys
	case strict:
		want = decodedStrictKeys
	}
	if hasProblems && !isError {
		want = append(append([]string(nil), want...), "problems")
		sort.Strings(want)
	}
	if diff := cmp.Diff(want, sorted); diff != "" {
		t.Errorf("output line %d has keys %q, want exactly %q (-want +got):\n%s\n%s", n, keys, want, diff, clip(raw))
	}
	ol := outLine{raw: raw, IsError: isError}
	if err := json.Unmarshal(members["line"], &ol.Line); err != nil || ol.Line < 1 {
		t.Errorf("output line %d: \"line\" is %s, want a positive integer", n, members["line"])
	}
	if isError {
		if err := json.Unmarshal(members["error"], &ol.Error); err != nil || ol.Error == "" {
			t.Errorf("output line %d: \"error\" is %s, want a non-empty string", n, members["error"])
		}
		return ol
	}
	if err := json.Unmarshal(members["platform"], &ol.Platform); err != nil {
		t.Errorf("output line %d: \"platform\" is %s, want a string", n, members["platform"])
	}
	if err := json.Unmarshal(members["event"], &ol.Event); err != nil || ol.Event == "" {
		t.Errorf("output line %d: \"event\" is %s, want a non-empty string", n, members["event"])
	}
	if err := json.Unmarshal(members["known"], &ol.Known); err != nil {
		t.Errorf("output line %d: \"known\" is %s, want true or false", n, members["known"])
	}
	ol.Value = members["value"]
	if v := bytes.TrimSpace(ol.Value); len(v) == 0 || v[0] != '{' {
		t.Errorf("output line %d: \"value\" is %s, want an object", n, clip(string(ol.Value)))
	}
	if p, ok := members["problems"]; ok {
		if err := json.Unmarshal(p, &ol.Problems); err != nil || len(ol.Problems) == 0 {
			t.Errorf("output line %d: \"problems\" is %s, want a non-empty array of strings", n, p)
		}
	}
	if u, ok := members["unknown_fields"]; ok {
		if string(bytes.TrimSpace(u)) == "null" {
			t.Errorf("output line %d: \"unknown_fields\" is null, want an array", n)
		}
		ol.Unknown = []string{}
		if err := json.Unmarshal(u, &ol.Unknown); err != nil {
			t.Errorf("output line %d: \"unknown_fields\" is %s, want an array of strings", n, u)
		}
	}
	return ol
}

// objectMembers reads data as exactly one JSON object and returns its members
// and its keys in order; a duplicate key or anything after the object is an error.
func objectMembers(data []byte) (map[string]json.RawMessage, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if tok != json.Delim('{') {
		return nil, nil, errors.New("does not start with {")
	}
	members := map[string]json.RawMessage{}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := members[key]; dup {
			return nil, nil, errors.New("duplicate key " + key)
		}
		members[key] = v
		keys = append(keys, key)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("more data after the object")
	}
	return members, keys, nil
}

// jsonDoc decodes exactly one JSON document, numbers as json.Number.
func jsonDoc(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, clip(string(data)))
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("more than one JSON document:\n%s", clip(string(data)))
	}
	return v
}

// sameJSON reports the difference between two JSON documents (key order free).
func sameJSON(t *testing.T, want, got []byte) string {
	t.Helper()
	return cmp.Diff(jsonDoc(t, want), jsonDoc(t, got))
}

// wantDecoded checks a decoded output line.
func wantDecoded(t *testing.T, got outLine, line int, event string, known bool, input []byte) {
	t.Helper()
	if got.IsError {
		t.Errorf("line %d: got error %q, want event %s", line, got.Error, event)
		return
	}
	if got.Problems != nil {
		t.Errorf("line %d: problems %q, want none", line, got.Problems)
	}
	if got.Line != line {
		t.Errorf("line = %d, want %d", got.Line, line)
	}
	if got.Platform != "kook" {
		t.Errorf("line %d: platform = %q, want kook", line, got.Platform)
	}
	if got.Event != event {
		t.Errorf("line %d: event = %q, want %q", line, got.Event, event)
	}
	if got.Known != known {
		t.Errorf("line %d: known = %v, want %v", line, got.Known, known)
	}
	if diff := sameJSON(t, input, got.Value); diff != "" {
		t.Errorf("line %d: value is not the input document (-input +value):\n%s", line, clip(diff))
	}
}

// wantRecovered checks a line decoded with problems: the event, its problems
// and the value, which is the input document all the same.
func wantRecovered(t *testing.T, got outLine, line int, event string, input []byte, problems ...string) {
	t.Helper()
	if got.IsError {
		t.Errorf("line %d: got error %q, want event %s recovered", line, got.Error, event)
		return
	}
	if got.Line != line || got.Event != event || !got.Known {
		t.Errorf("line %d: got line %d event %q known %v, want %s", line, got.Line, got.Event, got.Known, event)
	}
	if diff := cmp.Diff(problems, got.Problems); diff != "" {
		t.Errorf("line %d: problems (-want +got):\n%s", line, diff)
	}
	if diff := sameJSON(t, input, got.Value); diff != "" {
		t.Errorf("line %d: value is not the input document (-input +value):\n%s", line, clip(diff))
	}
}

// wantError checks an error output line.
func wantError(t *testing.T, got outLine, line int, substr string) {
	t.Helper()
	if !got.IsError {
		t.Errorf("line %d: got event %q, want an error containing %q", line, got.Event, substr)
		return
	}
	if got.Line != line {
		t.Errorf("error line = %d, want %d", got.Line, line)
	}
	if !strings.Contains(got.Error, substr) {
		t.Errorf("line %d: error %q does not contain %q", line, got.Error, substr)
	}
}

// jsonl joins lines into a JSON Lines stream with a final newline.
func jsonl(lines ...[]byte) string {
	var b strings.Builder
	for _, l := range lines {
		b.Write(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "...(clipped)"
	}
	return s
}

func tail(s string) string {
	if len(s) > 80 {
		return s[len(s)-80:]
	}
	return s
}

// TestObjectMembers checks the checker used on every output line: exactly one
// JSON object, no duplicate key.
func TestObjectMembers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		keys []string
		ok   bool
	}{
		{in: `{"line":1,"error":"e"}`, keys: []string{"line", "error"}, ok: true},
		{in: ` {"a":{"b":[1,{"c":2}]}} `, keys: []string{"a"}, ok: true},
		{in: `{"line":1,"line":2}`},
		{in: `{"line":1}{"line":2}`},
		{in: `{"line":1} x`},
		{in: `[{"line":1}]`},
		{in: `{"line":1`},
		{in: ``},
	} {
		_, keys, err := objectMembers([]byte(tc.in))
		if (err == nil) != tc.ok {
			t.Errorf("objectMembers(%q) error = %v, want ok %v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok {
			if diff := cmp.Diff(tc.keys, keys); diff != "" {
				t.Errorf("objectMembers(%q) keys (-want +got):\n%s", tc.in, diff)
			}
		}
	}
}

// process is the command running as a process (this test binary, as main):
// its stdout and stderr lines as they come.
type process struct {
	cmd      *exec.Cmd
	out, err chan string
}

// startProcess starts the command with args and env added to the
// environment; the test's end kills it.
func startProcess(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "EVENTBIND_TEST_RUN_MAIN=1"), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	p := &process{cmd: cmd, out: make(chan string, 100), err: make(chan string, 100)}
	for r, ch := range map[*bufio.Scanner]chan string{bufio.NewScanner(stdout): p.out, bufio.NewScanner(stderr): p.err} {
		go func() {
			r.Buffer(nil, 1<<20)
			for r.Scan() {
				ch <- r.Text()
			}
			close(ch)
		}()
	}
	return p
}

// next returns the next line of ch (p.out or p.err), failing after 30 s.
func (p *process) next(t *testing.T, ch chan string) string {
	t.Helper()
	select {
	case l, ok := <-ch:
		if !ok {
			t.Fatal("output closed")
		}
		return l
	case <-time.After(30 * time.Second):
		t.Fatal("no output for 30 s")
	}
	return ""
}

// wait reads both outputs to their end, then waits for the exit: it returns
// the exit status and the rest of stdout and stderr.
func (p *process) wait(t *testing.T) (code int, out, errs []string) {
	for l := range p.err {
		errs = append(errs, l)
	}
	for l := range p.out {
		out = append(out, l)
	}
	p.cmd.Wait()
	return p.cmd.ProcessState.ExitCode(), out, errs
}
