package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
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

// runDecode decodes JSON Lines from the files (or stdin) and writes one
// result line per input line. Blank lines are skipped.
func runDecode(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "also list the JSON paths of members the schema does not model")
	force := fs.String("platform", "", "decode every line as this platform ("+strings.Join(platformNames(), ", ")+"); default: tell per line")
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
	inputs := []io.Reader{stdin}
	if fs.NArg() > 0 {
		inputs = nil
		for _, name := range fs.Args() {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
				return exitUsage
			}
			defer f.Close()
			inputs = append(inputs, f)
		}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status, lineNo := exitOK, 0
	for _, in := range inputs {
		r := bufio.NewReaderSize(in, 64<<10)
		for {
			// ReadBytes grows as needed: lines of several MB are fine.
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				lineNo++
				if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
					res := decodeLine(trimmed, lineNo, only, *strict)
					if res.Error != "" || len(res.Problems) > 0 {
						status = exitFailed
					}
					if err := enc.Encode(res); err != nil {
						fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
						return exitFailed
					}
				}
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fmt.Fprintf(stderr, "eventbind decode: %v\n", err)
				return exitFailed
			}
		}
	}
	return status
}

func decodeLine(line []byte, lineNo int, only *platform, strict bool) result {
	p := only
	if p == nil {
		p = detectPlatform(line)
	}
	if p == nil {
		return result{Line: lineNo, Error: "not an event of any known platform"}
	}
	d, err := p.decode(line, strict)
	if err != nil {
		return result{Line: lineNo, Error: err.Error()}
	}
	known := d.known
	res := result{Line: lineNo, Platform: p.name, Event: d.event, Known: &known, Value: d.value, Problems: d.problems}
	if strict {
		paths := d.unknown
		if paths == nil {
			paths = []string{}
		}
		res.Unknown = &paths
	}
	return res
}
