package cli

import (
	"fmt"
	"strings"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/jsonwire"
)

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
	name   string
	events bind.Events // the package's Bind(nil)
	// claims reports whether a line looks like this platform's event.
	claims func(line []byte) bool
	decode func(line []byte, strict bool) (decoded, error)
	// stream, when set, returns a decode for one goroutine that reads lines
	// one after the other (eventbind decode): it reuses its memory.
	stream func() func(line []byte, strict bool) (decoded, error)
	// strict decodes one event as the package's Decode does (for drift).
	strict func(data []byte) error
}

// platforms are registered by the platform_*.go files, one per bundled
// generated package; Use replaces one with a user's.
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

// decoderOf decodes with a generated package's DecodeOptions.Decode, recovering (and
// reporting unknown members when strict): a line whose discriminators are
// readable is printed as its event, with the problems that recovering found.
func decoderOf(events bind.Events) func([]byte, bool) (decoded, error) {
	return func(line []byte, strict bool) (decoded, error) {
		ev, paths, err := events.Decode(line, bind.DecodeOptions{Recover: true, ReportUnknown: strict})
		if err != nil {
			return decoded{}, err
		}
		return decoded{event: ev.EventName(), known: ev.Known(), value: ev.AppendJSON(nil), unknown: paths, problems: jsonwire.ProblemStrings(ev.Problems())}, nil
	}
}

// streamDecoderOf is decoderOf with the package's stream decoder when it has
// one (bind.Streamer), for one goroutine: no allocation for the event. What
// the result holds is copied out of the event, which the next line reuses.
func streamDecoderOf(events bind.Events) func([]byte, bool) (decoded, error) {
	st, ok := events.(bind.Streamer)
	if !ok {
		return decoderOf(events)
	}
	var streams [2]bind.Stream // without and with --strict
	return func(line []byte, strict bool) (decoded, error) {
		i := 0
		if strict {
			i = 1
		}
		if streams[i] == nil {
			streams[i] = st.NewStream(bind.DecodeOptions{Recover: true, ReportUnknown: strict})
		}
		ev, paths, err := streams[i].Decode(line)
		if err != nil {
			return decoded{}, err
		}
		return decoded{event: strings.Clone(ev.EventName()), known: ev.Known(), value: ev.AppendJSON(nil), unknown: paths, problems: jsonwire.ProblemStrings(ev.Problems())}, nil
	}
}

// strictOf decodes one event as the package's Decode does (drift).
func strictOf(events bind.Events) func([]byte) error {
	return func(data []byte) error {
		_, _, err := events.Decode(data, bind.DecodeOptions{})
		return err
	}
}

// platformMakers build a platform around a package's events: the bundled
// one (platform_*.go) or one generated from an extended schema (Use).
var platformMakers = map[string]func(bind.Events) *platform{}

// Use puts events in place of the bundled package of its platform
// (events.Platform()): decode, serve and listen then decode and print the
// events of that package.
func Use(events bind.Events) error {
	makePlatform, ok := platformMakers[events.Platform()]
	if !ok {
		return fmt.Errorf("eventbind: no platform %q in this command (it knows %v)", events.Platform(), platformNames())
	}
	for i, p := range platforms {
		if p.name == events.Platform() {
			platforms[i] = makePlatform(events)
		}
	}
	return nil
}
