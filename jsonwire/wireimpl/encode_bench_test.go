package wireimpl

import "testing"

// appendStringSamples are the kinds of string a chat event holds: short ids,
// URLs, English and Chinese text with emoji, and text that needs escapes.
var appendStringSamples = []string{
	"2418200000",
	"1261",
	"message",
	"https://img.kaiheila.cn/assets/2021-01/7kr4FkWpLV0ku0ku.jpeg",
	"Hello everyone, the release is out: see the notes before upgrading!",
	"大家好，今天的活动已经开始了，请在频道里查看详情 🎉",
	"混合 text 和 emoji 😀😀 and more ascii after it",
	"line one\nline \"two\"\t\\ end",
	"(met)1234567(met) 你好",
}

func BenchmarkAppendString(b *testing.B) {
	total := 0
	for _, s := range appendStringSamples {
		total += len(s)
	}
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, s := range appendStringSamples {
			buf = AppendString(buf, s)
		}
	}
}

// The numbers chat events carry: millisecond timestamps (13 digits), small
// counts and role ids, and float timestamps in seconds with microseconds.
var (
	intSamples   = []int64{1607004467396, 1, 42, 17263, 1632847927599, 0, 255, 86400}
	floatSamples = []float64{1632847927.599013, 1632847927.5, 31.032315, 121.447127, 1632847927, 0.25}
)

func BenchmarkAppendInt(b *testing.B) {
	buf := make([]byte, 0, 256)
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, v := range intSamples {
			buf = AppendInt(buf, v)
		}
	}
}

func BenchmarkAppendFloat(b *testing.B) {
	buf := make([]byte, 0, 256)
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for _, v := range floatSamples {
			buf = AppendFloat(buf, v)
		}
	}
}
