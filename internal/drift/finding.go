package drift

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Kinds of finding.
const (
	NewEvent     = "new-event"     // a section whose type value no schema event has
	NewField     = "new-field"     // a member the schema does not declare
	MissingField = "missing-field" // a member the schema requires that the page lacks
	TypeMismatch = "type"          // a table type or example value the schema's type does not take
	NoDecode     = "decode"        // the example does not decode (the decoder's own error)
	Differs      = "example-differs"
	InvalidJSON  = "invalid-json"
	TableExample = "table-example" // the table and its example disagree
	Repaired     = "repair"        // an example was repaired to parse
)

// Finding is one disagreement between a page and the schema.
type Finding struct {
	Page   string `json:"page"`
	Event  string `json:"event"`
	Path   string `json:"path"` // JSON path as the decoder names it; "." for the whole example
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	// Line is the page line it is about, in --format jsonl only: the text
	// form leaves line numbers out so that two runs diff cleanly.
	Line int `json:"line,omitempty"`
}

// String is the finding's text form, one line without a line number.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s: %s: %s", f.Page, f.Event, f.Path, f.Kind, f.Detail)
}

// Sort orders findings by page, event, path, kind and detail, and drops
// repeated ones.
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Event, b.Event), cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Detail, b.Detail), cmp.Compare(a.Line, b.Line))
	})
	return slices.CompactFunc(fs, func(a, b Finding) bool { return a.String() == b.String() })
}

// WriteText writes one finding a line.
func WriteText(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONL writes one JSON object a line.
func WriteJSONL(w io.Writer, fs []Finding) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range fs {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
}

// Baseline is the set of findings accepted on purpose: their text forms.
type Baseline map[string]bool

// ReadBaseline reads a baseline: one finding's text form a line; blank lines
// and lines starting with # are skipped.
func ReadBaseline(r io.Reader) (Baseline, error) {
	b := Baseline{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		b[l] = true
	}
	return b, sc.Err()
}

// Split returns the findings the baseline does not hold, and the baseline's
// entries that no finding matches any more (sorted).
func (b Baseline) Split(fs []Finding) (fresh []Finding, gone []string) {
	seen := map[string]bool{}
	for _, f := range fs {
		s := f.String()
		if b[s] {
			seen[s] = true
			continue
		}
		fresh = append(fresh, f)
	}
	for s := range b {
		if !seen[s] {
			gone = append(gone, s)
		}
	}
	slices.Sort(gone)
	return fresh, gone
}

// WriteBaseline writes findings as a baseline.
func WriteBaseline(w io.Writer, fs []Finding) error {
	if _, err := fmt.Fprintln(w, "# eventbind drift baseline: disagreements the schema accepts on purpose, one finding a line."); err != nil {
		return err
	}
	return WriteText(w, fs)
}
