package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/eventbind/eventbind/bind"
	"github.com/eventbind/eventbind/events/kook/webhook"
	"github.com/eventbind/eventbind/jsonwire"
	"github.com/eventbind/eventbind/redisseen"
	"github.com/redis/go-redis/v9"
)

// serveCommand runs `eventbind serve` until SIGINT or SIGTERM.
func serveCommand(args []string, stdout, stderr io.Writer) int {
	return untilSignal(func(ctx context.Context) int { return runServe(ctx, args, stdout, stderr, nil) })
}

// untilSignal runs a command with a context that SIGINT or SIGTERM cancels.
// After the first signal the default handling is back: a second one kills at
// once, should shutting down hang.
func untilSignal(run func(ctx context.Context) int) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return run(ctx)
}

// servedLine is one output line of `eventbind serve`: a line of `eventbind
// decode` without "line".
type servedLine struct {
	Platform string          `json:"platform"`
	Event    string          `json:"event"`
	Known    bool            `json:"known"`
	Value    json.RawMessage `json:"value"`
	Problems []string        `json:"problems,omitempty"`
}

// eventPrinter writes each delivered event as one JSON line (serve and
// listen); requests are served concurrently, so lines are written whole
// under a lock.
type eventPrinter struct {
	mu       sync.Mutex
	w        io.Writer
	platform string
}

func (p *eventPrinter) print(_ context.Context, ev bind.Event) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	line := servedLine{Platform: p.platform, Event: ev.EventName(), Known: ev.Known(), Value: ev.AppendJSON(nil), Problems: jsonwire.ProblemStrings(ev.Problems())}
	if err := enc.Encode(line); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err := p.w.Write(buf.Bytes())
	return err // a failed write answers 500: KOOK sends the event again
}

// runServe runs the webhook receiver until ctx is done (SIGINT or SIGTERM),
// then shuts down gracefully. ready, when set, is told the listening address.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(net.Addr)) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	token := fs.String("verify-token", "", "the bot's verify `token` (default $KOOK_VERIFY_TOKEN)")
	key := fs.String("encrypt-key", "", "the bot's encrypt `key`, when encryption is on (default $KOOK_ENCRYPT_KEY)")
	maxBody := fs.Int64("max-body", webhook.DefaultMaxBody, "largest request body, in `bytes`")
	maxInflated := fs.Int64("max-inflated", webhook.DefaultMaxInflated, "largest body once inflated, in `bytes`")
	strict := fs.Bool("strict", false, "refuse (400) an event with a member of a shape the schema does not take, instead of delivering it with its problems")
	redisURL := fs.String("redis", "", "share de-duplication with other replicas in Redis at `URL` (redis://[user:password@]host:port[/db]; default $EVENTBIND_REDIS)")
	redisDown := fs.String("redis-down", "deliver", "while Redis is unreachable: `deliver` with this replica's own de-duplication, or refuse with 503")
	bot := fs.String("bot", "", "the bot's `name` in the Redis keys (default: a digest of the verify token)")
	lease := fs.Duration("claim-lease", redisseen.DefaultLease, "with --redis, how long a replica's claim on an event outlives the replica (it is renewed while delivering)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "eventbind serve: %s\n", msg)
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if *token == "" {
		*token = os.Getenv("KOOK_VERIFY_TOKEN")
	}
	if *key == "" {
		*key = os.Getenv("KOOK_ENCRYPT_KEY")
	}
	if *token == "" {
		return usage("--verify-token (or $KOOK_VERIFY_TOKEN) is required")
	}
	if *maxBody <= 0 || *maxInflated <= 0 {
		return usage("--max-body and --max-inflated must be positive")
	}
	if *redisURL == "" {
		*redisURL = os.Getenv("EVENTBIND_REDIS")
	}
	logger := log.New(stderr, "eventbind serve: ", 0)
	var seen webhook.SeenStore
	if *redisURL != "" {
		store, client, err := redisStore(*redisURL, *redisDown, *bot, *token, *lease, logger)
		if err != nil {
			return usage(err.Error())
		}
		defer client.Close()
		seen = store
	}
	printer := &eventPrinter{w: stdout, platform: "kook"}
	rcv, err := webhook.New(webhook.Config{
		Seen:        seen,
		VerifyToken: *token,
		EncryptKey:  *key,
		MaxBody:     *maxBody,
		MaxInflated: *maxInflated,
		Events:      kookEvents(),
		OnEvent:     printer.print,
		Strict:      *strict,
		Report:      func(r *http.Request, o webhook.Outcome) { logOutcome(logger, r, o) },
	})
	if err != nil {
		return usage(err.Error())
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		logger.Print(err)
		return exitFailed
	}
	srv := &http.Server{
		Handler:           rcv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          logger,
	}
	logger.Printf("listening on http://%s", ln.Addr())
	if ready != nil {
		ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		logger.Print(err)
		return exitFailed
	case <-ctx.Done():
	}
	// Requests under way finish (for up to 10 s); new ones are refused.
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		logger.Printf("shutdown: %v", err)
		return exitFailed
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		logger.Print(err)
		return exitFailed
	}
	logger.Print("stopped")
	return exitOK
}

// redisStore connects to Redis for --redis. The client gives up quickly on a
// Redis that is down (one dial, one retry, 1 s timeouts), so that the store's
// policy takes over within a request's time; the connection is tried when
// the first event comes, and the store recovers by itself.
func redisStore(url, down, bot, token string, lease time.Duration, logger *log.Logger) (*redisseen.Store, *redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, nil, fmt.Errorf("--redis: %v", err)
	}
	if !strings.Contains(url, "dial_timeout=") {
		opt.DialTimeout = time.Second
	}
	if !strings.Contains(url, "read_timeout=") {
		opt.ReadTimeout = time.Second
	}
	if !strings.Contains(url, "write_timeout=") {
		opt.WriteTimeout = time.Second
	}
	if !strings.Contains(url, "max_retries=") {
		opt.MaxRetries = 1
	}
	opt.DialerRetries, opt.DialerRetryTimeout = 1, 10*time.Millisecond
	var policy redisseen.DownPolicy
	switch down {
	case "deliver":
		policy = redisseen.Deliver
	case "refuse":
		policy = redisseen.Refuse
	default:
		return nil, nil, fmt.Errorf("--redis-down %q: want deliver or refuse", down)
	}
	if lease <= 0 {
		return nil, nil, errors.New("--claim-lease must be positive")
	}
	if bot == "" {
		// The verify token identifies the bot, but is a secret: the keys
		// carry a digest of it.
		sum := sha256.Sum256([]byte("eventbind bot " + token))
		bot = hex.EncodeToString(sum[:8])
	}
	// go-redis logs every failed dial; the store logs when Redis goes away
	// and comes back.
	redis.SetLogger(quietRedisLogger{})
	client := redis.NewClient(opt)
	store, err := redisseen.New(client, redisseen.Options{
		Bot: bot, Lease: lease, Down: policy,
		Logf: logger.Printf,
	})
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	logger.Printf("de-duplicating in redis at %s (bot %s, claim lease %v, when redis is down: %s)", opt.Addr, bot, lease, policy)
	return store, client, nil
}

type quietRedisLogger struct{}

func (quietRedisLogger) Printf(context.Context, string, ...interface{}) {}

// logOutcome writes one stderr line per request that is not a plain delivery
// (those are on stdout), and one for a delivery of a recovered event.
func logOutcome(logger *log.Logger, r *http.Request, o webhook.Outcome) {
	switch o.Kind {
	case webhook.KindDelivered:
		if ps := o.Event.Problems(); len(ps) > 0 {
			logger.Printf("delivered %s (sn %d) with %d problem(s): %s", o.Event.EventName(), o.SN.Value, len(ps), strings.Join(jsonwire.ProblemStrings(ps), "; "))
		}
	case webhook.KindRefused:
		logger.Printf("refused %s %s from %s: %d %v", r.Method, r.URL.Path, r.RemoteAddr, o.Status, o.Err)
	case webhook.KindDuplicate:
		logger.Printf("duplicate sn %d (%s): acknowledged, not printed again", o.SN.Value, o.Event.EventName())
	case webhook.KindChallenge:
		logger.Printf("answered the challenge from %s", r.RemoteAddr)
	}
}
