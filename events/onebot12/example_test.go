package onebot12_test

import (
	"fmt"

	"github.com/eventbind/eventbind/events/onebot12"
)

func ExampleDecode() {
	for _, data := range []string{
		`{"id":"1","self":{"platform":"qq","user_id":"2"},"time":1632847927.5,"type":"message","detail_type":"group","sub_type":"","message_id":"m","message":[{"type":"text","data":{"text":"hi "}},{"type":"qq.face","data":{"id":14}}],"alt_message":"hi","group_id":"g","user_id":"u"}`,
		`{"id":"2","self":{"platform":"qq","user_id":"2"},"time":1632847927,"type":"notice","detail_type":"channel_create","sub_type":"","guild_id":"g","channel_id":"c","operator_id":"o","qq.nickname":"n"}`,
		`{"id":"3","self":{"platform":"qq","user_id":"2"},"time":1632847927,"type":"notice","detail_type":"qq.poke","sub_type":""}`,
		`{"id":"4","self":{"platform":"qq","user_id":2},"time":1632847927,"type":"notice","detail_type":"qq.poke","sub_type":""}`,
	} {
		ev, err := onebot12.Decode([]byte(data))
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		switch ev := ev.(type) {
		case *onebot12.MessageGroup:
			for _, seg := range ev.Message {
				switch seg := seg.(type) {
				case *onebot12.TextSegment:
					fmt.Print(seg.Data.Text)
				case *onebot12.UnknownSegment:
					fmt.Print(string(seg.Raw))
				}
			}
			fmt.Println()
		case *onebot12.NoticeChannelCreate:
			nick, _ := ev.Extensions.Get("qq.nickname")
			fmt.Println(ev.GuildID, ev.ChannelID, string(nick))
		case *onebot12.UnknownEvent:
			fmt.Println(ev.EventName(), ev.DetailType)
		}
	}
	// Output:
	// hi {"type":"qq.face","data":{"id":14}}
	// g c "n"
	// notice.qq.poke qq.poke
	// error: self.user_id: want string, got number
}
