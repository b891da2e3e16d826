// Package schema holds the platforms' schemas (kook/, onebot12/), embedded so
// that `eventbind generate --schema kook` finds them by name, wherever the
// command runs and whatever version of this module it was built from.
package schema

import "embed"

// FS holds one folder per platform, with its YAML files and the example
// files they list.
//
//go:embed kook onebot12
var FS embed.FS
