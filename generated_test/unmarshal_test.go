package generated_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/eventbind/eventbind/events/kook"
)

// A shared object decodes through encoding/json with our decoder: unknown
// members kept, and on any error the receiver keeps what it held.
func TestSharedObjectUnmarshalJSON(t *testing.T) {
	var u kook.User
	if err := json.Unmarshal([]byte(`{"id":"1","username":"a","identify_num":"0001","online":true,"avatar":"x","bot":false,"new":1}`), &u); err != nil {
		t.Fatal(err)
	}
	if u.ID != "1" || u.Username != "a" || len(u.UnknownFields) != 1 {
		t.Fatalf("decoded %+v", u)
	}
	before := u
	for _, bad := range []string{
		`{"id":2}`,              // a member of the wrong type
		`{"id":"2"} {}`,         // trailing data (json.Unmarshal's own check comes first)
		`{"id":"2","username":`, // cut short
	} {
		err := u.UnmarshalJSON([]byte(bad))
		if err == nil {
			t.Errorf("UnmarshalJSON(%s): no error", bad)
		}
		if u.ID != before.ID || u.Username != before.Username || len(u.UnknownFields) != 1 {
			t.Errorf("UnmarshalJSON(%s) changed the receiver: %+v", bad, u)
		}
	}
	if err := u.UnmarshalJSON([]byte(`{"id":2}`)); err == nil || !strings.Contains(err.Error(), "id") {
		t.Errorf("the error does not name the member: %v", err)
	}
}
