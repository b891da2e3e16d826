package drift

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/gen"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata/pairs")

// fixtureChecker checks pages against testdata/schema, the schema as written
// from the "before" pages.
func fixtureChecker(t testing.TB) *Checker {
	t.Helper()
	m, err := gen.Build([]string{"testdata/schema"})
	if err != nil {
		t.Fatal(err)
	}
	return &Checker{Model: m, ReadFile: func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join("testdata/schema", name))
	}}
}

// TestPairs: each folder of testdata/pairs reproduces a change of KOOK's
// docs (kaiheila/api-docs history) in one of the page formats; every page
// gives exactly the findings of its .want file.
func TestPairs(t *testing.T) {
	c := fixtureChecker(t)
	dirs, _ := filepath.Glob("testdata/pairs/*")
	if len(dirs) < 6 {
		t.Fatalf("want at least 6 pairs, got %d", len(dirs))
	}
	for _, dir := range dirs {
		doc, err := os.ReadFile(filepath.Join(dir, "doc"))
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, file := range pages {
			if strings.HasSuffix(file, ".want") {
				continue
			}
			t.Run(strings.TrimPrefix(file, "testdata/pairs/"), func(t *testing.T) {
				text, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				fs, _ := c.Check(ParsePage(filepath.Base(file), strings.TrimSpace(string(doc)), string(text)))
				var got bytes.Buffer
				_ = WriteText(&got, fs)
				wantFile := strings.TrimSuffix(file, filepath.Ext(file)) + ".want"
				if *update {
					if err := os.WriteFile(wantFile, got.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(wantFile)
				if err != nil {
					t.Fatalf("%v (go test -update writes it; check it by hand)", err)
				}
				if d := cmp.Diff(string(want), got.String()); d != "" {
					t.Errorf("findings (-want +got):\n%s", d)
				}
			})
		}
	}
}

// TestPairUpdates: --write-examples takes the after pages' examples, with
// their repairs, and nothing from the unchanged ones.
func TestPairUpdates(t *testing.T) {
	c := fixtureChecker(t)
	check := func(file, doc string) []Update {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, ups := c.Check(ParsePage(filepath.Base(file), doc, string(text)))
		return ups
	}
	if ups := check("testdata/pairs/state/before.txt", "user-state"); len(ups) != 0 {
		t.Errorf("before page: %d updates, want none", len(ups))
	}
	ups := check("testdata/pairs/state/after.txt", "user-state")
	if len(ups) != 1 || ups[0].File != "testdata/examples/user-state_self_joined_guild.json" {
		t.Fatalf("after page: updates %+v", ups)
	}
	want := "        \"guild_id\": \"xxx\",\n         \"state\" : \"yyy\"\n      }\n"
	if !strings.Contains(string(ups[0].Data), want) {
		t.Errorf("the update lacks the repaired body:\n%s", ups[0].Data)
	}
	if ups := check("testdata/pairs/item_message/after.md", "message"); len(ups) != 0 {
		t.Errorf("a new event has no file to update: %+v", ups)
	}
}

func TestParsePageFormats(t *testing.T) {
	for _, tc := range []struct {
		file                 string
		sections, tables, ex int
		rows                 []string // name/type/depth of the last table
	}{
		{"testdata/pairs/is_category/before.md", 2, 1, 2, []string{"type/string/0", "body/Map/0"}},
		{"testdata/pairs/user_info/after.txt", 1, 1, 1, []string{"type/string/0", "body/Map/0", "msg_id/string/1", "user_id/string/1", "value/string/1", "target_id/string/1", "user_info/Map/1"}},
		{"testdata/pairs/item_message/after.md", 2, 4, 2, []string{"type/int/0", "mention/Array/0", "author/Map/0"}},
	} {
		text, _ := os.ReadFile(tc.file)
		p := ParsePage("p", "", string(text))
		var sections, tables, ex int
		var last *Table
		for _, s := range p.Sections {
			if len(s.Tables) > 0 || len(s.Examples) > 0 {
				sections++
			}
			tables += len(s.Tables)
			ex += len(s.Examples)
			if len(s.Tables) > 0 {
				last = s.Tables[len(s.Tables)-1]
			}
		}
		if sections != tc.sections || tables != tc.tables || ex != tc.ex {
			t.Errorf("%s: %d sections, %d tables, %d examples; want %d, %d, %d", tc.file, sections, tables, ex, tc.sections, tc.tables, tc.ex)
		}
		var rows []string
		for _, r := range last.Rows {
			rows = append(rows, r.Name+"/"+r.Type+"/"+string(rune('0'+r.Depth)))
		}
		if d := cmp.Diff(tc.rows, rows); d != "" {
			t.Errorf("%s: last table's rows (-want +got):\n%s", tc.file, d)
		}
	}
}

// TestBrokenRows: a rendered table whose rows are broken over lines (as in
// the OneBot seed) is joined back, row by row.
func TestBrokenRows(t *testing.T) {
	p := ParsePage("p", "", "字段名 | 数据类型 | 说明 |\n---|---|---|\ndetail_type |\nstring | 必须为 x |\nuser_id |\nstring | 用户 ID |\n")
	rows := p.Sections[0].Tables[0].Rows
	if len(rows) != 2 || rows[0].Name != "detail_type" || rows[0].Desc != "必须为 x" || rows[1].Name != "user_id" || rows[1].Type != "string" || rows[1].Line != 5 {
		t.Errorf("rows: %+v %+v", rows[0], rows[1])
	}
}

func TestReadExample(t *testing.T) {
	x := ReadExample(&Block{Line: 10, Text: "{\n  \"url\": \"https://a//b\", // a comment\n  // 省略\n  \"a\": [1, 2,],\n}\n"})
	if x.Err != nil {
		t.Fatal(x.Err)
	}
	want := []Repair{
		{Line: 11, Col: 26, What: "removed the comment `// a comment`"},
		{Line: 12, Col: 3, What: "removed the comment `// 省略`"},
		{Line: 13, Col: 13, What: "removed a trailing comma"},
		{Line: 13, Col: 15, What: "removed a trailing comma"},
	}
	if d := cmp.Diff(want, x.Repairs); d != "" {
		t.Errorf("repairs (-want +got):\n%s", d)
	}
	if wantText := "{\n  \"url\": \"https://a//b\",\n  \"a\": [1, 2]\n}\n"; x.Text != wantText {
		t.Errorf("text %q, want %q", x.Text, wantText)
	}
	bad := ReadExample(&Block{Line: 20, Text: "{\n  \"a\": 1\n  \"b\": 2\n}\n"})
	se, ok := bad.Err.(*SyntaxError)
	if !ok || se.Line != 22 || se.Col != 3 {
		t.Errorf("error %v, want line 22, column 3", bad.Err)
	}
}

func TestInvalidJSONFinding(t *testing.T) {
	c := fixtureChecker(t)
	text, _ := os.ReadFile("testdata/pairs/state/before.txt")
	broken := strings.Replace(string(text), `"guild_id": "xxx"`, `"guild_id": "xxx" "x": 1`, 1)
	fs, _ := c.Check(ParsePage("p", "", broken))
	want := []Finding{{Page: "p", Event: "self_joined_guild", Path: ".", Kind: InvalidJSON, Line: 29,
		Detail: "example line 12, column 27: invalid character '\"' after object key:value pair"}}
	if d := cmp.Diff(want, fs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestBaseline(t *testing.T) {
	fs := []Finding{{Page: "a", Event: "e", Path: ".", Kind: Repaired, Detail: "x"}, {Page: "b", Event: "e", Path: "d.x", Kind: NewField, Detail: "y"}}
	b, err := ReadBaseline(strings.NewReader("# comment\n\na: e: .: repair: x\nc: gone: .: repair: z\n"))
	if err != nil {
		t.Fatal(err)
	}
	fresh, gone := b.Split(fs)
	if len(fresh) != 1 || fresh[0].Page != "b" || len(gone) != 1 || gone[0] != "c: gone: .: repair: z" {
		t.Errorf("fresh %v, gone %v", fresh, gone)
	}
}

func TestDocOf(t *testing.T) {
	m := &gen.Model{Documents: []*gen.Document{
		{ID: "003", Source: "shared/seeds/003_c743017fff3acfc6.txt"},
		{ID: "api-docs-message", Source: "kaiheila/api-docs docs/zh-cn/event/message.md (5edf3edb)"},
		{ID: "api-docs-http-message", Source: "kaiheila/api-docs docs/zh-cn/http/message.md (5edf3edb)"},
		{ID: "api-docs-http-channel", Source: "kaiheila/api-docs docs/zh-cn/http/channel.md"},
	}}
	for file, want := range map[string]string{
		"/work/shared/seeds/003_c743017fff3acfc6.txt": "003",
		"/tmp/api-docs/docs/zh-cn/event/message.md":   "api-docs-message",
		"/tmp/zh-cn/message.md":                       "", // as close to both message pages
		"/tmp/event/channel.md":                       "", // not http/channel.md
		"/tmp/user.md":                                "",
	} {
		if got := DocOf(m, file); got != want {
			t.Errorf("DocOf(%s) = %q, want %q", file, got, want)
		}
	}
}
