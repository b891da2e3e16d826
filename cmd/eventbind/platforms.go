package main

// decoded is what the command line needs from any platform's decoder.
type decoded struct {
	event   string
	known   bool
	value   []byte
	unknown []string
}

// platform ties a generated package to the command line.
type platform struct {
	name string
	// claims reports whether a line looks like this platform's event.
	claims func(line []byte) bool
	decode func(line []byte, strict bool) (decoded, error)
}

// platforms are registered by the platform_*.go files, which the build tag
// eventbind_generate_only leaves out: `go generate` builds the command with it,
// so regenerating never needs the generated packages to compile.
var platforms []*platform

func platformNames() []string {
	var out []string
	for _, p := range platforms {
		out = append(out, p.name)
	}
	return out
}

func platformByName(name string) *platform {
	for _, p := range platforms {
		if p.name == name {
			return p
		}
	}
	return nil
}

// detectPlatform picks the first platform that claims the line; when none
// does, the first one decodes it so that its error explains what is wrong.
func detectPlatform(line []byte) *platform {
	for _, p := range platforms {
		if p.claims(line) {
			return p
		}
	}
	if len(platforms) == 0 {
		return nil
	}
	return platforms[0]
}
