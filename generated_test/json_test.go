package generated_test

import (
	"testing"

	"github.com/eventbind/eventbind/internal/jsontest"
)

// sameJSON fails the test unless a and b are the same JSON document: the same
// members and values, whatever their order, spacing or number spelling.
func sameJSON(t *testing.T, what string, want, got []byte) {
	t.Helper()
	diff, err := jsontest.Diff(want, got)
	if err != nil {
		t.Fatalf("%s: %v\nwant: %s\ngot:  %s", what, err, want, got)
	}
	if diff != "" {
		t.Errorf("%s: re-encoding differs (-want +got):\n%s", what, diff)
	}
}
