// Command ratios prints the targets of issue 21 as ratios measured round by
// round in the output of make bench (bench/results.txt): in each round every
// implementation runs once, a few seconds from its baselines, so a ratio
// within one round is steadier than a ratio of medians taken over all rounds
// on a shared machine. For each target it prints the median ratio over the
// rounds and their range.
package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// sample is one benchmark line: ns/op and allocs/op.
type sample struct{ ns, allocs float64 }

func main() {
	path := "bench/results.txt"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	// rounds[i]["KOOKDecode/eventbind"]
	var rounds []map[string]sample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(fields[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i] // the GOMAXPROCS suffix
		}
		name = strings.Replace(name, "/impl=", "/", 1)
		if name == "KOOKDecode/eventbind" || len(rounds) == 0 {
			rounds = append(rounds, map[string]sample{}) // each round starts with it
		}
		var s sample
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "ns/op":
				s.ns = v
			case "allocs/op":
				s.allocs = v
			}
		}
		rounds[len(rounds)-1][name] = s
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("\nissue 21 targets, ratios of times within each of %d rounds: median [min–max]\n", len(rounds))
	for _, p := range []string{"KOOK", "OneBot12"} {
		for _, ours := range []string{"eventbind", "eventbind_stream"} {
			for _, t := range []struct {
				base string
				min  float64
			}{{"encoding_json_passes", 10}, {"encoding_json_v2engine_passes", 4}, {"goccy_passes", 2}, {"json_valid", 1.5}} {
				ratio(rounds, p+"Decode", ours, t.base, fmt.Sprintf("%s decode %s vs %s: ≥ %g× faster", p, ours, t.base, t.min), func(r float64) bool { return r >= t.min })
			}
		}
		allocs(rounds, p+"Decode/eventbind_stream", "allocs/frame, stream: 0", 0)
		ratio(rounds, p+"Encode", "eventbind_oneshot", "encoding_json", p+" one-shot AppendJSON(nil) vs json.Marshal of the struct: ≥ 5× faster", func(r float64) bool { return r >= 5 })
		ratio(rounds, p+"Encode", "output_copy", "encoding_json", p+"   the bound: a new copy of the output alone vs json.Marshal of the struct", nil)
		allocs(rounds, p+"Encode/eventbind_oneshot", "allocs, one-shot: ≤ 1", 1)
		inv(rounds, p+"Encode", "eventbind_marshal", "encoding_json", p+" json.Marshal(ev) vs json.Marshal of the struct: ≤ 1.2× its time", atMost1_2)
		inv(rounds, p+"Encode", "json_compact", "encoding_json", p+"   the bound: json.Compact of the output alone vs json.Marshal of the struct", nil)
		inv(rounds, p+"Encode", "eventbind_marshal_v2engine", "encoding_json_v2engine", p+" the same on the v2 engine: ≤ 1.2× its time", atMost1_2)
	}
}

func atMost1_2(r float64) bool { return r <= 1.2 }

// ratio prints base's time over ours' per round.
func ratio(rounds []map[string]sample, bench, ours, base, what string, met func(float64) bool) {
	var rs []float64
	for _, r := range rounds {
		o, ok1 := r[bench+"/"+ours]
		b, ok2 := r[bench+"/"+base]
		if ok1 && ok2 && o.ns > 0 {
			rs = append(rs, b.ns/o.ns)
		}
	}
	report(what, rs, "×", met)
}

// inv prints ours' time over base's per round (a ratio that should stay low).
func inv(rounds []map[string]sample, bench, ours, base, what string, met func(float64) bool) {
	var rs []float64
	for _, r := range rounds {
		o, ok1 := r[bench+"/"+ours]
		b, ok2 := r[bench+"/"+base]
		if ok1 && ok2 && b.ns > 0 {
			rs = append(rs, o.ns/b.ns)
		}
	}
	report(what, rs, "× its time", met)
}

func allocs(rounds []map[string]sample, name, what string, max float64) {
	var rs []float64
	for _, r := range rounds {
		if s, ok := r[name]; ok {
			rs = append(rs, s.allocs)
		}
	}
	report(strings.SplitN(name, "/", 2)[0]+" "+what, rs, "", func(r float64) bool { return r <= max })
}

// report prints the median and range of rs and whether met holds for the
// median; a nil met marks a bound, which has no target of its own.
func report(what string, rs []float64, unit string, met func(float64) bool) {
	if len(rs) == 0 {
		fmt.Printf("  %-75s no data\n", what)
		return
	}
	slices.Sort(rs)
	med := rs[len(rs)/2]
	if len(rs)%2 == 0 {
		med = (rs[len(rs)/2-1] + rs[len(rs)/2]) / 2
	}
	verdict := "not met"
	switch {
	case met == nil:
		verdict = "(no target: what the one above can reach at most)"
	case met(med):
		verdict = "met"
	}
	fmt.Printf("  %-75s %5.2f%s [%.2f–%.2f] %s\n", what, med, unit, rs[0], rs[len(rs)-1], verdict)
}
