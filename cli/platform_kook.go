package cli

import (
	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook"
)

// KOOK is the first platform (Go runs the init functions of a package's files
// in the order of their names): a line that no package claims goes to it, so
// that its error explains what is wrong.
func init() {
	platforms = append(platforms, newPlatform(kook.Bind(nil)))
}

// kookEvents is the package whose events serve and listen decode and print:
// events/kook, or the one given to Use.
func kookEvents() bind.Events {
	return platformByName("kook").events
}
