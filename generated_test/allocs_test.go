package generated_test

import (
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// TestDecodeAllocations counts allocations, which unlike time do not depend
// on the machine: a message frame with mentions and roles costs the copy of
// the input, the event, and one slice per non-empty array.
func TestDecodeAllocations(t *testing.T) {
	text := readExample(t, "003_text_message.json")
	text = strings.Replace(text, `"mention": []`, `"mention": ["1", "2", "3"]`, 1)
	text = strings.Replace(text, `"mention_roles": []`, `"mention_roles": [1, 2, 3, 4, 5]`, 1)
	text = strings.Replace(text, `"roles": []`, `"roles": [7, 8]`, 1)
	data := []byte(text)
	ev, err := kook.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	m := ev.(*kook.TextMessage)
	if len(m.Extra.Mention.Value) != 3 || len(m.Extra.MentionRoles.Value) != 5 {
		t.Fatalf("arrays decoded as %v and %v", m.Extra.Mention.Value, m.Extra.MentionRoles.Value)
	}
	got := testing.AllocsPerRun(200, func() {
		if _, err := kook.Decode(data); err != nil {
			t.Fatal(err)
		}
	})
	// input copy + event + mention + mention_roles + author.roles
	if got > 5 {
		t.Errorf("%v allocations per decode, want at most 5", got)
	}
}
