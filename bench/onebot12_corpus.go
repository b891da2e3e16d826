package bench

import (
	"fmt"
	"strconv"
	"strings"
)

// altPlaceholders is how alt_message renders a non-text segment, as in the
// documented examples.
var altPlaceholders = map[string]string{
	"mention": "[提及]", "mention_all": "[提及所有人]", "image": "[图片]", "voice": "[语音]",
	"audio": "[音频]", "video": "[视频]", "file": "[文件]", "location": "[位置]",
}

var places = [][2]string{
	{"上海交通大学闵行校区", "中国上海市闵行区东川路800号"},
	{"Shibuya Crossing", "2 Chome-2-1 Dogenzaka, Shibuya City, Tokyo"},
	{"西湖", "浙江省杭州市西湖区龙井路1号"},
	{"Central Park", "New York, NY 10024"},
}

// OneBot12Corpus builds n OneBot 12 events from the documented examples, as
// KOOKCorpus does: MessageShare of them message events, the rest meta and
// notice events, every example used except those with an extended
// detail_type (they decode as unknown events, and the corpus measures known
// ones), each with new IDs, times and text; alt_message follows the new
// segments. Three in ten events escape non-ASCII runes as \uXXXX (as Python's
// json.dumps does by default). The same seed gives the same corpus.
func OneBot12Corpus(templates []Template, n int, seed int64) (*Corpus, error) {
	var tpls []template
	for _, t := range templates {
		tree, err := parseTree(t.JSON)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.Name, err)
		}
		typ, _ := lookup(tree, "type").(string)
		detail, _ := lookup(tree, "detail_type").(string)
		if typ == "" || detail == "" {
			return nil, fmt.Errorf("%s: no type or detail_type", t.Name)
		}
		if strings.Contains(detail, ".") {
			continue
		}
		tpls = append(tpls, template{name: t.Name, tree: tree, message: typ == "message", weight: 1})
	}
	v := newValues(seed)
	order, nMsg := slots(tpls, n, v)
	c := &Corpus{Messages: nMsg}
	bots := []string{v.digits(9), v.digits(9), v.digits(10)}
	micros := int64(1717200000) * 1e6 // 2024-06-01, in Unix microseconds
	for _, t := range order {
		micros += 1 + v.rnd.Int63n(3e6)
		f := &oneBotFrame{values: v, bots: bots, micros: micros}
		if v.chance(0.3) {
			f.escaping = escapeASCII
		}
		if segs, ok := lookup(t.tree, "message").(array); ok {
			f.message = array{}
			for _, s := range segs {
				f.message = append(f.message, f.segment(s.(object)))
			}
		}
		out := rewrite("", "", t.tree, f.value)
		c.Frames = append(c.Frames, appendTree(nil, out, f.escaping))
		c.Templates = append(c.Templates, t.name)
	}
	return c, nil
}

// oneBotFrame is what is decided for one event before its values are
// rewritten: the message is rewritten first, so that alt_message can render it.
type oneBotFrame struct {
	*values
	bots     []string // the bot accounts: self.user_id
	micros   int64
	escaping escaping
	message  array           // the new segments
	alt      strings.Builder // alt_message of the new segments
}

// value is the rewriteFunc of a OneBot event: the new value of member key of
// the object at in.
func (f *oneBotFrame) value(in, key string, v any) (any, bool) {
	switch key {
	case "id":
		return f.uuid(), true
	case "time":
		s := fmt.Sprintf("%d.%06d", f.micros/1e6, f.micros%1e6)
		t, _ := strconv.ParseFloat(s, 64)
		return number(strconv.FormatFloat(t, 'f', -1, 64)), true
	case "message":
		return f.message, true
	case "alt_message":
		return f.alt.String(), true
	case "message_id":
		return f.digits(4 + f.rnd.Intn(6)), true
	case "user_id", "operator_id":
		if in == "self" {
			return f.pick(f.bots), true
		}
		return f.user().id, true
	case "group_id":
		return f.digits(9), true
	case "guild_id":
		return f.digits(12), true
	case "channel_id":
		return f.digits(6), true
	case "qq.nickname":
		return f.name(), true
	case "qq.raw_event_id":
		return f.hex(15), true
	case "online":
		return literal(strconv.FormatBool(f.chance(0.9))), true
	}
	return nil, false
}

// segment is a message segment with new data, its rendering added to f.alt.
func (f *oneBotFrame) segment(seg object) object {
	typ, _ := seg.get("type").(string)
	data, _ := seg.get("data").(object)
	out := make(object, 0, len(data))
	var place [2]string
	if typ == "location" {
		place = places[f.rnd.Intn(len(places))]
	}
	for _, m := range data {
		v := m.val
		switch m.key {
		case "text":
			v, _ = f.text(f.pieceCount(), false, nil)
		case "user_id":
			v = f.user().id
		case "message_id":
			v = f.digits(4 + f.rnd.Intn(6))
		case "file_id":
			v = f.uuid()
		case "latitude":
			v = f.float(-80, 80, 6)
		case "longitude":
			v = f.float(-170, 170, 6)
		case "title":
			v = place[0]
		case "content":
			v = place[1]
		}
		out = append(out, member{m.key, v})
	}
	if typ == "text" {
		f.alt.WriteString(out.get("text").(string))
	} else {
		f.alt.WriteString(altPlaceholders[typ])
	}
	res := make(object, len(seg))
	for i, m := range seg {
		if m.key == "data" {
			m.val = out
		}
		res[i] = m
	}
	return res
}
