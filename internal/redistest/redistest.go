// Package redistest starts private redis-server processes for tests: on a
// free loopback port, without persistence unless asked, stopped when the
// test ends.
package redistest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Server is a redis-server process of a test.
type Server struct {
	Addr string // 127.0.0.1:port
	tb   testing.TB
	args []string
	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd exited
}

// Start starts a redis-server on a free 127.0.0.1 port without persistence
// (--save "" --appendonly no), with extra (later arguments win). Without a
// redis-server binary the test is skipped, or fails when $CI is "true" (CI
// installs it: see .ci/run). The server is killed when the test ends.
func Start(tb testing.TB, extra ...string) *Server {
	tb.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		msg := "redis-server is not installed (apt-get install redis-server; .ci/run installs it): " + err.Error()
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	s := &Server{tb: tb}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var port int
		port, err = freePort()
		if err != nil {
			continue
		}
		s.Addr = "127.0.0.1:" + strconv.Itoa(port)
		s.args = append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"}, extra...)
		if err = s.start(); err == nil {
			break
		}
	}
	if err != nil {
		tb.Fatalf("starting redis-server: %v", err)
	}
	tb.Cleanup(s.Kill)
	return s
}

// URL is the server's redis:// URL.
func (s *Server) URL() string { return "redis://" + s.Addr }

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// start runs redis-server with s.args and waits until it answers PING.
func (s *Server) start() error {
	cmd := exec.Command("redis-server", s.args...)
	log := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if ping(s.Addr) == nil {
			break
		}
		select {
		case <-exited:
			return fmt.Errorf("redis-server exited: %s", log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-exited
			return fmt.Errorf("redis-server on %s does not answer PING after 10 s", s.Addr)
		}
	}
	s.mu.Lock()
	s.cmd, s.done = cmd, exited
	s.mu.Unlock()
	return nil
}

// ping sends PING and expects +PONG.
func ping(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "+PONG\r\n" {
		return fmt.Errorf("PING answered %q", line)
	}
	return nil
}

// Kill stops the server with SIGKILL (what it held in memory is lost unless
// persistence was asked for) and waits for it to exit.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	<-done
}

// Restart starts the server again on the same port, with the same arguments.
func (s *Server) Restart() {
	s.tb.Helper()
	var err error
	for attempt := 0; attempt < 50; attempt++ { // the port may take a moment to be free
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.tb.Fatalf("restarting redis-server: %v", err)
}
