// Command generate is `eventbind generate` alone, for the generate directives
// of this repository: it imports no generated package, so regenerating works
// even while the committed generated code does not compile. Users run
// `go tool eventbind generate`, the same code.
package main

import (
	"os"

	"github.com/eventbind/eventbind/internal/generate"
)

func main() {
	os.Exit(generate.Run(os.Args[1:], os.Stderr))
}
