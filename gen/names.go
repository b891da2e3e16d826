package gen

import (
	"go/token"
	"strings"
	"unicode"
)

// initialisms are the words that Go spells in capitals (or in a fixed mixed
// case) inside identifiers. Only words of Go's own convention: a platform's
// word (KOOK's sn) is spelled by its schema (`go: SN`).
var initialisms = map[string]string{
	"id": "ID", "url": "URL", "uri": "URI", "os": "OS", "api": "API",
	"http": "HTTP", "json": "JSON", "ip": "IP", "uid": "UID", "utc": "UTC",
}

// goName derives a Go identifier from a JSON or schema name:
// channel_type → ChannelType, msg_id → MsgID, notice.channel_create →
// NoticeChannelCreate. Characters other than letters and digits separate words.
func goName(s string) string {
	var b strings.Builder
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if up, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// validGoName reports whether s can name an exported Go identifier.
func validGoName(s string) bool {
	if s == "" || !token.IsIdentifier(s) || !token.IsExported(s) {
		return false
	}
	return true
}

// reservedFieldNames are names that generated structs use for their own
// members and methods; a schema field must not take them.
var reservedFieldNames = map[string]bool{
	"UnknownFields": true, "Frame": true, "AppendJSON": true, "MarshalJSON": true,
	"UnmarshalJSON": true, "EventName": true, "Known": true, "RawJSON": true,
	"String": true, "Valid": true, "Extensions": true, "WireForm": true,
	"Problems": true, "Envelope": true, "Base": true,
}

// reservedTypeNames are the package-level names every generated package
// declares (Frame: with a frame); TestReservedNamesAreDeclared holds the two
// in step.
var reservedTypeNames = map[string]bool{
	"Event": true, "UnknownEvent": true, "Handler": true, "NopHandler": true,
	"Mux": true, "Dispatch": true, "Decode": true, "DecodeOptions": true,
	"Decoder": true, "NewDecoder": true, "Frame": true,
	"Bind": true, boundHandlerType: true,
}

// boundHandlerType is the unexported type Bind returns, and boundSignalsType
// the one its Signals method returns (with signals).
const (
	boundHandlerType = "boundHandler"
	boundSignalsType = "boundSignals"
)

// reservedSignalNames are the package-level names a package with signals
// declares besides the signals' own types.
var reservedSignalNames = map[string]bool{
	"Signal": true, "EventSignal": true, "UnknownSignal": true,
	"DecodeSignal": true, boundSignalsType: true,
}

// eventSignalName is the signal name of an event frame (EventSignal), and
// unknownSignalPrefix starts that of a frame whose key the schema does not
// know: "signal_7".
const (
	eventSignalName     = "event"
	unknownSignalPrefix = "signal_"
)

// unknownEventMembers are UnknownEvent's own members; its discriminator
// members must not take these names.
var unknownEventMembers = map[string]bool{"Frame": true, "Family": true, "Payload": true}

// handlingOf names what an event type gets in Handler and Mux:
// OnAddedReaction, HandleAddedReaction, and the Mux member addedReaction.
func handlingOf(goType, short string) Handling {
	return Handling{Type: goType, Method: "On" + short, Mux: "Handle" + short, Field: lowerFirst(short)}
}

// unknownHandling is what unknown events get: OnUnknown, HandleUnknown.
var unknownHandling = handlingOf("UnknownEvent", "Unknown")

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
