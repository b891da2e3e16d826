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

// platform ties a generated package to the command line. Everything it
// knows of the platform's input (the keys that tell its lines, which lines
// are signals) comes from the package, through bind.Events.
type platform struct {
	events bind.Events // the package's Bind(nil); its name is events.Platform()
}

// platforms are registered by the platform_*.go files, one per bundled
// generated package; Use replaces one with a user's.
var platforms []*platform

// newPlatform ties a generated package's events to the command line.
func newPlatform(events bind.Events) *platform {
	return &platform{events: events}
}

// lineDecoder returns a decode for one goroutine that reads lines one after
// the other (eventbind decode): it reuses its memory. Lines whose signal key
// says they are no event frame (Signals().IsSignal) go to the package's
// signal decoder, the others to its event decoder.
func (p *platform) lineDecoder() func(line []byte, strict bool) (decoded, error) {
	decode := streamDecoderOf(p.events)
	if sigs := p.events.Signals(); sigs != nil {
		return withSignals(sigs, decode)
	}
	return decode
}

// withSignals decodes a line that sigs says is a signal frame as a signal
// (KOOK: hello, ping, pong, resume, reconnect, resume_ack, or signal_<s> when
// unknown; an "s" that is no integer is the signal decoder's error), and every
// other line (an event frame, a bare payload, input malformed before the
// signal key) with decodeEvent, exactly as if the package had no signals.
func withSignals(sigs bind.Signals, decodeEvent func([]byte, bool) (decoded, error)) func([]byte, bool) (decoded, error) {
	return func(line []byte, strict bool) (decoded, error) {
		if !sigs.IsSignal(line) {
			return decodeEvent(line, strict)
		}
		sig, paths, err := sigs.Decode(line, bind.DecodeOptions{ReportUnknown: strict})
		if err != nil {
			return decoded{}, err
		}
		return decoded{event: sig.SignalName(), known: sig.Known(), value: sig.AppendJSON(nil), unknown: paths}, nil
	}
}

func platformNames() []string {
	var out []string
	for _, p := range platforms {
		out = append(out, p.events.Platform())
	}
	return out
}

func platformByName(name string) *platform {
	for _, p := range platforms {
		if p.events.Platform() == name {
			return p
		}
	}
	return nil
}

// detectPlatform picks the platform whose package claims the line most
// strongly (bind.Events.Claim: a frame over a bare payload), the first of
// those that claim it alike; when none does, the first one decodes it so that
// its error explains what is wrong.
func detectPlatform(line []byte) *platform {
	var best *platform
	claim := bind.ClaimNone
	for _, p := range platforms {
		if c := p.events.Claim(line); c > claim {
			best, claim = p, c
		}
		if claim == bind.ClaimFrame {
			break // the strongest claim: a later platform can only tie, and ties go to the first
		}
	}
	if best == nil && len(platforms) > 0 {
		return platforms[0]
	}
	return best
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

// Use puts events in place of the bundled package of its platform
// (events.Platform()): decode, serve and listen then decode and print the
// events of that package.
func Use(events bind.Events) error {
	for i, p := range platforms {
		if p.events.Platform() == events.Platform() {
			platforms[i] = newPlatform(events)
			return nil
		}
	}
	return fmt.Errorf("eventbind: no platform %q in this command (it knows %v)", events.Platform(), platformNames())
}
