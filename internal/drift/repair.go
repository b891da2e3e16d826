package drift

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Repair is one change made to an example so that it parses.
type Repair struct {
	Line, Col int // on the page
	What      string
}

// Example is a block read as JSON, after repairs.
type Example struct {
	Block   *Block
	Text    string // the block with its repairs: what --write-examples writes
	Repairs []Repair
	Value   any   // the parsed value (numbers as json.Number); nil when Err
	Err     error // a *SyntaxError when it is not JSON even after repairs
}

// SyntaxError is JSON that does not parse, at its place on the page.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

// ReadExample repairs the defects real pages have (// comments, trailing
// commas), each reported, and parses the result.
func ReadExample(b *Block) *Example {
	x := &Example{Block: b}
	lines := strings.SplitAfter(b.Text, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	var kept []string
	var lineOf []int   // page line of each kept line
	var st stringState // a string left open carries over to the next line
	for i, l := range lines {
		at := commentAt(l, &st)
		if at < 0 {
			kept = append(kept, l)
			lineOf = append(lineOf, b.Line+i)
			continue
		}
		comment := strings.TrimSpace(l[at:])
		x.Repairs = append(x.Repairs, Repair{Line: b.Line + i, Col: runeCol(l, at), What: "removed the comment " + quote(comment)})
		if strings.TrimSpace(l[:at]) == "" {
			continue
		}
		kept = append(kept, strings.TrimRight(l[:at], " \t")+"\n")
		lineOf = append(lineOf, b.Line+i)
	}
	for i := range kept {
		commas := trailingCommas(kept, i)
		for _, at := range commas {
			x.Repairs = append(x.Repairs, Repair{Line: lineOf[i], Col: runeCol(kept[i], at), What: "removed a trailing comma"})
		}
		for j := len(commas) - 1; j >= 0; j-- {
			kept[i] = kept[i][:commas[j]] + kept[i][commas[j]+1:]
		}
	}
	x.Text = strings.Join(kept, "")
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(x.Text), &raw); err != nil {
		off := len(x.Text)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		// The offset is just past the byte that failed.
		line, col := position(x.Text, max(off-1, 0))
		pl := b.Line
		if line-1 < len(lineOf) {
			pl = lineOf[line-1]
		}
		x.Err = &SyntaxError{Line: pl, Col: col, Msg: err.Error()}
		return x
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		x.Err = &SyntaxError{Line: b.Line, Col: 1, Msg: err.Error()}
		return x
	}
	x.Value = v
	return x
}

func quote(s string) string { return "`" + s + "`" }

// commentAt returns the byte index of a // comment in l outside strings, or
// -1; st carries a string across lines (never valid, but counted).
func commentAt(l string, st *stringState) int {
	for i := 0; i < len(l); i++ {
		if st.outside(l[i]) && l[i] == '/' && i+1 < len(l) && l[i+1] == '/' {
			return i
		}
	}
	return -1
}

// trailingCommas returns the indexes in lines[i] of the commas outside
// strings followed, after white space (on this or the next lines), by } or ].
func trailingCommas(lines []string, i int) []int {
	var out []int
	var st stringState
	l := lines[i]
	for j := 0; j < len(l); j++ {
		if st.outside(l[j]) && l[j] == ',' {
			if next := nextSignificant(lines, i, j+1); next == '}' || next == ']' {
				out = append(out, j)
			}
		}
	}
	return out
}

func nextSignificant(lines []string, i, j int) byte {
	for ; i < len(lines); i, j = i+1, 0 {
		if t := strings.TrimLeft(lines[i][j:], " \t\r\n"); t != "" {
			return t[0]
		}
	}
	return 0
}

// position returns the 1-based line and column (in runes) of byte offset off.
func position(text string, off int) (int, int) {
	off = min(max(off, 0), len(text))
	before := text[:off]
	line := strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	return line, len([]rune(before[start:])) + 1
}

func runeCol(l string, at int) int { return len([]rune(l[:at])) + 1 }
