package bench

import (
	"math/rand"
	"strconv"
	"strings"
	"unicode/utf8"
)

// values draws the varied values of a corpus from one seeded source, so that a
// corpus is the same for the same seed.
type values struct {
	rnd   *rand.Rand
	users []person // who writes, is mentioned and clicks: drawn from a pool so they recur
}

type person struct {
	id, username, nickname, identifyNum, avatar string
	roles                                       []any // role ids, as numbers
}

func newValues(seed int64) *values {
	v := &values{rnd: rand.New(rand.NewSource(seed))}
	for range 64 {
		v.users = append(v.users, v.newPerson())
	}
	return v
}

func (v *values) newPerson() person {
	p := person{
		id:          v.digits(10),
		username:    v.name(),
		nickname:    v.name(),
		identifyNum: v.digits(4),
		avatar:      v.assetURL("avatars", ".jpg") + "/icon",
	}
	for range v.rnd.Intn(4) {
		p.roles = append(p.roles, v.roleID())
	}
	return p
}

func (v *values) user() person { return v.users[v.rnd.Intn(len(v.users))] }

// chance is true with probability p.
func (v *values) chance(p float64) bool { return v.rnd.Float64() < p }

func (v *values) pick(list []string) string { return list[v.rnd.Intn(len(list))] }

// digits is a decimal ID of n digits, as KOOK and QQ write user, channel and guild IDs.
func (v *values) digits(n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + v.rnd.Intn(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + v.rnd.Intn(10))
	}
	return string(b)
}

func (v *values) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[v.rnd.Intn(16)]
	}
	return string(b)
}

// uuid is a random version-4-looking UUID, as KOOK writes msg_id.
func (v *values) uuid() string {
	h := v.hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + h[16:20] + "-" + h[20:]
}

func (v *values) alnum(n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[v.rnd.Intn(len(chars))]
	}
	return string(b)
}

func (v *values) roleID() number { return number(strconv.Itoa(100 + v.rnd.Intn(99900))) }

func (v *values) intIn(lo, hi int64) number {
	return number(strconv.FormatInt(lo+v.rnd.Int63n(hi-lo), 10))
}

// float is a number with up to `decimals` decimals, spelt as Go re-encodes it
// (shortest form), so that re-encoding gives back the same spelling.
func (v *values) float(lo, hi float64, decimals int) number {
	s := strconv.FormatFloat(lo+v.rnd.Float64()*(hi-lo), 'f', decimals, 64)
	f, _ := strconv.ParseFloat(s, 64)
	return number(strconv.FormatFloat(f, 'f', -1, 64))
}

func (v *values) assetURL(kind, ext string) string {
	return "https://img.kookapp.cn/" + kind + "/2024-0" + strconv.Itoa(1+v.rnd.Intn(9)) + "/" +
		strconv.Itoa(10+v.rnd.Intn(18)) + "/" + v.alnum(16) + ext
}

var (
	englishWords = strings.Fields(`hello everyone anyone up for a game tonight the raid starts at 9pm
		lol gg nice see you in voice channel patch notes are out check this ok thanks bro brb
		who wants to join ranked queue server maintenance new event stream starting now
		can someone help me with the bot settings please I think it's broken again`)
	chinesePhrases = strings.Fields(`大家好 今晚 开黑 有人吗 一起打游戏 语音频道 这个版本 太强了 哈哈哈 笑死
		我先下了 明天见 谢谢 收到 好的 等我五分钟 排位 上分 新活动 公告 服务器维护 表情包
		机器人 帮忙看一下 设置 又坏了 来了来了 冲冲冲 辛苦了 晚安`)
	emojis      = []string{"😀", "😂", "👍", "🎮", "🔥", "❤️", "✨", "🙏", "😭", "🤔", "🎉", "👀"}
	emojiPoints = []string{"128512", "128514", "128077", "127918", "128293", "10084", "10024", "128591", "128557", "129300", "127881", "128064", "128226"}
	// awkward are pieces that need escapes in JSON: quotes, backslashes, newlines, slashes.
	awkward = []string{`"quoted"`, `C:\Games\kook`, "\n", "line one\nline two", "https://www.kookapp.cn/app/invite/" + "AbCd12", "a/b", "tab\there", `say "hi" \o/`}
	// markup is KMarkdown with its plain rendering, as raw_content carries it.
	markup = [][2]string{{"**重要**", "重要"}, {"*italic*", "italic"}, {"~~划掉~~", "划掉"}, {"`code`", "code"}, {"(spl)剧透(spl)", "剧透"}, {"> 引用", "引用"}}
	names  = []string{"river-song", "tz-un", "NightOwl", "花荣", "小河", "阿狸", "Kiwi", "开黑啦玩家", "Mochi", "老王", "xX_sniper_Xx", "月光"}
	tags   = []string{"开黑啦", "VIP", "管理员", "Bot", "主播"}
)

// name is a user, channel or role name: English or Chinese, sometimes with a
// number or an emoji.
func (v *values) name() string {
	n := v.pick(names)
	switch v.rnd.Intn(4) {
	case 0:
		n += strconv.Itoa(v.rnd.Intn(1000))
	case 1:
		n += " " + v.pick(emojis)
	}
	return n
}

// text is chat text: English words, Chinese phrases, emoji, and pieces that
// need escaping. With kmarkdown it adds markup and returns in plain the text
// without it (what raw_content holds). Each mentioned person is written
// (met)id(met) in text and @username in plain.
func (v *values) text(pieces int, kmarkdown bool, mentions []person) (text, plain string) {
	var t, p strings.Builder
	add := func(s, plainS string) {
		if t.Len() > 0 && !(endsCJK(t.String()) && startsCJK(s)) {
			t.WriteByte(' ')
			p.WriteByte(' ')
		}
		t.WriteString(s)
		p.WriteString(plainS)
	}
	for _, m := range mentions {
		add("(met)"+m.id+"(met)", "@"+m.username)
	}
	for range pieces {
		switch r := v.rnd.Intn(100); {
		case r < 40:
			w := v.pick(englishWords)
			add(w, w)
		case r < 75:
			w := v.pick(chinesePhrases)
			add(w, w)
		case r < 87:
			e := v.pick(emojis)
			add(e, e)
		case r < 95 || !kmarkdown:
			a := v.pick(awkward)
			add(a, a)
		default:
			m := markup[v.rnd.Intn(len(markup))]
			add(m[0], m[1])
		}
	}
	return t.String(), p.String()
}

// pieceCount is the length of a chat message in pieces (a word, a phrase, an
// emoji): mostly short replies, some paragraphs.
func (v *values) pieceCount() int {
	switch r := v.rnd.Float64(); {
	case r < 0.65:
		return 1 + v.rnd.Intn(4)
	case r < 0.95:
		return 4 + v.rnd.Intn(9)
	default:
		return 12 + v.rnd.Intn(29)
	}
}

func startsCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x3000
}

func endsCJK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= 0x3000
}
