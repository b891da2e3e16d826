package gen

import (
	gobuild "go/build"
	"strings"
	"testing"
)

// TestGenImportsNothingGenerated: the generator must build when the
// generated packages do not (regenerating is how they are fixed), so of this
// module it imports only the runtime that it writes literals with.
func TestGenImportsNothingGenerated(t *testing.T) {
	const module = "github.com/eventbind/eventbind/"
	pkg, err := gobuild.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasPrefix(imp, module) && imp != module+"jsonwire/wireimpl" && imp != module+"jsonwire" {
			t.Errorf("gen imports %s", imp)
		}
	}
}
