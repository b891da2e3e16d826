package drift

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCheck: any page text is read and checked without a panic, and the
// findings come sorted, each with a page, an event, a path and a kind.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/pairs/*/*.*")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("字段 类型 说明\n» \n{\n\"a\": [\n")
	f.Add("|字段|类型|说明|\n|type|string|本处为 `x`|\n```json\n{\"d\":{\"type\":255,\"extra\":{\"type\":\"x\",\"body\":[]}}}\n```\n")
	c := fixtureChecker(f)
	f.Fuzz(func(t *testing.T, text string) {
		fs, _ := c.Check(ParsePage("p", "user", text))
		for i, x := range fs {
			if x.Page != "p" || x.Event == "" || x.Path == "" || x.Kind == "" {
				t.Fatalf("finding %+v", x)
			}
			if i > 0 && fs[i-1].String() > x.String() && fs[i-1].Page == x.Page && fs[i-1].Event == x.Event && fs[i-1].Path == x.Path && fs[i-1].Kind == x.Kind {
				t.Fatalf("not sorted: %v, %v", fs[i-1], x)
			}
		}
	})
}
