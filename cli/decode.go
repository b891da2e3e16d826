package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/eventbind/eventbind/jsonwire"
)

// result is one output line of `eventbind decode`, in the order of the contract.
type result struct {
	Line     int             `json:"line"`
	Platform string          `json:"platform,omitempty"`
	Event    string          `json:"event,omitempty"`
	Known    *bool           `json:"known,omitempty"`
	Value    json.RawMessage `json:"value,omitempty"`
	Unknown  *[]string       `json:"unknown_fields,omitempty"`
	Problems []string        `json:"problems,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// runDecode decodes JSON Lines from the files (or stdin), or JSON files
// holding one value or an array of them, and writes one result line per
// input value. Blank lines are skipped.
func runDecode(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "also list the JSON paths of members the schema does not model")
	force := fs.String("platform", "", "decode every line as this platform ("+strings.Join(platformNames(), ", ")+"); default: tell per line")
	format := fs.String("format", "auto", "input format: lines (JSON Lines), json (one JSON value or an array of them, pretty-printed or not), or auto (json for FILEs ending in .json, else lines)")
	maxLine := fs.Int("max-line", jsonwire.DefaultMaxBytes, "longest input line or value, in `bytes`; a longer one is an error line, read no further than the limit")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var only *platform
	if *force != "" {
		if only = platformByName(*force); only == nil {
			fmt.Fprintf(stderr, "eventbind decode: unknown platform %q (want one of %s)\n", *force, strings.Join(platformNames(), ", "))
			return exitUsage
		}
	}
	if *format != "auto" && *format != "lines" && *format != "json" {
		fmt.Fprintf(stderr, "eventbind decode: unknown format %q (want lines, json or auto)\n", *format)
		return exitUsage
	}
	if *maxLine <= 0 {
		fmt.Fprintf(stderr, "eventbind decode: --max-line must be positive\n")
		return exitUsage
	}
	type input struct {
		r    io.Reader
		json bool
	}
	inputs := []input{{r: stdin, json: *format == "json"}}
	if fs.NArg() > 0 {
		inputs = nil
		for _, name := range fs.Args() {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
				return exitUsage
			}
			defer f.Close()
			asJSON := *format == "json" || *format == "auto" && strings.HasSuffix(name, ".json")
			inputs = append(inputs, input{r: f, json: asJSON})
		}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status, lineNo := exitOK, 0
	// Each platform's stream decoder, made on first use: the lines are decoded
	// and printed one after the other, so each event is done with before the
	// next line reuses its memory.
	runs := map[*platform]func([]byte, bool) (decoded, error){}
	decodeOf := func(p *platform) func([]byte, bool) (decoded, error) {
		f, ok := runs[p]
		if !ok {
			f = p.lineDecoder()
			runs[p] = f
		}
		return f
	}
	emit := func(res result) bool {
		if res.Error != "" || len(res.Problems) > 0 {
			status = exitFailed
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
			return false
		}
		return true
	}
	for _, in := range inputs {
		var err error
		if in.json {
			lineNo, err = readValues(in.r, lineNo, *maxLine, func(v []byte, line int) bool {
				return emit(decodeLine(v, line, only, *strict, decodeOf))
			}, func(line int, msg string) bool {
				return emit(result{Line: line, Error: msg})
			})
		} else {
			lineNo, err = readLines(in.r, lineNo, *maxLine, func(v []byte, line int) bool {
				return emit(decodeLine(v, line, only, *strict, decodeOf))
			}, func(line int, msg string) bool {
				return emit(result{Line: line, Error: msg})
			})
		}
		if err != nil {
			fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
			return exitFailed
		}
	}
	return status
}

// readLines calls value with each non-blank line of r, trimmed, and its
// number (line numbers run on from lineNo). A line longer than max is not
// kept: tooLong is called with its number and the rest of it is skipped. A
// false from either stops reading.
func readLines(r io.Reader, lineNo, max int, value func([]byte, int) bool, tooLong func(int, string) bool) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	over := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !over {
			if len(line)+len(chunk) > max+1 { // +1: the newline
				over, line = true, line[:0]
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(line) > 0 || over || len(chunk) > 0 {
			lineNo++
			switch {
			case over:
				if !tooLong(lineNo, "line longer than the limit of "+strconv.Itoa(max)+" bytes (--max-line)") {
					return lineNo, nil
				}
			default:
				if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 && !value(trimmed, lineNo) {
					return lineNo, nil
				}
			}
		}
		line, over = line[:0], false
		if errors.Is(err, io.EOF) {
			return lineNo, nil
		}
		if err != nil {
			return lineNo, err
		}
	}
}

// readValues reads r as JSON text holding one value, several, or an array
// of them (a pretty-printed example file), and calls value with each value
// (each element of a top-level array) and the line it starts on. Malformed
// JSON gives one error at its line and ends the file. Line numbers run on
// from lineNo; the file's own lines are counted.
func readValues(r io.Reader, lineNo, max int, value func([]byte, int) bool, bad func(int, string) bool) (int, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(max)*64+1))
	if err != nil {
		return lineNo, err
	}
	// lineAt counts the newlines before off once: offsets come in order, so
	// each call counts only from the last one.
	line, counted := lineNo+1, int64(0)
	lineAt := func(off int64) int {
		if off < counted {
			line, counted = lineNo+1, 0
		}
		line += bytes.Count(data[counted:off], []byte{'\n'})
		counted = off
		return line
	}
	end := lineNo + bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		end++
	}
	if int64(len(data)) > int64(max)*64 {
		bad(lineNo+1, "file longer than 64 times the limit of "+strconv.Itoa(max)+" bytes (--max-line)")
		return end, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	one := func(v json.RawMessage, off int64) bool {
		at := lineAt(off)
		if len(v) > max {
			return bad(at, "value longer than the limit of "+strconv.Itoa(max)+" bytes (--max-line)")
		}
		return value(bytes.TrimSpace(v), at)
	}
	for {
		off := dec.InputOffset()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			if errors.Is(err, io.EOF) {
				return end, nil
			}
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				bad(lineAt(clampOffset(syn.Offset-1, len(data))), err.Error())
			} else {
				bad(lineAt(off), err.Error())
			}
			return end, nil
		}
		start := off + int64(len(data[off:])-len(bytes.TrimLeft(data[off:], " \t\r\n")))
		if len(v) > 0 && v[0] == '[' {
			// The elements of a top-level array, each with its own line.
			inner := json.NewDecoder(bytes.NewReader(v))
			if _, err := inner.Token(); err != nil {
				return end, err
			}
			for inner.More() {
				eoff := inner.InputOffset()
				var e json.RawMessage
				if err := inner.Decode(&e); err != nil {
					return end, err
				}
				// InputOffset is where the previous token ended: skip the comma.
				rest := v[eoff:]
				rest = bytes.TrimLeft(rest, " \t\r\n,")
				if !one(e, start+int64(len(v)-len(rest))) {
					return end, nil
				}
			}
			continue
		}
		if !one(v, start) {
			return end, nil
		}
	}
}

func decodeLine(line []byte, lineNo int, only *platform, strict bool, decodeOf func(*platform) func([]byte, bool) (decoded, error)) result {
	p := only
	if p == nil {
		p = detectPlatform(line)
	}
	if p == nil {
		return result{Line: lineNo, Error: "not an event of any known platform"}
	}
	d, err := decodeOf(p)(line, strict)
	if err != nil {
		return result{Line: lineNo, Error: err.Error()}
	}
	known := d.known
	res := result{Line: lineNo, Platform: p.events.Platform(), Event: d.event, Known: &known, Value: d.value, Problems: d.problems}
	if strict {
		paths := d.unknown
		if paths == nil {
			paths = []string{}
		}
		res.Unknown = &paths
	}
	return res
}

// clampOffset keeps an offset that a syntax error reports within data.
func clampOffset(off int64, n int) int64 {
	return min(max(off, 0), int64(n))
}
