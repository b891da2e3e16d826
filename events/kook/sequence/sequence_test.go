package sequence

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// step is one Push and what it must give.
type step struct {
	sn      int64
	status  Status
	ready   []int64 // the frames released, by sn (frames are their own sn here)
	skipped []Gap
}

func TestPush(t *testing.T) {
	tests := []struct {
		name  string
		opt   Options
		reset *int64 // Reset(*reset) before the steps
		steps []step
		last  int64 // Last() after the steps
	}{
		{
			name:  "in order from 1",
			reset: ptr(0),
			steps: []step{{1, InOrder, []int64{1}, nil}, {2, InOrder, []int64{2}, nil}, {3, InOrder, []int64{3}, nil}},
			last:  3,
		},
		{
			name:  "duplicates of delivered frames",
			reset: ptr(0),
			steps: []step{{1, InOrder, []int64{1}, nil}, {2, InOrder, []int64{2}, nil}, {1, Duplicate, nil, nil}, {2, Duplicate, nil, nil}, {3, InOrder, []int64{3}, nil}},
			last:  3,
		},
		{
			name:  "gap filled: buffered frames follow in order",
			reset: ptr(0),
			steps: []step{
				{1, InOrder, []int64{1}, nil},
				{3, Buffered, nil, nil},
				{5, Buffered, nil, nil},
				{4, Buffered, nil, nil},
				{4, Duplicate, nil, nil}, // already buffered
				{2, InOrder, []int64{2, 3, 4, 5}, nil},
				{3, Duplicate, nil, nil},
			},
			last: 5,
		},
		{
			name:  "first frame missing in a new session",
			reset: ptr(0),
			steps: []step{{2, Buffered, nil, nil}, {1, InOrder, []int64{1, 2}, nil}},
			last:  2,
		},
		{
			name:  "unanchored: the first frame starts the sequence",
			steps: []step{{100, InOrder, []int64{100}, nil}, {99, Duplicate, nil, nil}, {102, Buffered, nil, nil}, {101, InOrder, []int64{101, 102}, nil}},
			last:  102,
		},
		{
			name:  "resumed after sn 41",
			reset: ptr(41),
			steps: []step{{41, Duplicate, nil, nil}, {42, InOrder, []int64{42}, nil}},
			last:  42,
		},
		{
			name:  "buffer full: the gap is given up",
			opt:   Options{MaxBuffered: 2},
			reset: ptr(0),
			steps: []step{
				{1, InOrder, []int64{1}, nil},
				{4, Buffered, nil, nil},
				{5, Buffered, nil, nil},
				{7, Buffered, []int64{4, 5}, []Gap{{2, 3}}}, // third early frame: 2 and 3 are given up
				{3, Late, nil, nil},                         // never delivered: late, not duplicate
				{3, Duplicate, nil, nil},                    // a second copy is a duplicate
				{6, InOrder, []int64{6, 7}, nil},
			},
			last: 7,
		},
		{
			name:  "invalid numbers",
			reset: ptr(0),
			steps: []step{{0, Invalid, nil, nil}, {-3, Invalid, nil, nil}, {1, InOrder, []int64{1}, nil}},
			last:  1,
		},
		{
			name:  "webhook: wraps from 65535 to 1",
			opt:   Options{Max: WebhookMax},
			reset: ptr(65533),
			steps: []step{
				{65534, InOrder, []int64{65534}, nil},
				{65535, InOrder, []int64{65535}, nil},
				{1, InOrder, []int64{1}, nil},
				{2, InOrder, []int64{2}, nil},
				{65535, Duplicate, nil, nil}, // a retry from before the wrap
				{65000, Duplicate, nil, nil},
			},
			last: 2,
		},
		{
			name:  "webhook: gap across the wrap",
			opt:   Options{Max: WebhookMax},
			reset: ptr(65534),
			steps: []step{
				{1, Buffered, nil, nil}, // 65535 missing
				{2, Buffered, nil, nil},
				{65535, InOrder, []int64{65535, 1, 2}, nil},
			},
			last: 2,
		},
		{
			name:  "webhook: out of range",
			opt:   Options{Max: WebhookMax},
			reset: ptr(0),
			steps: []step{{65536, Invalid, nil, nil}, {0, Invalid, nil, nil}, {1, InOrder, []int64{1}, nil}},
			last:  1,
		},
		{
			name:  "webhook: Reset(0) expects 1, Reset(65535) too",
			opt:   Options{Max: WebhookMax},
			reset: ptr(65535),
			steps: []step{{1, InOrder, []int64{1}, nil}},
			last:  1,
		},
		{
			name:  "webhook: half the range ahead is ahead, more is behind",
			opt:   Options{Max: WebhookMax},
			reset: ptr(10),
			steps: []step{
				{11 + 32767, Buffered, nil, nil},
				{11 + 32768, Duplicate, nil, nil},
			},
			last: 10,
		},
		{
			name:  "webhook: skipped gap across the wrap",
			opt:   Options{Max: WebhookMax, MaxBuffered: 1},
			reset: ptr(65533),
			steps: []step{
				{2, Buffered, nil, nil},
				{3, Buffered, []int64{2, 3}, []Gap{{65534, 1}}},
				{65535, Late, nil, nil},
				{1, Late, nil, nil},
				{4, InOrder, []int64{4}, nil},
			},
			last: 4,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := New[int64](tc.opt)
			if tc.reset != nil {
				tr.Reset(*tc.reset)
			}
			for i, s := range tc.steps {
				res := tr.Push(s.sn, s.sn)
				if res.Status != s.status || !sameInts(res.Ready, s.ready) || !reflect.DeepEqual(res.Skipped, s.skipped) {
					t.Errorf("step %d: Push(%d) = %v %v skipped %v, want %v %v skipped %v", i, s.sn, res.Status, res.Ready, res.Skipped, s.status, s.ready, s.skipped)
				}
			}
			if last, ok := tr.Last(); !ok || last != tc.last {
				t.Errorf("Last() = %d, %v; want %d", last, ok, tc.last)
			}
		})
	}
}

func TestSkip(t *testing.T) {
	tr := New[int64](Options{})
	if res := tr.Skip(); len(res.Ready) != 0 || len(res.Skipped) != 0 {
		t.Errorf("Skip with nothing buffered = %+v", res)
	}
	if _, ok := tr.Last(); ok {
		t.Errorf("Last() ok before anything was pushed")
	}
	tr.Reset(0)
	for _, sn := range []int64{1, 3, 4, 7, 8} {
		tr.Push(sn, sn)
	}
	if n := tr.Buffered(); n != 4 {
		t.Errorf("Buffered() = %d, want 4", n)
	}
	res := tr.Skip()
	if !sameInts(res.Ready, []int64{3, 4}) || !reflect.DeepEqual(res.Skipped, []Gap{{2, 2}}) {
		t.Errorf("first Skip = %+v, want 3 4 after giving up 2", res)
	}
	res = tr.Skip()
	if !sameInts(res.Ready, []int64{7, 8}) || !reflect.DeepEqual(res.Skipped, []Gap{{5, 6}}) {
		t.Errorf("second Skip = %+v, want 7 8 after giving up 5-6", res)
	}
	if last, _ := tr.Last(); last != 8 {
		t.Errorf("Last() = %d, want 8", last)
	}
	if res := tr.Push(6, 6); res.Status != Late {
		t.Errorf("Push(6) after its gap was skipped = %v, want late", res.Status)
	}
}

func TestSkipOlder(t *testing.T) {
	now := time.Unix(1000, 0)
	tr := New[int64](Options{Now: func() time.Time { return now }})
	tr.Reset(0)
	tr.Push(1, 1)
	tr.Push(3, 3) // gap opens at t=1000
	now = now.Add(time.Second)
	if res := tr.SkipOlder(2 * time.Second); len(res.Ready) != 0 {
		t.Errorf("SkipOlder after 1s of 2s released %v", res.Ready)
	}
	now = now.Add(time.Second)
	tr.Push(5, 5) // the gap is still the one opened at t=1000
	res := tr.SkipOlder(2 * time.Second)
	if !sameInts(res.Ready, []int64{3}) || !reflect.DeepEqual(res.Skipped, []Gap{{2, 2}}) {
		t.Errorf("SkipOlder after 2s = %+v, want 3 after giving up 2", res)
	}
	// 5 now waits for 4 from t=1002 on.
	if res := tr.SkipOlder(2 * time.Second); len(res.Ready) != 0 {
		t.Errorf("SkipOlder right after = %v, want nothing", res.Ready)
	}
	now = now.Add(2 * time.Second)
	if res := tr.SkipOlder(2 * time.Second); !sameInts(res.Ready, []int64{5}) {
		t.Errorf("SkipOlder 2s later = %v, want 5", res.Ready)
	}
}

func TestResetDropsBuffer(t *testing.T) {
	tr := New[int64](Options{})
	tr.Reset(0)
	tr.Push(1, 1)
	tr.Push(5, 5)
	tr.Reset(0) // RECONNECT: a new session numbered from 1
	if n := tr.Buffered(); n != 0 {
		t.Errorf("Buffered() after Reset = %d", n)
	}
	if res := tr.Push(1, 1); res.Status != InOrder {
		t.Errorf("Push(1) after Reset = %v, want in order", res.Status)
	}
}

// TestWrapManyTimes runs the webhook numbering round three times, with every
// pair of neighbours swapped and every frame sent twice: each frame comes out
// exactly once and in order.
func TestWrapManyTimes(t *testing.T) {
	tr := New[int64](Options{Max: WebhookMax})
	tr.Reset(0)
	var out []int64
	var sns []int64
	for i := int64(0); i < 3*WebhookMax; i++ {
		sns = append(sns, i%WebhookMax+1)
	}
	for i := 0; i+1 < len(sns); i += 2 {
		sns[i], sns[i+1] = sns[i+1], sns[i]
	}
	for _, sn := range sns {
		for range 2 {
			res := tr.Push(sn, sn)
			if res.Status == Invalid || res.Status == Late || len(res.Skipped) > 0 {
				t.Fatalf("Push(%d) = %+v", sn, res)
			}
			out = append(out, res.Ready...)
		}
	}
	if len(out) != len(sns) {
		t.Fatalf("%d frames out, want %d", len(out), len(sns))
	}
	for i, sn := range out {
		if want := int64(i)%WebhookMax + 1; sn != want {
			t.Fatalf("frame %d is sn %d, want %d", i, sn, want)
		}
	}
}

// TestConcurrentPush: frames pushed from several goroutines all come out once.
func TestConcurrentPush(t *testing.T) {
	tr := New[int64](Options{MaxBuffered: 1 << 20})
	tr.Reset(0)
	const n, workers = 4000, 4
	var (
		mu  sync.Mutex
		got = map[int64]int{}
		wg  sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for sn := int64(n - w); sn >= 1; sn -= workers {
				res := tr.Push(sn, sn)
				mu.Lock()
				for _, f := range res.Ready {
					got[f]++
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	if len(got) != n {
		t.Fatalf("%d distinct frames out, want %d", len(got), n)
	}
	for sn, c := range got {
		if c != 1 {
			t.Fatalf("frame %d out %d times", sn, c)
		}
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{InOrder: "in order", Buffered: "buffered", Duplicate: "duplicate", Late: "late", Invalid: "invalid", 0: "Status(0)"} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", s, got, want)
		}
	}
}

func ExampleTracker() {
	tr := New[string](Options{})
	tr.Reset(0) // a new websocket session
	for _, f := range []struct {
		sn   int64
		text string
	}{{1, "a"}, {3, "c"}, {2, "b"}, {2, "b again"}} {
		res := tr.Push(f.sn, f.text)
		fmt.Println(f.sn, res.Status, res.Ready)
	}
	last, _ := tr.Last()
	fmt.Println("ping with sn", last)
	// Output:
	// 1 in order [a]
	// 3 buffered []
	// 2 in order [b c]
	// 2 duplicate []
	// ping with sn 3
}

func ptr(v int64) *int64 { return &v }

func sameInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
