package bench

import (
	"encoding/json"
	"fmt"
)

// The OneBot 12 baseline: plain structs with json tags for every event of the
// corpus, decoded the way OneBot SDKs do, in passes:
//
//  1. {type, detail_type}, to choose the event struct;
//  2. the whole event into that struct, message segments as
//     {type, data json.RawMessage};
//  3. for a message, each segment's data into the struct its type names.
//
// Like the KOOK baseline the result is fully typed, so json.Marshal of it is
// a fair re-encoding baseline. The extension members of the corpus (qq.*) are
// plain fields, as a QQ-specific SDK would have them.

type oneBotHeader struct {
	Type       string `json:"type"`
	DetailType string `json:"detail_type"`
}

type oneBotSelf struct {
	Platform string `json:"platform"`
	UserID   string `json:"user_id"`
}

type oneBotBase struct { // meta events
	ID         string  `json:"id"`
	Impl       string  `json:"impl,omitempty"`
	Time       float64 `json:"time"`
	Type       string  `json:"type"`
	DetailType string  `json:"detail_type"`
	SubType    string  `json:"sub_type"`
}

type oneBotBotBase struct { // message, notice and request events
	ID         string     `json:"id"`
	Impl       string     `json:"impl,omitempty"`
	Self       oneBotSelf `json:"self"`
	Time       float64    `json:"time"`
	Type       string     `json:"type"`
	DetailType string     `json:"detail_type"`
	SubType    string     `json:"sub_type"`
	QQNickname string     `json:"qq.nickname,omitempty"`
}

// oneBotMessage is message.private, message.group and message.channel, as SDKs
// model them: one struct, the IDs a detail type lacks left empty.
type oneBotMessage struct {
	oneBotBotBase
	MessageID  string          `json:"message_id"`
	Message    []oneBotSegment `json:"message"`
	AltMessage string          `json:"alt_message"`
	GroupID    string          `json:"group_id,omitempty"`
	GuildID    string          `json:"guild_id,omitempty"`
	ChannelID  string          `json:"channel_id,omitempty"`
	UserID     string          `json:"user_id"`
}

// oneBotMessageWire is pass 2's target for messages.
type oneBotMessageWire struct {
	oneBotMessage
	Message []oneBotSegmentWire `json:"message"`
}

type oneBotSegmentWire struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

type oneBotSegment struct {
	Type string `json:"type"`
	Data any    `json:"data"` // a pointer to one of the data structs below
}

type oneBotTextData struct {
	Text string `json:"text"`
}

type oneBotMentionData struct {
	UserID string `json:"user_id"`
}

type oneBotMentionAllData struct{}

type oneBotFileData struct { // image, voice, audio, video, file
	FileID string `json:"file_id"`
}

type oneBotLocationData struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Title     string  `json:"title"`
	Content   string  `json:"content"`
}

type oneBotReplyData struct {
	MessageID string `json:"message_id"`
	UserID    string `json:"user_id,omitempty"`
}

func newOneBotSegmentData(segType string) any {
	switch segType {
	case "text":
		return new(oneBotTextData)
	case "mention":
		return new(oneBotMentionData)
	case "mention_all":
		return new(oneBotMentionAllData)
	case "image", "voice", "audio", "video", "file":
		return new(oneBotFileData)
	case "location":
		return new(oneBotLocationData)
	case "reply":
		return new(oneBotReplyData)
	}
	return new(json.RawMessage)
}

type oneBotConnect struct {
	oneBotBase
	Version struct {
		Impl          string `json:"impl"`
		Version       string `json:"version"`
		OneBotVersion string `json:"onebot_version"`
	} `json:"version"`
}

type oneBotHeartbeat struct {
	oneBotBase
	Interval int64 `json:"interval"`
}

type oneBotStatusUpdate struct {
	oneBotBase
	Status struct {
		Good bool `json:"good"`
		Bots []struct {
			Self     oneBotSelf `json:"self"`
			Online   bool       `json:"online"`
			QQStatus string     `json:"qq.status,omitempty"`
		} `json:"bots"`
	} `json:"status"`
}

// oneBotNotice is every notice of the corpus, as SDKs model them: one struct
// with the members of all, those a detail type lacks left empty.
type oneBotNotice struct {
	oneBotBotBase
	GroupID      string `json:"group_id,omitempty"`
	GuildID      string `json:"guild_id,omitempty"`
	ChannelID    string `json:"channel_id,omitempty"`
	MessageID    string `json:"message_id,omitempty"`
	UserID       string `json:"user_id,omitempty"`
	OperatorID   string `json:"operator_id,omitempty"`
	QQRawEventID string `json:"qq.raw_event_id,omitempty"`
}

// decodeOneBotPasses decodes an event as OneBot SDKs do. It returns a pointer
// to oneBotMessage, oneBotNotice, oneBotConnect, oneBotHeartbeat or
// oneBotStatusUpdate.
func decodeOneBotPasses(unmarshal unmarshalFunc, data []byte) (any, error) {
	var h oneBotHeader
	if err := unmarshal(data, &h); err != nil {
		return nil, err
	}
	switch h.Type {
	case "message":
		var wire oneBotMessageWire
		if err := unmarshal(data, &wire); err != nil {
			return nil, err
		}
		msg := wire.oneBotMessage
		msg.Message = make([]oneBotSegment, len(wire.Message))
		for i, seg := range wire.Message {
			d := newOneBotSegmentData(seg.Type)
			if err := unmarshal(seg.Data, d); err != nil {
				return nil, fmt.Errorf("message[%d].data: %w", i, err)
			}
			msg.Message[i] = oneBotSegment{Type: seg.Type, Data: d}
		}
		return &msg, nil
	case "notice":
		ev := new(oneBotNotice)
		if err := unmarshal(data, ev); err != nil {
			return nil, err
		}
		return ev, nil
	case "meta":
		var ev any
		switch h.DetailType {
		case "connect":
			ev = new(oneBotConnect)
		case "heartbeat":
			ev = new(oneBotHeartbeat)
		case "status_update":
			ev = new(oneBotStatusUpdate)
		default:
			return nil, fmt.Errorf("unknown meta event %q", h.DetailType)
		}
		if err := unmarshal(data, ev); err != nil {
			return nil, err
		}
		return ev, nil
	}
	return nil, fmt.Errorf("unknown event type %q", h.Type)
}
