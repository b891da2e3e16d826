package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one error in a schema, placed at file:line:col.
type Problem struct {
	File      string
	Line, Col int
	Msg       string
}

func (p *Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// problems collects every error of a run so that one pass reports them all.
type problems struct{ list []error } // all *Problem

func (ps *problems) add(at pos, format string, args ...any) {
	p := &Problem{File: at.file, Msg: fmt.Sprintf(format, args...)}
	if at.node != nil {
		p.Line, p.Col = at.node.Line, at.node.Column
	}
	ps.list = append(ps.list, p)
}

// err joins the problems in file, line and column order.
func (ps *problems) err() error {
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i].(*Problem), ps.list[j].(*Problem)
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return errors.Join(ps.list...)
}

// loader turns YAML files into specs. It reads mappings key by key, so that an
// unknown key, a missing key or a value of the wrong YAML kind is reported at
// its own position.
type loader struct {
	file string
	dir  Dir // the folder, for the example files the entries list
	ps   *problems
}

// Dir is a schema folder: Path in FS, or on disk when FS is nil.
type Dir struct {
	FS   fs.FS
	Path string
	// Name is how problems name the folder's files ("eventbind/schema/kook"
	// for one embedded in the command); Path when empty.
	Name string
}

func (d Dir) readDir() ([]fs.DirEntry, error) {
	if d.FS == nil {
		return os.ReadDir(d.Path)
	}
	return fs.ReadDir(d.FS, d.Path)
}

// ReadFile reads the file name of the folder (a name relative to it).
func (d Dir) ReadFile(name string) ([]byte, error) {
	if d.FS == nil {
		return os.ReadFile(filepath.Join(d.Path, name))
	}
	return fs.ReadFile(d.FS, path.Join(d.Path, name))
}

// Exists reports whether the file at rel, relative to the folder, exists.
func (d Dir) Exists(rel string) bool {
	var err error
	if d.FS == nil {
		_, err = os.Stat(filepath.Join(d.Path, rel))
	} else {
		_, err = fs.Stat(d.FS, path.Join(d.Path, filepath.ToSlash(rel)))
	}
	return err == nil
}

func (d Dir) name() string {
	if d.Name != "" {
		return d.Name
	}
	return d.Path
}

// loadSchema reads every *.yaml file of the given folders, in folder order and
// then file-name order, so the model's order (and the output) is deterministic.
// Problems go to ps; the error is only for files that cannot be read.
func loadSchema(dirs []Dir, ps *problems) (*schemaSpec, error) {
	s := &schemaSpec{}
	for _, dir := range dirs {
		entries, err := dir.readDir()
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no .yaml files", dir.name())
		}
		for _, name := range names {
			data, err := dir.ReadFile(name)
			if err != nil {
				return nil, err
			}
			(&loader{file: filepath.Join(dir.name(), name), dir: dir, ps: ps}).file1(data, s)
		}
	}
	return s, nil
}

func (l *loader) at(n *yaml.Node) pos { return pos{file: l.file, node: n} }

func (l *loader) file1(data []byte, s *schemaSpec) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// YAML's own message says "line N: ..."; place it there.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		at := pos{file: l.file}
		var line int
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil && line > 0 {
			at.node = &yaml.Node{Line: line, Column: 1}
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		l.ps.add(at, "%s", msg)
		return
	}
	if len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	l.mapping(root, "", map[string]func(*yaml.Node){
		"platform": func(n *yaml.Node) {
			p := l.platform(n)
			if s.platform != nil {
				l.ps.add(l.at(n), "platform declared again (first at %s:%d:%d)", s.platform.at.file, s.platform.at.node.Line, s.platform.at.node.Column)
				return
			}
			s.platform = p
		},
		"enums": func(n *yaml.Node) { l.seq(n, "enums", func(n *yaml.Node) { s.enums = append(s.enums, l.enum(n)) }) },
		"objects": func(n *yaml.Node) {
			l.seq(n, "objects", func(n *yaml.Node) { s.objects = append(s.objects, l.object(n)) })
		},
		"unions": func(n *yaml.Node) {
			l.seq(n, "unions", func(n *yaml.Node) { s.unions = append(s.unions, l.union(n)) })
		},
		"events": func(n *yaml.Node) { l.seq(n, "events", func(n *yaml.Node) { s.events = append(s.events, l.event(n)) }) },
		"signals": func(n *yaml.Node) {
			l.seq(n, "signals", func(n *yaml.Node) { s.signals = append(s.signals, l.signal(n)) })
		},
	}, nil)
}

// mapping calls the handler of every key of n; an unknown key is a problem,
// and so is a missing key listed in required. what names the place in messages.
func (l *loader) mapping(n *yaml.Node, what string, keys map[string]func(*yaml.Node), required []string) {
	prefix := ""
	if what != "" {
		prefix = what + ": "
	}
	if n.Kind != yaml.MappingNode {
		l.ps.add(l.at(n), "%swant a mapping, got %s", prefix, kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := keys[k.Value]
		if !ok {
			l.ps.add(l.at(k), "%sunknown key %q%s", prefix, k.Value, suggest(k.Value, sortedKeys(keys)))
			continue
		}
		if seen[k.Value] {
			l.ps.add(l.at(k), "%skey %q given twice", prefix, k.Value)
			continue
		}
		seen[k.Value] = true
		h(v)
	}
	for _, r := range required {
		if !seen[r] {
			l.ps.add(l.at(n), "%smissing key %q", entryPrefix(n, what), r)
		}
	}
}

// entryPrefix is the prefix of a message about the mapping n itself: what
// it is, with its name when it has one ("event joined_guild: ").
func entryPrefix(n *yaml.Node, what string) string {
	name := ""
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" && n.Content[i+1].Kind == yaml.ScalarNode {
			name = n.Content[i+1].Value
		}
	}
	switch {
	case what == "":
		return ""
	case name != "" && !strings.HasSuffix(what, " "+name):
		return what + " " + name + ": "
	}
	return what + ": "
}

func (l *loader) seq(n *yaml.Node, what string, each func(*yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		l.ps.add(l.at(n), "%s: want a list, got %s", what, kindName(n))
		return
	}
	for _, c := range n.Content {
		each(c)
	}
}

func (l *loader) str(n *yaml.Node, what string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.ps.add(l.at(n), "%s: want a string, got %s", what, kindName(n))
		return
	}
	*dst = n.Value
}

func (l *loader) boolean(n *yaml.Node, what string, dst *bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		l.ps.add(l.at(n), "%s: want true or false, got %s", what, kindName(n))
		return
	}
	*dst = n.Value == "true"
}

func (l *loader) strs(n *yaml.Node, what string, dst *[]string) {
	l.seq(n, what, func(c *yaml.Node) {
		var s string
		l.str(c, what, &s)
		*dst = append(*dst, s)
	})
}

func (l *loader) doc(n *yaml.Node, what string, d *docSpec) {
	l.mapping(n, what+": doc", map[string]func(*yaml.Node){
		"zh":   func(n *yaml.Node) { l.str(n, what+": doc.zh", &d.ZH) },
		"en":   func(n *yaml.Node) { l.str(n, what+": doc.en", &d.EN) },
		"note": func(n *yaml.Node) { l.str(n, what+": doc.note", &d.Note) },
	}, nil)
	if d.ZH == "" && d.EN == "" {
		l.ps.add(l.at(n), "%s: doc needs zh or en", what)
	}
}

func (l *loader) platform(n *yaml.Node) *platformSpec {
	p := &platformSpec{at: l.at(n)}
	l.mapping(n, "platform", map[string]func(*yaml.Node){
		"name":    func(n *yaml.Node) { l.str(n, "platform.name", &p.Name) },
		"package": func(n *yaml.Node) { l.str(n, "platform.package", &p.Package) },
		"doc":     func(n *yaml.Node) { l.doc(n, "platform", &p.Doc) },
		"documents": func(n *yaml.Node) {
			l.seq(n, "platform.documents", func(n *yaml.Node) {
				d := &documentSpec{at: l.at(n)}
				l.mapping(n, "document", map[string]func(*yaml.Node){
					"id":     func(n *yaml.Node) { l.str(n, "document.id", &d.ID) },
					"title":  func(n *yaml.Node) { l.str(n, "document.title", &d.Title) },
					"source": func(n *yaml.Node) { l.str(n, "document.source", &d.Source) },
				}, []string{"id", "title", "source"})
				p.Documents = append(p.Documents, d)
			})
		},
		"extensions": func(n *yaml.Node) {
			x := &extensionSpec{at: l.at(n)}
			l.mapping(n, "platform.extensions", map[string]func(*yaml.Node){
				"prefix_chars": func(n *yaml.Node) { l.str(n, "platform.extensions.prefix_chars", &x.PrefixChars) },
				"separator":    func(n *yaml.Node) { x.sepAt = l.at(n); l.str(n, "platform.extensions.separator", &x.Separator) },
				"example":      func(n *yaml.Node) { l.str(n, "platform.extensions.example", &x.Example) },
				"docs":         func(n *yaml.Node) { x.docsAt = l.at(n); l.strs(n, "platform.extensions.docs", &x.Docs) },
			}, []string{"prefix_chars", "separator", "example", "docs"})
			p.Extensions = x
		},
		"unknown_events_checked": func(n *yaml.Node) {
			l.boolean(n, "platform.unknown_events_checked", &p.CheckBase)
		},
		"frame": func(n *yaml.Node) { p.Frame = l.frame(n) },
		"families": func(n *yaml.Node) {
			l.seq(n, "platform.families", func(n *yaml.Node) { p.Families = append(p.Families, l.family(n)) })
		},
	}, []string{"name", "package", "documents", "families"})
	return p
}

func (l *loader) frame(n *yaml.Node) *frameSpec {
	f := &frameSpec{at: l.at(n)}
	l.mapping(n, "frame", map[string]func(*yaml.Node){
		"payload": func(n *yaml.Node) { l.str(n, "frame.payload", &f.Payload) },
		"bare":    func(n *yaml.Node) { l.boolean(n, "frame.bare", &f.Bare) },
		"signal": func(n *yaml.Node) {
			k := &signalKeySpec{at: l.at(n)}
			l.mapping(n, "frame.signal", map[string]func(*yaml.Node){
				"key":   func(n *yaml.Node) { k.keyAt = l.at(n); l.str(n, "frame.signal.key", &k.Key) },
				"event": func(n *yaml.Node) { k.Event = n },
			}, []string{"key", "event"})
			f.Signal = k
		},
		"fields": func(n *yaml.Node) { f.Fields = l.fields(n, "frame") },
	}, []string{"payload"})
	return f
}

func (l *loader) family(n *yaml.Node) *familySpec {
	f := &familySpec{at: l.at(n)}
	what := "family"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name": func(n *yaml.Node) { l.str(n, "family.name", &f.Name); what = "family " + f.Name },
		"base": func(n *yaml.Node) { f.baseAt = l.at(n); l.str(n, what+": base", &f.Base) },
		"keys": func(n *yaml.Node) {
			l.seq(n, what+": keys", func(n *yaml.Node) {
				k := &keySpec{at: l.at(n)}
				l.mapping(n, what+": key", map[string]func(*yaml.Node){
					"path":  func(n *yaml.Node) { l.str(n, what+": key.path", &k.Path) },
					"type":  func(n *yaml.Node) { k.typeAt = l.at(n); l.str(n, what+": key.type", &k.Type) },
					"value": func(n *yaml.Node) { k.Value = n },
					"doc":   func(n *yaml.Node) { l.doc(n, what+": key", &k.Doc) },
				}, []string{"path"})
				f.Keys = append(f.Keys, k)
			})
		},
		"at":           func(n *yaml.Node) { f.atAt = l.at(n); l.str(n, what+": at", &f.At) },
		"unknown_name": func(n *yaml.Node) { f.unknownAt = l.at(n); l.str(n, what+": unknown_name", &f.UnknownName) },
	}, []string{"name", "base", "keys", "at", "unknown_name"})
	return f
}

func (l *loader) enum(n *yaml.Node) *enumSpec {
	e := &enumSpec{at: l.at(n)}
	what := "enum"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name": func(n *yaml.Node) { l.str(n, "enum.name", &e.Name); what = "enum " + e.Name },
		"type": func(n *yaml.Node) { e.typeAt = l.at(n); l.str(n, what+": type", &e.Type) },
		"doc":  func(n *yaml.Node) { l.doc(n, what, &e.Doc) },
		"values": func(n *yaml.Node) {
			l.seq(n, what+": values", func(n *yaml.Node) {
				v := &enumValueSpec{at: l.at(n)}
				l.mapping(n, what+": value", map[string]func(*yaml.Node){
					"name":  func(n *yaml.Node) { l.str(n, what+": value.name", &v.Name) },
					"value": func(n *yaml.Node) { v.Value = n },
					"doc":   func(n *yaml.Node) { l.doc(n, what+": value "+v.Name, &v.Doc) },
				}, []string{"name", "value"})
				e.Values = append(e.Values, v)
			})
		},
		"accepts": func(n *yaml.Node) { e.Accepts = l.accepts(n, what) },
	}, []string{"name", "type", "values"})
	return e
}

func (l *loader) object(n *yaml.Node) *objectSpec {
	o := &objectSpec{at: l.at(n)}
	what := "object"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name":    func(n *yaml.Node) { l.str(n, "object.name", &o.Name); what = "object " + o.Name },
		"doc":     func(n *yaml.Node) { l.doc(n, what, &o.Doc) },
		"docs":    func(n *yaml.Node) { o.docsAt = l.at(n); l.strs(n, what+": docs", &o.Docs) },
		"fields":  func(n *yaml.Node) { o.Fields = l.fields(n, what) },
		"accepts": func(n *yaml.Node) { o.Accepts = l.accepts(n, what) },
	}, []string{"name", "fields"})
	return o
}

// accepts reads a list of alternative forms: {form, source, note}.
func (l *loader) accepts(n *yaml.Node, what string) []*acceptSpec {
	var out []*acceptSpec
	l.seq(n, what+": accepts", func(n *yaml.Node) {
		a := &acceptSpec{at: l.at(n)}
		l.mapping(n, what+": accepts", map[string]func(*yaml.Node){
			"form": func(n *yaml.Node) {
				a.formAt = l.at(n)
				if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "null" {
					a.Form = "null" // the form's name, unquoted
					return
				}
				l.str(n, what+": accepts.form", &a.Form)
			},
			"source": func(n *yaml.Node) { l.str(n, what+": accepts.source", &a.Source) },
			"note":   func(n *yaml.Node) { l.str(n, what+": accepts.note", &a.Note) },
		}, []string{"form", "source"})
		out = append(out, a)
	})
	return out
}

func (l *loader) union(n *yaml.Node) *unionSpec {
	u := &unionSpec{at: l.at(n)}
	what := "union"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name": func(n *yaml.Node) { l.str(n, "union.name", &u.Name); what = "union " + u.Name },
		"key":  func(n *yaml.Node) { l.str(n, what+": key", &u.Key) },
		"at":   func(n *yaml.Node) { u.atAt = l.at(n); l.str(n, what+": at", &u.At) },
		"doc":  func(n *yaml.Node) { l.doc(n, what, &u.Doc) },
		"docs": func(n *yaml.Node) { u.docsAt = l.at(n); l.strs(n, what+": docs", &u.Docs) },
		"variants": func(n *yaml.Node) {
			l.seq(n, what+": variants", func(n *yaml.Node) {
				v := &variantSpec{at: l.at(n)}
				vwhat := what + ": variant"
				l.mapping(n, vwhat, map[string]func(*yaml.Node){
					"name":   func(n *yaml.Node) { l.str(n, vwhat+".name", &v.Name); vwhat = what + ": variant " + v.Name },
					"go":     func(n *yaml.Node) { v.goAt = l.at(n); l.str(n, vwhat+": go", &v.Go) },
					"doc":    func(n *yaml.Node) { l.doc(n, vwhat, &v.Doc) },
					"docs":   func(n *yaml.Node) { v.docsAt = l.at(n); l.strs(n, vwhat+": docs", &v.Docs) },
					"fields": func(n *yaml.Node) { v.Fields = l.fields(n, vwhat) },
				}, []string{"name"})
				u.Variants = append(u.Variants, v)
			})
		},
	}, []string{"name", "key", "variants"})
	return u
}

func (l *loader) event(n *yaml.Node) *eventSpec {
	e := &eventSpec{at: l.at(n)}
	what := "event"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name":   func(n *yaml.Node) { l.str(n, "event.name", &e.Name); what = "event " + e.Name },
		"go":     func(n *yaml.Node) { e.goAt = l.at(n); l.str(n, what+": go", &e.Go) },
		"family": func(n *yaml.Node) { e.familyAt = l.at(n); l.str(n, what+": family", &e.Family) },
		"key": func(n *yaml.Node) {
			e.keyAt = l.at(n)
			l.seq(n, what+": key", func(c *yaml.Node) { e.Key = append(e.Key, c) })
		},
		"doc":    func(n *yaml.Node) { l.doc(n, what, &e.Doc) },
		"docs":   func(n *yaml.Node) { e.docsAt = l.at(n); l.strs(n, what+": docs", &e.Docs) },
		"body":   func(n *yaml.Node) { e.bodyAt = l.at(n); l.str(n, what+": body", &e.Body) },
		"fields": func(n *yaml.Node) { e.Fields = l.fields(n, what) },
		"examples": func(n *yaml.Node) {
			e.Examples = l.examples(n, what)
		},
		"where": func(n *yaml.Node) {
			w := &whereSpec{at: l.at(n)}
			l.mapping(n, what+": where", map[string]func(*yaml.Node){
				"path":  func(n *yaml.Node) { w.pathAt = l.at(n); l.str(n, what+": where.path", &w.Path) },
				"value": func(n *yaml.Node) { w.Value = n },
			}, []string{"path", "value"})
			e.Where = w
		},
	}, []string{"name", "family", "doc", "docs"})
	return e
}

func (l *loader) examples(n *yaml.Node, what string) []*exampleSpec {
	var out []*exampleSpec
	l.seq(n, what+": examples", func(n *yaml.Node) {
		x := &exampleSpec{at: l.at(n)}
		l.mapping(n, what+": example", map[string]func(*yaml.Node){
			"file": func(n *yaml.Node) {
				l.str(n, what+": example.file", &x.File)
				x.missing = x.File != "" && !l.dir.Exists(x.File)
			},
			"doc":  func(n *yaml.Node) { l.str(n, what+": example.doc", &x.Doc) },
			"note": func(n *yaml.Node) { l.str(n, what+": example.note", &x.Note) },
		}, []string{"file", "doc"})
		out = append(out, x)
	})
	return out
}

func (l *loader) signal(n *yaml.Node) *signalSpec {
	sg := &signalSpec{at: l.at(n)}
	what := "signal"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name":     func(n *yaml.Node) { l.str(n, "signal.name", &sg.Name); what = "signal " + sg.Name },
		"go":       func(n *yaml.Node) { sg.goAt = l.at(n); l.str(n, what+": go", &sg.Go) },
		"value":    func(n *yaml.Node) { sg.Value = n },
		"doc":      func(n *yaml.Node) { l.doc(n, what, &sg.Doc) },
		"docs":     func(n *yaml.Node) { sg.docsAt = l.at(n); l.strs(n, what+": docs", &sg.Docs) },
		"fields":   func(n *yaml.Node) { sg.Fields = l.fields(n, what) },
		"examples": func(n *yaml.Node) { sg.Examples = l.examples(n, what) },
		"accessors": func(n *yaml.Node) {
			l.seq(n, what+": accessors", func(n *yaml.Node) { sg.Accessors = append(sg.Accessors, l.accessor(n, what)) })
		},
	}, []string{"name", "value", "doc", "docs"})
	return sg
}

func (l *loader) accessor(n *yaml.Node, owner string) *accessorSpec {
	a := &accessorSpec{at: l.at(n)}
	what := owner + ": accessor"
	l.mapping(n, what, map[string]func(*yaml.Node){
		"name":     func(n *yaml.Node) { l.str(n, what+".name", &a.Name); what = owner + ": accessor " + a.Name },
		"first_of": func(n *yaml.Node) { a.firstAt = l.at(n); l.strs(n, what+": first_of", &a.FirstOf) },
		"doc":      func(n *yaml.Node) { l.doc(n, what, &a.Doc) },
	}, []string{"name", "first_of", "doc"})
	return a
}

func (l *loader) fields(n *yaml.Node, owner string) []*fieldSpec {
	var out []*fieldSpec
	l.seq(n, owner+": fields", func(n *yaml.Node) {
		f := &fieldSpec{at: l.at(n)}
		what := owner + ": field"
		l.mapping(n, what, map[string]func(*yaml.Node){
			"name":     func(n *yaml.Node) { l.str(n, what+".name", &f.Name); what = owner + ": field " + f.Name },
			"go":       func(n *yaml.Node) { f.goAt = l.at(n); l.str(n, what+": go", &f.Go) },
			"type":     func(n *yaml.Node) { f.typeAt = l.at(n); l.str(n, what+": type", &f.Type) },
			"optional": func(n *yaml.Node) { l.boolean(n, what+": optional", &f.Optional) },
			"nullable": func(n *yaml.Node) { l.boolean(n, what+": nullable", &f.Nullable) },
			"docs":     func(n *yaml.Node) { f.docsAt = l.at(n); l.strs(n, what+": docs", &f.Docs) },
			"doc":      func(n *yaml.Node) { l.doc(n, what, &f.Doc) },
			"accepts":  func(n *yaml.Node) { f.Accepts = l.accepts(n, what) },
		}, []string{"name", "type", "doc"})
		out = append(out, f)
	})
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within
// two edits, or "".
func suggest(got string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(got), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
