package drift

import (
	"path/filepath"
	"strings"

	"github.com/eventbind/eventbind/gen"
)

// DocOf returns the id of the schema's document that file is, judged by the
// document's source ("kaiheila/api-docs docs/zh-cn/event/guild.md",
// "shared/seeds/003_….txt"): the one whose path shares the most trailing
// path elements with file, at least its name and folder (event/channel.md
// is not http/channel.md). "" when none or when two are as close.
func DocOf(m *gen.Model, file string) string {
	mine := strings.Split(filepath.ToSlash(filepath.Clean(file)), "/")
	best, bestN, tie := "", 0, false
	for _, d := range m.Documents {
		for _, tok := range strings.Fields(d.Source) {
			theirs := strings.Split(tok, "/")
			n := commonTail(mine, theirs)
			if n < min(2, len(theirs), len(mine)) {
				continue
			}
			switch {
			case n > bestN:
				best, bestN, tie = d.ID, n, false
			case n == bestN && n > 0 && best != d.ID:
				tie = true
			}
		}
	}
	if tie {
		return ""
	}
	return best
}

func commonTail(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// HasDocument reports whether the schema lists a document with this id.
func HasDocument(m *gen.Model, id string) bool {
	for _, d := range m.Documents {
		if d.ID == id {
			return true
		}
	}
	return false
}
