package bench

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// kookMessageWeights splits the message frames between the message types
// (d.type), roughly as in a busy guild: mostly text and KMarkdown, then images,
// cards, and a few files, videos and voice notes. With the text lengths of
// values.pieceCount they put the average frame near the 675 bytes.
var kookMessageWeights = map[int]int{9: 25, 1: 40, 2: 15, 10: 8, 4: 4, 3: 4, 8: 4, 12: 2}

// kookSystemType is d.type of a system event.
const kookSystemType = 255

// KOOKCorpus builds n KOOK frames from the documented examples (templates):
// MessageShare of them message events, the rest system events, every example
// used, each frame the example with new values (IDs, timestamps, sequence
// numbers, names, URLs, and chat text in Chinese and English with emoji,
// escapes and (met)id(met) mentions). Member order, types and enum values are
// those of the example, so every frame is a valid event of the same shape.
// Frames are compact JSON; a fifth are escaped the way PHP does (\/ and
// \uXXXX), the rest write UTF-8 as is. The same seed gives the same corpus.
func KOOKCorpus(templates []Template, n int, seed int64) (*Corpus, error) {
	tpls := make([]template, 0, len(templates))
	for _, t := range templates {
		tree, err := parseTree(t.JSON)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.Name, err)
		}
		typ, err := strconv.Atoi(fmt.Sprint(lookup(tree, "d", "type")))
		if err != nil {
			return nil, fmt.Errorf("%s: d.type is not a number", t.Name)
		}
		tp := template{name: t.Name, tree: tree, message: typ != kookSystemType, weight: 1}
		if tp.message {
			tp.weight = kookMessageWeights[typ]
			if tp.weight == 0 { // a message type added to the schema since
				tp.weight = 5
			}
		}
		tpls = append(tpls, tp)
	}
	// The mix of message types is calibrated on the first template of each
	// type (the documents' example); a further example of a type (a capture,
	// a built variant) adds a few frames of its shape out of the type's
	// share, so that examples added for coverage do not move the mix.
	first := map[any]int{}
	for i, tp := range tpls {
		if !tp.message {
			continue
		}
		typ := lookup(tp.tree, "d", "type")
		if j, seen := first[typ]; seen {
			tpls[i].weight = 1
			tpls[j].weight = max(1, tpls[j].weight-1)
		} else {
			first[typ] = i
		}
	}
	v := newValues(seed)
	order, nMsg := slots(tpls, n, v)
	c := &Corpus{Messages: nMsg}
	gen := kookGen{values: v, verifyToken: v.alnum(24)}
	now := int64(1717200000000) // 2024-06-01, in Unix milliseconds
	for i, t := range order {
		now += 1 + v.rnd.Int63n(3000)
		f := gen.frame(t.tree, int64(1000+i), now)
		c.Frames = append(c.Frames, f)
		c.Templates = append(c.Templates, t.name)
	}
	return c, nil
}

type kookGen struct {
	*values
	verifyToken string // one bot, one webhook token
}

// kookFrame is what is decided for one frame before its values are rewritten,
// so that values that must agree do (the author in d and in extra, the URL in
// content and in attachments, the mentions in content and in mention).
type kookFrame struct {
	*kookGen
	sn, now    int64
	msgType    int
	author     person
	mentions   []person
	roleIDs    []any
	content    string // for text and KMarkdown messages, and the bodies that carry content
	plain      string // content without markup: raw_content
	mediaURL   string
	mediaName  string
	guildID    string
	channelID  string
	nonce      string
	escaping   escaping
	cardSource any // the card JSON inside a card message's content
}

// frame is one frame built from the template tree.
func (g *kookGen) frame(tree any, sn, now int64) []byte {
	f := &kookFrame{kookGen: g, sn: sn, now: now, author: g.user(),
		guildID: g.digits(16), channelID: g.digits(16)}
	f.msgType, _ = strconv.Atoi(fmt.Sprint(lookup(tree, "d", "type")))
	if g.chance(0.2) {
		f.escaping = escapeASCII
	}
	if g.chance(0.2) {
		f.nonce = g.alnum(16)
	}
	for range g.mentionCount() {
		f.mentions = append(f.mentions, g.user())
	}
	if g.chance(0.15) {
		f.roleIDs = append(f.roleIDs, g.roleID())
	}
	f.content, f.plain = g.text(g.pieceCount(), f.msgType == 9, f.mentions)
	if name, ok := lookup(tree, "d", "extra", "attachments", "name").(string); ok {
		ext := path.Ext(name)
		f.mediaURL = g.assetURL("attachments", ext)
		f.mediaName = g.name() + ext
	}
	if card, ok := lookup(tree, "d", "content").(string); ok && f.msgType == 10 {
		if src, err := parseTree([]byte(card)); err == nil {
			f.cardSource = src
		}
	}
	out := rewrite("", "", tree, f.value)
	return appendTree(nil, out, f.escaping)
}

// mentionCount is 0 to 3, mostly 0.
func (g *kookGen) mentionCount() int {
	switch r := g.rnd.Float64(); {
	case r < 0.6:
		return 0
	case r < 0.85:
		return 1
	case r < 0.95:
		return 2
	}
	return 3
}

// value is the rewriteFunc of a KOOK frame: the new value of member key of the
// object at in, by key, and by in where a key means different things.
func (f *kookFrame) value(in, key string, v any) (any, bool) {
	_, isNumber := v.(number)
	switch key {
	case "sn":
		return number(strconv.FormatInt(f.sn, 10)), true
	case "msg_timestamp":
		return number(strconv.FormatInt(f.now, 10)), true
	case "updated_at", "deleted_at", "joined_at", "exited_at", "event_time":
		return f.before(2000), true
	case "msg_id":
		return f.uuid(), true
	case "nonce":
		return f.nonce, true
	case "verify_token":
		return f.verifyToken, true
	case "content":
		return f.contentValue(in, v), true
	case "raw_content":
		if f.msgType == 9 {
			return f.plain, true
		}
	case "mention":
		ids := array{}
		for _, m := range f.mentions {
			ids = append(ids, m.id)
		}
		return ids, true
	case "mention_part":
		if f.msgType == 9 {
			parts := array{}
			for _, m := range f.mentions {
				parts = append(parts, object{{"id", m.id}, {"username", m.username},
					{"full_name", m.username + "#" + m.identifyNum}, {"avatar", m.avatar}})
			}
			return parts, true
		}
	case "mention_roles":
		return append(array{}, f.roleIDs...), true
	case "mention_all", "mention_here":
		return literal(strconv.FormatBool(f.chance(0.1))), true
	case "author_id":
		if in == "d" && v == "1" { // the system
			return v, true
		}
		if in == "d" {
			return f.author.id, true
		}
		return f.user().id, true
	case "target_id":
		if v == "" {
			return v, true
		}
		return f.digits(16), true
	case "guild_id":
		return f.guildID, true
	case "channel_id":
		return f.channelID, true
	case "user_id", "operator_id":
		if _, ok := v.(array); ok { // block lists: several users
			ids := array{}
			for range 1 + f.rnd.Intn(3) {
				ids = append(ids, f.user().id)
			}
			return ids, true
		}
		return f.user().id, true
	case "guilds":
		ids := array{f.guildID}
		for range f.rnd.Intn(3) {
			ids = append(ids, f.digits(16))
		}
		return ids, true
	case "parent_id", "default_channel_id", "welcome_channel_id":
		if v == "0" {
			return v, true
		}
		return f.digits(16), true
	case "chat_code":
		return f.hex(32), true
	case "state", "value":
		return f.alnum(4 + f.rnd.Intn(12)), true
	case "id":
		return f.idValue(in), true
	case "name":
		if in == "attachments" {
			return f.mediaName, true
		}
		return f.name(), true // a channel, role or guild
	case "author", "user", "user_info":
		p := f.user()
		if key == "author" {
			p = f.author
		}
		return f.userObject(v.(object), p), true
	case "emoji":
		if _, ok := v.(object); !ok { // a message's emoji list, not a reaction's emoji
			return nil, false
		}
		e := "[#" + f.pick(emojiPoints) + ";]"
		return object{{"id", e}, {"name", e}}, true
	case "color": // a role's
		if isNumber {
			return f.intIn(0, 0xFFFFFF), true
		}
	case "topic", "remark":
		t, _ := f.text(1+f.rnd.Intn(5), false, nil)
		return t, true
	case "region":
		return f.pick([]string{"shanghai", "beijing", "hongkong", "chengdu", "guangzhou"}), true
	case "url":
		return f.mediaURL, true
	case "size":
		return f.intIn(1024, 50<<20), true
	case "duration":
		if n, ok := v.(number); ok && !strings.ContainsAny(string(n), ".eE") { // a video embed's seconds
			return f.intIn(1, 600), true
		}
		return f.float(1, 600, 3), true
	case "width", "height":
		return f.intIn(120, 2160), true
	case "role_id":
		if v == number("0") { // @everyone in permission overwrites
			return v, true
		}
		return f.roleID(), true
	case "allow", "deny", "permissions":
		if v == number("0") && f.chance(0.5) {
			return v, true
		}
		return f.intIn(0, 1<<31), true
	case "position":
		return f.intIn(1, 40), true
	case "open_id":
		if v == number("0") {
			return v, true
		}
		return f.intIn(1000000, 9999999999), true
	case "level":
		if isNumber {
			return f.intIn(1, 100), true
		}
	}
	return nil, false
}

// before is a timestamp up to ms milliseconds before the frame's.
func (f *kookFrame) before(ms int64) number {
	return number(strconv.FormatInt(f.now-f.rnd.Int63n(ms), 10))
}

// userObject is a user object (an author, a permission user, a button
// clicker) rewritten to describe p, keeping the members it has.
func (f *kookFrame) userObject(o object, p person) object {
	out := make(object, len(o))
	for i, m := range o {
		v := m.val
		switch m.key {
		case "id":
			v = p.id
		case "username":
			v = p.username
		case "nickname":
			v = p.nickname
		case "identify_num":
			v = p.identifyNum
		case "avatar":
			v = p.avatar
		case "roles":
			v = append(array{}, p.roles...)
		case "online", "mobile_verified":
			v = literal(strconv.FormatBool(f.chance(0.5)))
		case "joined_at":
			v = f.before(3 * 365 * 24 * 3600 * 1000)
		case "active_time":
			v = f.before(24 * 3600 * 1000)
		case "tag_info":
			v = object{{"color", "#" + f.hex(6)}, {"text", f.pick(tags)}}
		}
		out[i] = member{m.key, v}
	}
	return out
}

func (f *kookFrame) idValue(in string) any {
	if in == "body" { // a channel, guild or deleted channel
		return f.digits(14)
	}
	return f.digits(10)
}

func (f *kookFrame) contentValue(in string, v any) any {
	if _, ok := v.(string); !ok { // an item message's content object
		return v
	}
	if in == "body" { // updated_message, updated_private_message
		return f.content
	}
	switch {
	case f.msgType == kookSystemType:
		return v // "[系统消息]", or what a button click carries
	case f.mediaURL != "":
		return f.mediaURL
	case f.cardSource != nil:
		return f.cardJSON()
	}
	return f.content
}

// cardJSON is the card of a card message with new text: the card is itself
// JSON, so its text is escaped twice in the frame.
func (f *kookFrame) cardJSON() string {
	card := rewrite("", "", f.cardSource, func(in, key string, v any) (any, bool) {
		if key == "content" {
			t, _ := f.text(f.pieceCount(), false, nil)
			return t, true
		}
		return nil, false
	})
	return string(appendTree(nil, card, f.escaping))
}
