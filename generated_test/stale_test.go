package generated_test

import (
	"testing"

	"github.com/eventbind/eventbind/gen"
)

// TestKOOKGeneratedUpToDate fails when `go generate ./...` would change events/kook.
func TestKOOKGeneratedUpToDate(t *testing.T) {
	diff, err := gen.Diff(kookModel(t), "../events/kook")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range diff {
		t.Errorf("events/kook/%s is stale: run go generate ./...", name)
	}
}
