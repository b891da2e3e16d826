package jsonwire_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportDirection holds the split of issue 20: jsonwire, the package
// users import, imports none of this module's packages but its own internal
// link, and the runtime (wireimpl) imports jsonwire and nothing else of the
// module, so imports run runtime ← generated packages ← transports ← CLI.
func TestImportDirection(t *testing.T) {
	const module = "github.com/eventbind/eventbind/"
	for dir, allowed := range map[string][]string{
		".":                 {module + "jsonwire/internal/wirelink"},
		"wireimpl":          {module + "jsonwire", module + "jsonwire/internal/wirelink"},
		"internal/wirelink": nil,
	} {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
	imports:
		for _, imp := range pkg.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			for _, a := range allowed {
				if imp == a {
					continue imports
				}
			}
			t.Errorf("jsonwire/%s imports %s", dir, imp)
		}
	}
}
