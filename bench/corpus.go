// Package bench measures the generated decoders against the ways KOOK and OneBot
// SDKs decode today (encoding/json and goccy/go-json in several passes), on a
// corpus of frames built from every documented example. Run it with `make bench`.
//
// The non-test files build the corpus; the baselines and benchmarks are test files.
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Template is one documented example a corpus varies.
type Template struct {
	Name string // file name, e.g. 003_text_message.json
	JSON []byte
}

// LoadTemplates reads every *.json file of dir, in name order.
func LoadTemplates(dir string) ([]Template, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no *.json in %s", dir)
	}
	sort.Strings(paths)
	tpls := make([]Template, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		tpls = append(tpls, Template{Name: filepath.Base(p), JSON: data})
	}
	return tpls, nil
}

// Corpus is a list of generated frames.
type Corpus struct {
	Frames    [][]byte
	Templates []string // Templates[i] names the example Frames[i] was built from
	Messages  int      // how many frames are message events; the rest are system (KOOK) or meta and notice (OneBot) events
}

// AverageSize is the mean length of the frames in bytes.
func (c *Corpus) AverageSize() int {
	total := 0
	for _, f := range c.Frames {
		total += len(f)
	}
	return total / len(c.Frames)
}

// MessageShare is the fraction of frames that are message events, as in the
// issue's traffic: 70% messages, 30% other events.
const MessageShare = 0.7

// template is a parsed Template with the share of the corpus it gets.
type template struct {
	name    string
	tree    any
	message bool
	weight  int // relative to the other templates of the same class (message or not)
}

// slots decides which template each of the n frames is built from: a share
// MessageShare of messages split by weight, the rest split by weight among the
// other templates, every template at least once when n allows, in an order
// shuffled so that a benchmark loop does not see a repeating pattern.
func slots(tpls []template, n int, v *values) ([]*template, int) {
	var msgs, others []*template
	for i := range tpls {
		if tpls[i].message {
			msgs = append(msgs, &tpls[i])
		} else {
			others = append(others, &tpls[i])
		}
	}
	nMsg := int(float64(n)*MessageShare + 0.5)
	out := make([]*template, 0, n)
	for _, part := range []struct {
		tpls []*template
		n    int
	}{{msgs, nMsg}, {others, n - nMsg}} {
		weights := make([]int, len(part.tpls))
		for i, t := range part.tpls {
			weights[i] = t.weight
		}
		for i, count := range apportion(part.n, weights) {
			for range count {
				out = append(out, part.tpls[i])
			}
		}
	}
	v.rnd.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nMsg
}

// apportion splits total in proportion to weights (largest remainder), giving
// each weight at least 1 while total allows.
func apportion(total int, weights []int) []int {
	counts := make([]int, len(weights))
	if len(weights) == 0 || total == 0 {
		return counts
	}
	left := total
	for i := range counts {
		if left > 0 {
			counts[i] = 1
			left--
		}
	}
	sum := 0
	for _, w := range weights {
		sum += w
	}
	type rest struct{ i, num int }
	var rests []rest
	given := 0
	for i, w := range weights {
		q := left * w / sum
		counts[i] += q
		given += q
		rests = append(rests, rest{i, left * w % sum})
	}
	sort.SliceStable(rests, func(a, b int) bool { return rests[a].num > rests[b].num })
	for k := 0; given < left; k++ {
		counts[rests[k%len(rests)].i]++
		given++
	}
	return counts
}

// rewriteFunc decides the new value of member key of the object found at key
// in (array elements are passed with the array's key): ok is false to keep the
// value, and rewrite then looks inside it.
type rewriteFunc func(in, key string, v any) (nv any, ok bool)

// rewrite returns a copy of the template tree v, found at key in, with the
// values f replaces. A replacement of another JSON kind (a string for a
// number, say) would make the frame invalid for the schema: it is a bug in
// the generator, and panics.
func rewrite(in, key string, v any, f rewriteFunc) any {
	switch x := v.(type) {
	case object:
		out := make(object, len(x))
		for i, m := range x {
			nv, ok := f(key, m.key, m.val)
			if !ok {
				nv = rewrite(key, m.key, m.val, f)
			} else if kindOf(nv) != kindOf(m.val) {
				panic(fmt.Sprintf("bench: %s.%s: rewrite changed a %s into a %s", key, m.key, kindOf(m.val), kindOf(nv)))
			}
			out[i] = member{m.key, nv}
		}
		return out
	case array:
		out := make(array, len(x))
		for i, e := range x {
			out[i] = rewrite(in, key, e, f)
		}
		return out
	}
	return v
}
