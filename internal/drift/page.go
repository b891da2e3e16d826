// Package drift compares documentation pages with a schema: it reads the
// event sections of a page (field tables and JSON examples), matches each to
// the schema's event by its type value, and reports where they disagree.
package drift

import (
	"regexp"
	"strings"
)

// Page is one documentation page split into sections.
type Page struct {
	Name     string // how findings name the page: its document id, else its file name
	Doc      string // the schema's document id, "" when the page is none of them
	Sections []*Section
}

// Section is the part of a page about one event: a heading (or, in rendered
// text, a table) up to the next.
type Section struct {
	Title    string
	Line     int
	Tables   []*Table
	Examples []*Block
}

// Table is a field table ("字段 | 类型 | 说明").
type Table struct {
	// Title is the member the table describes, from a "extra 字段说明" line
	// before it; "" when no such line precedes it.
	Title string
	Line  int
	Rows  []*Row
}

// Row is one table row; nested rows start with "» " or "↳".
type Row struct {
	Name, Type, Desc string
	Depth            int
	Line             int
}

// Block is a JSON example as the page has it.
type Block struct {
	Line int    // page line of the block's first line
	Text string // its lines, each ending in "\n"
}

var (
	headingRE    = regexp.MustCompile(`^(#{1,6})\s*(.*?)\s*#*\s*$`)
	tableTitleRE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_-]*)\s*字段说明`)
)

// ParsePage splits a page in any of the formats KOOK's docs have had:
// Markdown with pipe tables and fenced examples (api-docs, "» " nesting; the
// older "### 事件：" pages, "↳" nesting), and rendered text where a table is
// "字段 类型 说明" followed by space-separated rows and an example runs from
// a line holding only "{" to its closing brace.
func ParsePage(name, doc string, text string) *Page {
	p := &Page{Name: name, Doc: doc}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cur := &Section{Line: 1}
	p.Sections = append(p.Sections, cur)
	newSection := func(title string, line int) {
		cur = &Section{Title: title, Line: line}
		p.Sections = append(p.Sections, cur)
	}
	// A table after an example, in a page without headings, starts the
	// next event's section.
	startTable := func(line int) {
		if len(cur.Examples) > 0 {
			newSection(lastText(lines, line-1), line)
		} else if cur.Title == "" {
			cur.Title = lastText(lines, line-1)
		}
	}
	title := "" // of the next table
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		n := i + 1
		switch {
		case strings.HasPrefix(trimmed, "```"):
			end := i + 1
			for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), "```") {
				end++
			}
			body := lines[i+1 : min(end, len(lines))]
			if first := firstNonBlank(body); strings.HasPrefix(first, "{") || strings.HasPrefix(first, "[") {
				cur.Examples = append(cur.Examples, &Block{Line: n + 1, Text: joinLines(body)})
			}
			i = end
		case trimmed == "{":
			end := closingLine(lines, i)
			cur.Examples = append(cur.Examples, &Block{Line: n, Text: joinLines(lines[i : end+1])})
			i = end
		case headingRE.MatchString(trimmed):
			m := headingRE.FindStringSubmatch(trimmed)
			if t := tableTitleRE.FindStringSubmatch(m[2]); t != nil {
				title = t[1]
			} else if len(m[1]) <= 3 {
				newSection(m[2], n)
				title = ""
			}
		case isPipeHeader(trimmed):
			startTable(n)
			t, end := pipeTable(lines, i, title)
			cur.Tables = append(cur.Tables, t)
			title, i = "", end
		case isSpaceHeader(trimmed):
			startTable(n)
			t, end := spaceTable(lines, i, title)
			cur.Tables = append(cur.Tables, t)
			title, i = "", end
		default:
			if t := tableTitleRE.FindStringSubmatch(trimmed); t != nil {
				title = t[1]
			}
		}
	}
	return p
}

func firstNonBlank(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// lastText returns the nearest non-blank line at or before index i that is
// not a table title, for a section's title.
func lastText(lines []string, i int) string {
	for ; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t != "" && !tableTitleRE.MatchString(t) && !strings.Contains(t, "|") {
			return strings.TrimLeft(t, "# ")
		}
	}
	return ""
}

// closingLine returns the index of the line where the value opened by the
// "{" on line start closes (strings and escapes skipped), or the last line.
func closingLine(lines []string, start int) int {
	depth := 0
	var st stringState
	for i := start; i < len(lines); i++ {
		l := lines[i]
		for j := 0; j < len(l); j++ {
			if !st.outside(l[j]) {
				continue
			}
			switch l[j] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i
				}
			}
		}
	}
	return len(lines) - 1
}

// stringState follows JSON text byte by byte to tell the bytes inside its
// strings (escapes skipped) from the others.
type stringState struct{ in, escaped bool }

// outside takes the next byte c and reports whether it stands outside every
// string; a quote is part of its string.
func (s *stringState) outside(c byte) bool {
	switch {
	case s.escaped:
		s.escaped = false
		return false
	case s.in && c == '\\':
		s.escaped = true
		return false
	case c == '"':
		s.in = !s.in
		return false
	}
	return !s.in
}

// splitCells splits a pipe table line into its cells, without the empty
// ones outside a leading or trailing pipe.
func splitCells(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func isPipeHeader(t string) bool {
	if !strings.Contains(t, "|") {
		return false
	}
	cells := splitCells(t)
	return len(cells) >= 3 && (cells[0] == "字段" || cells[0] == "字段名")
}

func isSeparator(t string) bool {
	t = strings.TrimSpace(t)
	return t != "" && strings.Trim(t, "|-: ") == "" && strings.Contains(t, "-")
}

// pipeTable reads a pipe table whose header is lines[i]. A row broken over
// several lines (as rendered pages have them) is joined until it has the
// header's number of cells.
func pipeTable(lines []string, i int, title string) (*Table, int) {
	t := &Table{Title: title, Line: i + 1}
	ncells := len(splitCells(lines[i]))
	j := i + 1
	if j < len(lines) && isSeparator(lines[j]) {
		j++
	}
	for j < len(lines) {
		raw := strings.TrimSpace(lines[j])
		if raw == "" || !strings.Contains(raw, "|") {
			break
		}
		start := j
		for strings.Count(strings.Trim(raw, "|"), "|")+1 < ncells && j+1 < len(lines) && strings.Contains(lines[j+1], "|") {
			j++
			raw = strings.TrimRight(raw, "| ") + " | " + strings.TrimSpace(lines[j])
		}
		cells := splitCells(raw)
		if len(cells) >= 2 {
			t.Rows = append(t.Rows, newRow(cells[0], cells[1], strings.Join(cells[2:], " | "), start+1))
		}
		j++
	}
	return t, j - 1
}

func isSpaceHeader(t string) bool {
	f := strings.Fields(t)
	return len(f) == 3 && f[0] == "字段" && f[1] == "类型" && f[2] == "说明"
}

// spaceTable reads a rendered table: "name type description", one a line,
// until a blank line.
func spaceTable(lines []string, i int, title string) (*Table, int) {
	t := &Table{Title: title, Line: i + 1}
	j := i + 1
	for ; j < len(lines); j++ {
		f := strings.Fields(lines[j])
		if len(f) == 0 {
			break
		}
		depth := 0
		for len(f) > 0 && (f[0] == "»" || f[0] == "↳") {
			depth++
			f = f[1:]
		}
		if len(f) < 2 {
			continue
		}
		r := newRow(strings.Repeat("» ", depth)+f[0], f[1], strings.Join(f[2:], " "), j+1)
		t.Rows = append(t.Rows, r)
	}
	return t, j - 1
}

// newRow takes the nesting markers off a row's name.
func newRow(name, typ, desc string, line int) *Row {
	r := &Row{Type: typ, Desc: desc, Line: line}
	for {
		name = strings.TrimSpace(name)
		switch {
		case strings.HasPrefix(name, "»"):
			name = strings.TrimPrefix(name, "»")
		case strings.HasPrefix(name, "↳"):
			name = strings.TrimPrefix(name, "↳")
		default:
			r.Name = strings.Trim(name, "`")
			return r
		}
		r.Depth++
	}
}
