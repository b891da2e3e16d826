package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const driftFixtures = "../internal/drift/testdata"

// withoutPage drops the page name from text findings, to compare two pages.
func withoutPage(out string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if _, rest, ok := strings.Cut(l, ": "); ok {
			lines = append(lines, rest)
		}
	}
	return lines
}

// TestDriftThreeChanges: a page with an added event section, an added table
// row and an example whose value changed type gives exactly those three
// findings more than the unchanged page (against schema/kook, with the
// generated decoder).
func TestDriftThreeChanges(t *testing.T) {
	code, before, stderr := runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user.md"}, "")
	if code != exitFailed {
		t.Fatalf("unchanged page: exit %d, want 1 (its table says string where the schema has int64)\n%s", code, stderr)
	}
	code, after, stderr := runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user_changed.md"}, "")
	if code != exitFailed {
		t.Fatalf("changed page: exit %d\n%s", code, stderr)
	}
	var added []string
	have := map[string]bool{}
	for _, l := range withoutPage(before) {
		have[l] = true
	}
	for _, l := range withoutPage(after) {
		if !have[l] {
			added = append(added, l)
		}
		delete(have, l)
	}
	if len(have) != 0 {
		t.Errorf("findings of the unchanged page gone: %v", have)
	}
	want := []string{
		"exited_channel: d.extra.body.exited_at: type: the schema has int64; the example has string; the decoder says: d.extra.body.exited_at: want number, got string",
		"joined_channel: d.extra.body.muted: new-field: not in the schema; the table says boolean; the example lacks it",
		"live_started: d.extra.type: new-event: not in the schema (named by the table and the example)",
	}
	if d := cmp.Diff(want, added); d != "" {
		t.Errorf("added findings (-want +got):\n%s", d)
	}
	// The baseline takes the unchanged page's finding: exit 0 there, and
	// only the three new ones printed for the changed page.
	base := filepath.Join(t.TempDir(), "baseline.txt")
	if code, _, stderr := runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user.md", "--write-baseline", base}, ""); code != exitOK {
		t.Fatalf("--write-baseline: exit %d\n%s", code, stderr)
	}
	if code, out, stderr := runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user.md", "--baseline", base}, ""); code != exitOK || out != "" {
		t.Errorf("unchanged page against its baseline: exit %d, output %q\n%s", code, out, stderr)
	}
	code, out, _ := runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user_changed.md", "--baseline", base, "--format", "jsonl"}, "")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitFailed || len(lines) != 4 {
		// The page name differs, so the baseline's line does not match here.
		t.Fatalf("changed page: exit %d, %d lines:\n%s", code, len(lines), out)
	}
	for _, l := range lines {
		var f struct {
			Page, Event, Path, Kind, Detail string
			Line                            int
		}
		if err := json.Unmarshal([]byte(l), &f); err != nil || f.Page != "user_changed.md" || f.Line == 0 || f.Kind == "" {
			t.Errorf("jsonl line %s: %+v %v", l, f, err)
		}
	}
}

// seedsDir is where the seed documents are: $EVENTBIND_SEEDS, else
// ../shared/seeds beside the module's folder.
func seedsDir(t *testing.T) string {
	dir := os.Getenv("EVENTBIND_SEEDS")
	if dir == "" {
		dir = "../../shared/seeds"
	}
	if _, err := os.Stat(filepath.Join(dir, "003_c743017fff3acfc6.txt")); err != nil {
		t.Skipf("no seed documents at %s (set EVENTBIND_SEEDS): %v", dir, err)
	}
	return dir
}

// TestDriftSeeds: the four seed documents give no finding outside the
// committed baselines, and the baselines hold no entry that is not found.
func TestDriftSeeds(t *testing.T) {
	dir := seedsDir(t)
	for _, c := range []struct {
		schema string
		docs   []string
	}{
		{"kook", []string{"003=003_c743017fff3acfc6.txt", "001=001_95b08892341234ff.txt", "000=000_2ee607b916777347.txt"}},
		{"onebot12", []string{"seed-002=002_23d1479963f18e9c.txt"}},
	} {
		args := []string{"drift", "--schema", "../schema/" + c.schema, "--baseline", "../schema/" + c.schema + "/drift-baseline.txt"}
		for _, d := range c.docs {
			id, file, _ := strings.Cut(d, "=")
			args = append(args, "--doc", id+"="+filepath.Join(dir, file))
		}
		code, out, stderr := runCLI(t, args, "")
		if code != exitOK || out != "" || strings.Contains(stderr, "no longer found") {
			t.Errorf("%s: exit %d\n%s%s", c.schema, code, out, stderr)
		}
	}
}

func TestDriftUsage(t *testing.T) {
	page := driftFixtures + "/kook/user.md"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"drift", "--doc", page}, "need --schema"},
		{[]string{"drift", "--schema", "kook"}, "need --doc or --docs-dir"},
		{[]string{"drift", "--schema", "kook", "--doc", "nope=" + page}, `the schema has no document "nope"`},
		{[]string{"drift", "--schema", "kook", "--doc", page, "--format", "xml"}, `--format "xml"`},
		{[]string{"drift", "--schema", "kook", "--doc", page, "--check"}, "--check goes with --write-examples"},
		{[]string{"drift", "--schema", "kook", "--doc", "missing.md"}, "missing.md"},
		{[]string{"drift", "--schema", driftFixtures + "/pairs", "--doc", page}, "no .yaml files"},
	} {
		code, _, stderr := runCLI(t, c.args, "")
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// TestDriftWriteExamples: --check lists the example file a page changed,
// writing nothing; without --check it is written, with the page's repairs;
// then --check finds nothing more.
func TestDriftWriteExamples(t *testing.T) {
	schema := filepath.Join(t.TempDir(), "schema")
	copyDir(t, driftFixtures+"/schema", schema)
	file := filepath.Join(schema, "testdata/examples/user-state_self_joined_guild.json")
	old, _ := os.ReadFile(file)
	args := []string{"drift", "--schema", schema, "--doc", "user-state=" + driftFixtures + "/pairs/state/after.txt", "--write-examples"}
	code, out, stderr := runCLI(t, append(args, "--check"), "")
	if code != exitFailed || out != "would update "+file+" from user-state line 19\n" {
		t.Fatalf("--check: exit %d, %q\n%s", code, out, stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != string(old) {
		t.Fatal("--check wrote the file")
	}
	if code, out, stderr := runCLI(t, args, ""); code != exitOK || !strings.HasPrefix(out, "updated "+file) {
		t.Fatalf("write: exit %d, %q\n%s", code, out, stderr)
	}
	now, _ := os.ReadFile(file)
	if want := strings.Replace(string(old), `"guild_id": "xxx"`, "\"guild_id\": \"xxx\",\n         \"state\" : \"yyy\"", 1); string(now) != want {
		t.Errorf("written:\n%s\nwant:\n%s", now, want)
	}
	if code, out, _ := runCLI(t, append(args, "--check"), ""); code != exitOK || out != "" {
		t.Errorf("--check after writing: exit %d, %q", code, out)
	}
	// The built-in schema cannot be written.
	code, _, stderr = runCLI(t, []string{"drift", "--schema", "kook", "--doc", driftFixtures + "/kook/user_changed.md", "--write-examples"}, "")
	if code != exitOK {
		t.Errorf("a page citing no example file: exit %d\n%s", code, stderr)
	}
}

// copyDir copies the files of the folder tree src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
