package main

import "github.com/eventbind/eventbind/jsonwire"

// decoded is what the command line needs from any platform's decoder.
type decoded struct {
	event    string
	known    bool
	value    []byte
	unknown  []string
	problems []string // what recovering decoding skipped: "<path>: <what>"
}

// platform ties a generated package to the command line.
type platform struct {
	name string
	// claims reports whether a line looks like this platform's event.
	claims func(line []byte) bool
	decode func(line []byte, strict bool) (decoded, error)
	// strict decodes one event as the package's Decode does (for drift).
	strict func(data []byte) error
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

// event is what the command line uses of any generated package's Event.
type event interface {
	EventName() string
	Known() bool
	AppendJSON(b []byte) []byte
	Problems() []jsonwire.Problem
}

// decoderOf adapts a generated package's DecodeWith, called with Recover
// (and ReportUnknown when strict): a line whose discriminators are readable
// is printed as its event, with the problems that recovering found.
func decoderOf[E event](decodeWith func(data []byte, strict bool) (E, []string, error)) func([]byte, bool) (decoded, error) {
	return func(line []byte, strict bool) (decoded, error) {
		ev, paths, err := decodeWith(line, strict)
		if err != nil {
			return decoded{}, err
		}
		return decoded{event: ev.EventName(), known: ev.Known(), value: ev.AppendJSON(nil), unknown: paths, problems: jsonwire.ProblemStrings(ev.Problems())}, nil
	}
}
