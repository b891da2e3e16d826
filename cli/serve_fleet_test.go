package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eventbind/eventbind/internal/redistest"
)

// replica is an `eventbind serve --redis` process (this test binary as main).
type replica struct {
	url    string
	cmd    *exec.Cmd
	stdout io.ReadCloser
	mu     sync.Mutex
	lines  []string // stdout, when read
	errs   []string // stderr
	done   chan struct{}
	// drained is closed once stdout was read to its end: cmd.Wait closes
	// the pipe, so it waits for that.
	drained   chan struct{}
	drainOnce sync.Once
}

// startReplica starts a replica; with readStdout false nobody reads its
// stdout, so that printing blocks once the pipe is full.
func startReplica(t *testing.T, redisURL string, readStdout bool, extra ...string) *replica {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--claim-lease", "1s"}, extra...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "EVENTBIND_TEST_RUN_MAIN=1", "KOOK_VERIFY_TOKEN="+serveToken, "KOOK_ENCRYPT_KEY=", "EVENTBIND_REDIS="+redisURL)
	r := &replica{cmd: cmd, done: make(chan struct{}), drained: make(chan struct{})}
	var err error
	if r.stdout, err = cmd.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		if !readStdout {
			r.readStdout() // to its end, now that the writer is dead
		}
		<-r.done
	})
	addr := make(chan string, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			l := sc.Text()
			if a, ok := strings.CutPrefix(l, "eventbind serve: listening on "); ok {
				addr <- a
			}
			r.mu.Lock()
			r.errs = append(r.errs, l)
			r.mu.Unlock()
		}
	}()
	if readStdout {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.readStdout()
		}()
	}
	go func() { wg.Wait(); <-r.drained; cmd.Wait(); close(r.done) }()
	select {
	case r.url = <-addr:
	case <-time.After(30 * time.Second):
		t.Fatalf("replica did not start: %q", r.stderr())
	}
	return r
}

func (r *replica) readStdout() {
	sc := bufio.NewScanner(r.stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		r.mu.Lock()
		r.lines = append(r.lines, sc.Text())
		r.mu.Unlock()
	}
	r.drainOnce.Do(func() { close(r.drained) })
}

func (r *replica) stderr() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// printed counts the sns this replica printed.
func (r *replica) printed(t *testing.T) map[int]int {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[int]int{}
	for _, l := range r.lines {
		var line struct {
			Value struct {
				SN int `json:"sn"`
			} `json:"value"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Errorf("stdout line %q: %v", clip(l), err)
			continue
		}
		out[line.Value.SN]++
	}
	return out
}

// fleetFrame is a joined_guild event with sn and its own msg_id, its content
// padded to pad bytes.
func fleetFrame(sn, pad int) []byte {
	return []byte(fmt.Sprintf(`{"s":0,"d":{"channel_type":"GROUP","type":255,"target_id":"g","author_id":"1","content":"%s","msg_id":"fleet-%d","msg_timestamp":1,"nonce":"","verify_token":"%s","extra":{"type":"joined_guild","body":{"user_id":"7","joined_at":1}}},"sn":%d}`, strings.Repeat("x", pad), sn, serveToken, sn))
}

var fleetClient = &http.Client{Timeout: 5 * time.Second}

// tryPost posts once: the status, or 0 when the request failed.
func tryPost(url string, body []byte) int {
	resp, err := fleetClient.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// fleetStats counts the answers of a stream.
type fleetStats struct {
	ok, unavailable, other atomic.Int64
}

// sendUntilOK posts body to url as KOOK does: again after a 503 (here after
// 20 ms rather than 2 s), until 200 or the deadline.
func sendUntilOK(t *testing.T, st *fleetStats, url string, body []byte, deadline time.Time) bool {
	for {
		switch status := tryPost(url, body); status {
		case 200:
			st.ok.Add(1)
			return true
		case 503:
			st.unavailable.Add(1)
		default:
			st.other.Add(1)
			t.Errorf("%s: status %d", url, status)
			return false
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: no 200 before the deadline", url)
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stream sends the events sns: each to a random replica, at the same time
// (one in three) to another, then once again to every other replica, as
// KOOK's retries landing anywhere; 8 events at a time.
func stream(t *testing.T, st *fleetStats, rs []*replica, sns []int, rng *rand.Rand) {
	t.Helper()
	type job struct{ sn, first, second int }
	jobs := make(chan job)
	var wg sync.WaitGroup
	deadline := time.Now().Add(60 * time.Second)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				body := fleetFrame(j.sn, 0)
				var inner sync.WaitGroup
				for _, r := range []int{j.first, j.second} {
					if r < 0 {
						continue
					}
					inner.Add(1)
					go func(r int) {
						defer inner.Done()
						sendUntilOK(t, st, rs[r].url, body, deadline)
					}(r)
				}
				inner.Wait()
				for r := range rs {
					if r != j.first {
						sendUntilOK(t, st, rs[r].url, body, deadline)
					}
				}
			}
		}()
	}
	for _, sn := range sns {
		j := job{sn: sn, first: rng.Intn(len(rs)), second: -1}
		if rng.Intn(3) == 0 {
			j.second = (j.first + 1 + rng.Intn(len(rs)-1)) % len(rs)
		}
		jobs <- j
	}
	close(jobs)
	wg.Wait()
}

// checkOnce waits until the replicas printed every sn of want, then checks
// that each was printed exactly once across rs (plus those in before), and
// nothing else.
func checkOnce(t *testing.T, rs []*replica, want []int, before map[int]int) map[int]int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		total := map[int]int{}
		for sn, n := range before {
			total[sn] += n
		}
		for _, r := range rs {
			for sn, n := range r.printed(t) {
				total[sn] += n
			}
		}
		missing := 0
		for _, sn := range want {
			if total[sn] == 0 {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			for _, sn := range want {
				if n := total[sn]; n != 1 {
					t.Errorf("sn %d printed %d times across the fleet, want once", sn, n)
				}
			}
			return total
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func seq(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

// TestServeFleet runs three `eventbind serve --redis` processes on one
// private Redis, and a fourth whose stdout nobody reads:
//
//  1. a stream of events, each sent to a random replica (one in three at
//     the same time to another) and then retried on every other: each is
//     printed exactly once across the fleet;
//  2. the fourth replica is killed (SIGKILL) while it delivers an event (its
//     stdout pipe is full): a retry on another replica gets 503 while the
//     dead replica's claim lasts (--claim-lease 1s), then is delivered, once;
//     the events the dead replica printed before are not printed again;
//  3. Redis is killed and started again (empty) during a stream: no replica
//     stops, every request is answered (the default policy, deliver), and
//     afterwards the fleet de-duplicates in Redis again.
func TestServeFleet(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and pipes as on Unix")
	}
	srv := redistest.Start(t)
	rs := []*replica{startReplica(t, srv.URL(), true), startReplica(t, srv.URL(), true), startReplica(t, srv.URL(), true)}
	victim := startReplica(t, srv.URL(), false)
	rng := rand.New(rand.NewSource(18))
	var st fleetStats

	// 1. The stream.
	start := time.Now()
	sns := seq(1, 300)
	stream(t, &st, rs, sns, rng)
	checkOnce(t, rs, sns, nil)
	t.Logf("stream: %d events in %v, %d requests answered 200, %d answered 503 (in flight elsewhere) and retried",
		len(sns), time.Since(start).Round(time.Millisecond), st.ok.Load(), st.unavailable.Load())
	for i, r := range rs {
		dups := 0
		for _, l := range r.stderr() {
			if strings.Contains(l, ": acknowledged, not printed again") {
				dups++
			}
		}
		t.Logf("replica %d: printed %d events, acknowledged %d duplicates", i, len(r.printed(t)), dups)
	}

	// 2. A replica killed while it delivers.
	var blocked int
	for sn := 1001; sn < 1200; sn++ {
		// Lines of about 2.4 KiB: the 64 KiB pipe is full after some 27.
		body := fleetFrame(sn, 2000)
		c := &http.Client{Timeout: time.Second}
		resp, err := c.Post(victim.url, "application/json", bytes.NewReader(body))
		if err != nil {
			blocked = sn // its handler is blocked writing to stdout
			break
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("victim, sn %d: status %d", sn, resp.StatusCode)
		}
	}
	if blocked == 0 {
		t.Fatal("the victim's stdout never blocked")
	}
	if err := victim.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	if status := tryPost(rs[0].url, fleetFrame(blocked, 2000)); status != 503 {
		t.Errorf("retry right after the kill: status %d, want 503 (the dead replica's claim lasts up to 1 s)", status)
	}
	if !sendUntilOK(t, &st, rs[1].url, fleetFrame(blocked, 2000), time.Now().Add(10*time.Second)) {
		t.FailNow()
	}
	after := time.Since(killed)
	victim.readStdout() // what it printed before it died: the pipe keeps it
	<-victim.done
	dead := victim.printed(t)
	if len(dead) != blocked-1001 || dead[blocked] != 0 {
		t.Errorf("the victim printed %d events (the blocked one %d times), want %d and 0", len(dead), dead[blocked], blocked-1001)
	}
	for sn := 1001; sn <= blocked; sn++ {
		for _, r := range rs {
			if status := tryPost(r.url, fleetFrame(sn, 2000)); status != 200 {
				t.Errorf("retry of sn %d after the kill: status %d", sn, status)
			}
		}
	}
	checkOnce(t, rs, seq(1001, blocked-1001+1), dead)
	t.Logf("kill: the victim printed %d events, was killed delivering sn %d, which another replica delivered %v later",
		len(dead), blocked, after.Round(time.Millisecond))

	// 3. Redis restarted (empty) during a stream.
	srv.Kill()
	for _, sn := range seq(2001, 30) {
		r := rs[sn%len(rs)]
		for i := 0; i < 2; i++ { // the event and a retry, both to one replica
			if status := tryPost(r.url, fleetFrame(sn, 0)); status != 200 {
				t.Errorf("sn %d while Redis is down: status %d", sn, status)
			}
		}
	}
	srv.Restart()
	time.Sleep(1500 * time.Millisecond) // Redis is asked again after 1 s (redisseen.DefaultRetry)
	restarted := seq(3001, 100)
	stream(t, &st, rs, restarted, rng)
	checkOnce(t, rs, append(seq(2001, 30), restarted...), nil)
	for i, r := range rs {
		errs := strings.Join(r.stderr(), "\n")
		for _, want := range []string{"eventbind serve: redis unavailable (", "eventbind serve: redis is back: "} {
			if !strings.Contains(errs, want) {
				t.Errorf("replica %d: stderr does not contain %q", i, want)
			}
		}
		select {
		case <-r.done:
			t.Errorf("replica %d exited: %s", i, errs)
		default:
		}
	}
	if st.other.Load() != 0 {
		t.Errorf("%d requests answered neither 200 nor 503", st.other.Load())
	}
}
