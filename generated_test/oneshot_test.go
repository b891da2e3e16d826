package generated_test

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestOneShotEncode: ev.AppendJSON(nil) gives what appending to a buffer
// gives, in one allocation of the output's size (the pooled buffer it encodes
// into is copied), for every example of both packages; json.Marshal(ev) gives
// the same document.
func TestOneShotEncode(t *testing.T) {
	for _, c := range streamCases {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range examples(t, c) {
				ev, _ := c.decode(f)
				want := ev.AppendJSON(make([]byte, 0, 8192))
				got := ev.AppendJSON(nil)
				if !bytes.Equal(got, want) {
					t.Fatalf("%s: AppendJSON(nil) differs:\n%s\n%s", ev.EventName(), got, want)
				}
				if cap(got) > len(got)+len(got)/8+16 {
					t.Errorf("%s: %d bytes in a buffer of %d", ev.EventName(), len(got), cap(got))
				}
				if n := testing.AllocsPerRun(20, func() { ev.AppendJSON(nil) }); n > 1 && !raceEnabled {
					t.Errorf("%s: AppendJSON(nil) allocates %v times", ev.EventName(), n)
				}
				m, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				sameJSON(t, ev.EventName(), want, m)
			}
		})
	}
}
