package drift

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/eventbind/eventbind/gen"
)

// Checker compares pages with one platform's schema.
type Checker struct {
	Model *gen.Model
	// Decode decodes an example with the schema's generated decoder; nil
	// leaves the "decode" check out. Its error's path, when it names one
	// (a *jsonwire.Error), ties it to the finding at that path.
	Decode func(data []byte) (path string, err error)
	// ReadFile reads an example file the schema cites, by its path relative
	// to the schema folder; nil leaves the comparison with them out.
	ReadFile func(name string) ([]byte, error)
}

// Update is an example file the schema cites whose page version differs.
type Update struct {
	File string // as the schema cites it
	Page string
	Line int
	Data []byte // the page's example, with its repairs
}

// Check returns the findings of one page, sorted, and the example files
// that the page has in another version.
func (c *Checker) Check(p *Page) ([]Finding, []Update) {
	var out []Finding
	var ups []Update
	for _, s := range p.Sections {
		fs, us := c.section(p, s)
		out = append(out, fs...)
		ups = append(ups, us...)
	}
	return Sort(out), ups
}

// fact is what the page and the schema say about one JSON path.
type fact struct {
	field    *gen.Field // nil when the schema has no member there
	declared bool       // the schema knows the parent object, so field == nil means new
	// required: the schema requires it; absentTable / absentExample: the
	// table lists the parent's members / an example has the parent, and
	// this member is not there.
	required                   bool
	absentTable, absentExample bool
	row                        *Row
	kinds                      []string // JSON kinds in the examples
	tableBad, exampleBad       bool     // the schema's type takes not what the table or an example says
	line                       int
}

type sectionCheck struct {
	c      *Checker
	page   *Page
	ev     *gen.Event
	name   string
	facts  map[string]*fact
	out    []Finding
	byPath map[string]int // index in out of the finding at a path
	// inExamples and inTables are the objects that an example has and
	// whose members a table lists.
	inExamples, inTables map[string]bool
	// exampleFound: a finding comes (also) from an example, which then
	// needs no "example-differs" of its own.
	exampleFound bool
}

func (sc *sectionCheck) fact(path string) *fact {
	f := sc.facts[path]
	if f == nil {
		f = &fact{}
		sc.facts[path] = f
	}
	return f
}

func (sc *sectionCheck) add(path, kind, detail string, line int, fromExample bool) {
	if fromExample {
		sc.exampleFound = true
	}
	sc.byPath[path] = len(sc.out)
	sc.out = append(sc.out, Finding{Page: sc.page.Name, Event: sc.name, Path: path, Kind: kind, Detail: detail, Line: line})
}

var valueRE = regexp.MustCompile("(?:本处为|必须为)\\s*`?([A-Za-z0-9_.-]+)`?")

func (c *Checker) section(p *Page, s *Section) ([]Finding, []Update) {
	var exs []*Example
	for _, b := range s.Examples {
		exs = append(exs, ReadExample(b))
	}
	tables := c.tables(s)
	// The event: from the examples' discriminators, else the table's
	// "本处为 X" row.
	var ev *gen.Event
	name, keyPath, fromTable, tableLine := "", "", "", 0
	for _, t := range tables {
		for _, r := range t.rows {
			if k := c.keyAt(r.path); k != nil && k.IsString {
				if m := valueRE.FindStringSubmatch(r.Desc); m != nil && fromTable == "" {
					fromTable, keyPath, tableLine = m[1], r.path, r.Line
				}
			}
		}
	}
	exampleKey := ""
	for _, x := range exs {
		if x.Err != nil {
			continue
		}
		if e, n, kp, ok := c.eventOf(x.Value); ok && name == "" {
			ev, name, exampleKey = e, n, kp
		}
	}
	sc := &sectionCheck{c: c, page: p, facts: map[string]*fact{}, byPath: map[string]int{}, inExamples: map[string]bool{}, inTables: map[string]bool{}}
	switch {
	case name != "" && fromTable != "" && fromTable != name && !(ev != nil && c.tableNames(ev, fromTable)):
		sc.name = name
		sc.add(c.full(keyPath), TableExample, fmt.Sprintf("the table says %s, the example is %s", fromTable, name), tableLine, true)
	case name == "" && fromTable != "":
		ev, name = c.eventNamed(keyPath, fromTable), fromTable
	}
	if name == "" {
		// No event: a sketch, or broken JSON that still looks like an example.
		for _, x := range exs {
			if x.Err != nil && looksLikeExample(x.Block.Text) {
				sc.name = "?"
				sc.invalid(x)
			}
		}
		return sc.out, nil
	}
	sc.ev, sc.name = ev, name
	for _, x := range exs {
		for _, r := range x.Repairs {
			sc.add(".", Repaired, fmt.Sprintf("example line %d, column %d: %s", r.Line-x.Block.Line+1, r.Col, r.What), r.Line, false)
		}
		if x.Err != nil {
			sc.invalid(x)
		}
	}
	if ev == nil {
		where, kp := "the table and the example", exampleKey
		switch {
		case fromTable == "":
			where = "the example"
		case exampleKey == "":
			where, kp = "the table", keyPath
		}
		sc.add(c.full(kp), NewEvent, "not in the schema (named by "+where+")", s.Line, false)
		return sc.out, nil
	}
	for _, t := range tables {
		sc.table(t)
	}
	for _, x := range exs {
		if x.Err == nil {
			sc.example(x)
		}
	}
	sc.findings()
	for _, x := range exs {
		if x.Err == nil && c.Decode != nil {
			sc.decode(x)
		}
	}
	ups := sc.compareFiles(exs)
	return sc.out, ups
}

func looksLikeExample(text string) bool { return strings.Contains(text, `":`) }

func (sc *sectionCheck) invalid(x *Example) {
	se := x.Err.(*SyntaxError)
	sc.add(".", InvalidJSON, fmt.Sprintf("example line %d, column %d: %s", se.Line-x.Block.Line+1, se.Col, se.Msg), se.Line, true)
}

// full is a path below the payload as the decoder names it in a frame.
func (c *Checker) full(rel string) string {
	if fr := c.Model.Frame; fr != nil {
		if rel == "" {
			return fr.Payload
		}
		return fr.Payload + "." + rel
	}
	if rel == "" {
		return "."
	}
	return rel
}

// keyAt returns the discriminator at a path below the payload, if any.
func (c *Checker) keyAt(path string) *gen.KeyField {
	for _, fam := range c.Model.Families {
		for _, k := range fam.Keys {
			if k.Fixed == nil && strings.Join(k.Field.Path, ".") == path {
				return k.Field
			}
		}
	}
	return nil
}

// eventNamed returns the event whose discriminator at keyPath is value.
func (c *Checker) eventNamed(keyPath, value string) *gen.Event {
	for _, ev := range c.Model.Events {
		for i, k := range ev.Family.Keys {
			if strings.Join(k.Field.Path, ".") == keyPath && k.Field.IsString && ev.Keys[i].Str == value {
				return ev
			}
		}
	}
	return nil
}

// tableNames reports whether the table's value names ev (a table and an
// example that agree although the event's name is another).
func (c *Checker) tableNames(ev *gen.Event, value string) bool {
	for i, k := range ev.Family.Keys {
		if k.Field.IsString && ev.Keys[i].Str == value {
			return true
		}
	}
	return false
}

// eventOf follows the dispatch tree through an example's discriminators.
// ok is false when the example has none (a sketch).
func (c *Checker) eventOf(v any) (ev *gen.Event, name, keyPath string, ok bool) {
	payload := c.payloadOf(v)
	if payload == nil {
		return nil, "", "", false
	}
	n := c.Model.Dispatch
	for n != nil {
		val, ok := lookup(payload, n.Key.Path)
		if !ok {
			if n.Where && n.Default != nil {
				return n.Default, n.Default.Name, "", true
			}
			return nil, "", "", false
		}
		keyPath = strings.Join(n.Key.Path, ".")
		var next *gen.DispatchCase
		for _, cs := range n.Cases {
			if keyEquals(val, cs.Value, n.Key.IsString) {
				next = cs
				break
			}
		}
		switch {
		case next != nil && next.Event != nil:
			return next.Event, next.Event.Name, keyPath, true
		case next != nil:
			n = next.Next
		case n.Where && n.Default != nil:
			return n.Default, n.Default.Name, keyPath, true
		case n.Unknown != nil:
			return nil, unknownName(n.Unknown, payload), keyPath, true
		default:
			return nil, scalarText(val), keyPath, true
		}
	}
	return nil, "", "", false
}

// payloadOf returns the event object of an example: the frame's payload
// member, or the example itself when the platform takes it bare.
func (c *Checker) payloadOf(v any) map[string]any {
	obj, _ := v.(map[string]any)
	if obj == nil {
		return nil
	}
	if fr := c.Model.Frame; fr != nil {
		if d, ok := obj[fr.Payload].(map[string]any); ok {
			return d
		}
		if !fr.Bare {
			return nil
		}
	}
	return obj
}

func lookup(obj map[string]any, path []string) (any, bool) {
	var cur any = obj
	for _, k := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func keyEquals(v any, kv gen.KeyValue, isString bool) bool {
	if isString {
		s, ok := v.(string)
		return ok && s == kv.Str
	}
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return err == nil && i == kv.Int
}

func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	}
	return fmt.Sprint(v)
}

func unknownName(fam *gen.Family, payload map[string]any) string {
	var b strings.Builder
	for _, part := range fam.UnknownName {
		if part.Key == nil {
			b.WriteString(part.Literal)
			continue
		}
		v, _ := lookup(payload, part.Key.Path)
		b.WriteString(scalarText(v))
	}
	return b.String()
}

// tableRows is a table with each row's path below the payload.
type tableRows struct {
	t    *Table
	root string // "" for the payload itself
	rows []pathRow
	// parents are the paths whose members the table lists: its root and
	// every row with nested rows.
	parents []string
}

type pathRow struct {
	*Row
	path string
}

// tables places each table's rows below the payload: under the member its
// title names ("extra 字段说明"), or, untitled, where a row names a
// discriminator (KOOK's extra.type, OneBot's detail_type), else at the
// payload. Tables about something else ("content 字段说明" of an item
// message, whose content the schema holds as text) are placed all the same
// and left out when the schema has no object there.
func (c *Checker) tables(s *Section) []*tableRows {
	var out []*tableRows
	for _, t := range s.Tables {
		tr := &tableRows{t: t, root: t.Title}
		if t.Title == "" {
			tr.root = c.guessRoot(t)
		}
		var stack []string
		for _, r := range t.Rows {
			d := min(r.Depth, len(stack))
			stack = stack[:d]
			parent := tr.root
			if d > 0 {
				parent = stack[d-1]
			}
			p := joinPath(parent, r.Name)
			stack = append(stack, p)
			tr.rows = append(tr.rows, pathRow{Row: r, path: p})
		}
		tr.parents = append(tr.parents, tr.root)
		for i, r := range tr.rows {
			if i+1 < len(tr.rows) && tr.rows[i+1].Depth > r.Depth {
				tr.parents = append(tr.parents, r.path)
			}
		}
		out = append(out, tr)
	}
	return out
}

func (c *Checker) guessRoot(t *Table) string {
	for _, fam := range c.Model.Families {
		for _, k := range fam.Keys {
			p := k.Field.Path
			if k.Fixed != nil {
				continue
			}
			for _, r := range t.Rows {
				if r.Depth == 0 && r.Name == p[len(p)-1] && valueRE.MatchString(r.Desc) {
					return strings.Join(p[:len(p)-1], ".")
				}
			}
		}
	}
	return ""
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// objectAt resolves a path below the payload (array elements as "[]") to
// the object the schema has there, or nil.
func (sc *sectionCheck) objectAt(path string) *gen.Object {
	o := sc.ev.Payload
	if path == "" {
		return o
	}
	for _, seg := range strings.Split(path, ".") {
		name, arr := strings.CutSuffix(seg, "[]")
		f := memberOf(o, name)
		if f == nil {
			return nil
		}
		t := f.Type
		if arr {
			if t.Kind != gen.KindArray {
				return nil
			}
			t = t.Elem
		}
		if t.Kind == gen.KindArray && t.Elem.Kind == gen.KindObject && !arr {
			// A table row of an array of objects lists the elements' members.
			t = t.Elem
		}
		if t.Kind != gen.KindObject {
			return nil
		}
		o = t.Object
	}
	return o
}

func memberOf(o *gen.Object, name string) *gen.Field {
	for _, f := range o.AllFields() {
		if f.JSONName == name {
			return f.Field
		}
	}
	return nil
}

func (sc *sectionCheck) table(tr *tableRows) {
	if sc.objectAt(tr.root) == nil {
		return // not a table of members the schema holds as an object
	}
	listed := map[string]bool{}
	for _, r := range tr.rows {
		listed[r.path] = true
	}
	for _, r := range tr.rows {
		parent, name := splitLast(r.path)
		po := sc.objectAt(parent)
		if po == nil {
			continue // below a member the table alone describes, or not an object
		}
		f := sc.fact(r.path)
		f.row, f.line = r.Row, r.Line
		f.declared = true
		f.field = memberOf(po, name)
		if f.field != nil && !tableFits(r.Type, f.field) {
			f.tableBad = true
		}
	}
	for _, p := range tr.parents {
		sc.inTables[p] = true
		o := sc.objectAt(p)
		if o == nil {
			continue
		}
		for _, m := range o.AllFields() {
			if m.Via != "" {
				continue // the family's base members: described once, not in each event's table
			}
			if mp := joinPath(p, m.JSONName); !listed[mp] {
				f := sc.fact(mp)
				f.declared, f.field, f.required = true, m.Field, !m.Optional
				f.absentTable = true
			}
		}
	}
}

func splitLast(path string) (string, string) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path
	}
	return path[:i], path[i+1:]
}

// example walks an example against the schema's types.
func (sc *sectionCheck) example(x *Example) {
	root, _ := x.Value.(map[string]any)
	payload := sc.c.payloadOf(x.Value)
	if fr := sc.c.Model.Frame; fr != nil && root != nil && payload != nil && root[fr.Payload] != nil {
		for _, k := range sortedKeys(root) {
			if k == fr.Payload {
				continue
			}
			if f := memberOf(fr.Object, k); f != nil {
				sc.value("<frame>."+keyName(k), root[k], f, f.Type, f.Forms, x)
			} else {
				sc.newMember("<frame>."+keyName(k), root[k], x)
			}
		}
	}
	sc.object("", payload, sc.ev.Payload, x)
}

func (sc *sectionCheck) newMember(path string, v any, x *Example) {
	f := sc.fact(path)
	f.declared = true
	f.kinds = appendKind(f.kinds, kindOf(v))
	f.line = max(f.line, x.Block.Line)
}

// object records an object's members: each against its declared field, new
// ones, and required ones that are absent.
func (sc *sectionCheck) object(path string, obj map[string]any, o *gen.Object, x *Example) {
	sc.inExamples[path] = true
	for _, k := range sortedKeys(obj) {
		p := joinPath(path, keyName(k))
		if x := sc.c.Model.Extensions; x != nil && x.Match(k) {
			continue
		}
		if f := memberOf(o, k); f != nil {
			sc.value(p, obj[k], f, f.Type, f.Forms, x)
		} else {
			sc.newMember(p, obj[k], x)
		}
	}
	for _, m := range o.AllFields() {
		if _, ok := obj[m.JSONName]; !ok {
			f := sc.fact(joinPath(path, m.JSONName))
			f.declared, f.field, f.required = true, m.Field, !m.Optional
			f.absentExample = true
			f.line = max(f.line, x.Block.Line)
		}
	}
}

func (sc *sectionCheck) value(path string, v any, fd *gen.Field, t *gen.Type, forms gen.WireForms, x *Example) {
	f := sc.fact(path)
	f.declared, f.field = true, fd
	f.kinds = appendKind(f.kinds, kindOf(v))
	f.line = max(f.line, x.Block.Line)
	if !exampleFits(v, t, forms, fd.Nullable && t == fd.Type) {
		f.exampleBad = true
		return
	}
	switch t.Kind {
	case gen.KindObject:
		if m, ok := v.(map[string]any); ok {
			sc.object(path, m, t.Object, x)
		}
	case gen.KindUnion:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		key, _ := m[t.Union.Key].(string)
		for _, vr := range t.Union.Variants {
			if vr.Value == key {
				sc.object(path, m, vr.Object, x)
			}
		}
	case gen.KindArray:
		if a, ok := v.([]any); ok {
			for _, e := range a {
				sc.value(path+"[]", e, fd, t.Elem, fd.ItemForms, x)
			}
		}
	case gen.KindMap:
		if m, ok := v.(map[string]any); ok {
			for _, k := range sortedKeys(m) {
				sc.value(path+"."+keyName(k), m[k], fd, t.Elem, 0, x)
			}
		}
	}
}

// keyName is a member's name in a path: `""` for the empty one.
func keyName(k string) string {
	if k == "" {
		return `""`
	}
	return k
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func appendKind(kinds []string, k string) []string {
	if !slices.Contains(kinds, k) {
		kinds = append(kinds, k)
	}
	return kinds
}

// findings turns the facts into at most one finding a path.
func (sc *sectionCheck) findings() {
	paths := make([]string, 0, len(sc.facts))
	for p := range sc.facts {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	isNew := map[string]bool{}
	for _, p := range paths {
		f := sc.facts[p]
		if !f.declared || underNew(p, isNew) {
			if f.field == nil {
				isNew[p] = true
			}
			continue
		}
		inTable, inExample := f.row != nil, len(f.kinds) > 0
		full := sc.fullPath(p)
		switch {
		case f.field == nil && (inTable || inExample):
			isNew[p] = true
			parent, _ := splitLast(p)
			f.absentExample = !inExample && sc.inExamples[parent]
			f.absentTable = !inTable && sc.inTables[parent]
			sc.add(full, NewField, "not in the schema; "+sides(f), f.line, inExample)
		case f.field == nil:
		case f.tableBad || f.exampleBad:
			d := "the schema has " + typeName(f.field, f.field.Type)
			if f.tableBad {
				d += "; the table says " + f.row.Type
			}
			if f.exampleBad {
				d += "; the example has " + strings.Join(f.kinds, ", ")
			}
			sc.add(full, TypeMismatch, d, f.line, f.exampleBad)
		case f.required && !inTable && !inExample:
			d := "required by the schema; absent from " + absentFrom(f)
			sc.add(full, MissingField, d, f.line, f.absentExample)
		case f.required && inTable && f.absentExample:
			sc.add(full, MissingField, "required by the schema; in the table, absent from the example", f.line, true)
		case inTable && f.absentExample:
			sc.add(full, TableExample, "in the table ("+f.row.Type+"), not in the example", f.line, true)
		case inExample && f.absentTable:
			sc.add(full, TableExample, "in the example ("+strings.Join(f.kinds, ", ")+"), not in the table", f.line, true)
		case inTable && inExample && !kindsFitWord(f.kinds, f.row.Type):
			sc.add(full, TableExample, "the table says "+f.row.Type+", the example has "+strings.Join(f.kinds, ", "), f.line, true)
		}
	}
}

// underNew reports whether p is below a member already reported as new: one
// change, one finding.
func underNew(p string, isNew map[string]bool) bool {
	for q := range isNew {
		if strings.HasPrefix(p, q+".") || strings.HasPrefix(p, q+"[]") {
			return true
		}
	}
	return false
}

func sides(f *fact) string {
	var parts []string
	if f.row != nil {
		parts = append(parts, "the table says "+f.row.Type)
	}
	if len(f.kinds) > 0 {
		parts = append(parts, "the example has "+strings.Join(f.kinds, ", "))
	}
	if f.row != nil && f.absentExample {
		parts = append(parts, "the example lacks it")
	}
	if len(f.kinds) > 0 && f.absentTable {
		parts = append(parts, "the table lacks it")
	}
	return strings.Join(parts, "; ")
}

func absentFrom(f *fact) string {
	switch {
	case f.absentTable && f.absentExample:
		return "the table and the example"
	case f.absentTable:
		return "the table"
	}
	return "the example"
}

// fullPath names a path as the decoder does: below the frame's payload, or
// a member of the frame itself.
func (sc *sectionCheck) fullPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "<frame>."); ok {
		return rest
	}
	return sc.c.full(p)
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// decode runs the generated decoder; its error joins the finding at its
// path, or is a finding of its own.
func (sc *sectionCheck) decode(x *Example) {
	path, err := sc.c.Decode([]byte(x.Text))
	if err == nil {
		return
	}
	path = indexRE.ReplaceAllString(path, "[]")
	if fr := sc.c.Model.Frame; fr != nil && path != "" && !strings.HasPrefix(path, fr.Payload) && sc.c.payloadOf(x.Value) != nil {
		if root, _ := x.Value.(map[string]any); root[fr.Payload] == nil {
			path = fr.Payload + "." + path // a bare payload
		}
	}
	if i, ok := sc.byPath[path]; ok && path != "" {
		sc.out[i].Detail += "; the decoder says: " + err.Error()
		return
	}
	if path == "" {
		path = "."
	}
	sc.add(path, NoDecode, err.Error(), x.Block.Line, true)
}

// compareFiles pairs the section's examples with the files the schema cites
// for this page's document, in order.
func (sc *sectionCheck) compareFiles(exs []*Example) []Update {
	c := sc.c
	if c.ReadFile == nil || sc.page.Doc == "" {
		return nil
	}
	var cited []*gen.Example
	for _, x := range sc.ev.Examples {
		if x.Doc == sc.page.Doc {
			cited = append(cited, x)
		}
	}
	var ups []Update
	i := 0
	for _, x := range exs {
		if x.Err != nil || i >= len(cited) {
			continue
		}
		file := cited[i].File
		i++
		old, err := c.ReadFile(file)
		if err == nil && string(old) == x.Text {
			continue
		}
		ups = append(ups, Update{File: file, Page: sc.page.Name, Line: x.Block.Line, Data: []byte(x.Text)})
		if !sc.exampleFound {
			d := "differs from " + file
			if err != nil {
				d = "cannot read " + file + ": " + err.Error()
			}
			sc.add(".", Differs, d, x.Block.Line, true)
		}
	}
	return ups
}
