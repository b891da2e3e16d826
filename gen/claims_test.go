package gen

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestClaimKeys: the members by which a generated package tells its lines
// (Claim) come from the schema: the frame's required members and payload,
// and the top-level members that every family's discriminators read.
func TestClaimKeys(t *testing.T) {
	for _, c := range []struct {
		dir           string
		frame, events []string
	}{
		{"../schema/kook", []string{"s", "d"}, []string{"type"}},
		{"../schema/onebot12", nil, []string{"type", "detail_type"}},
		{filepath.Join("testdata", "cases", "every_construct"), []string{"op", "data"}, []string{"kind"}},
		{filepath.Join("testdata", "cases", "frame_claims"), []string{"v", "origin", "body"}, []string{"k"}},
		{filepath.Join("testdata", "cases", "event_claims"), nil, []string{"type"}},
	} {
		m, err := Build([]string{c.dir})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.FrameKeys(); !slices.Equal(got, c.frame) {
			t.Errorf("%s: FrameKeys %q, want %q", c.dir, got, c.frame)
		}
		if got := m.EventKeys(); !slices.Equal(got, c.events) {
			t.Errorf("%s: EventKeys %q, want %q", c.dir, got, c.events)
		}
	}
}
