package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"testing"

	"github.com/eventbind/eventbind/events/kook/webhook"
)

// fakeClaims is a ClaimStore in memory that records what the receiver asked.
type fakeClaims struct {
	mu    sync.Mutex
	state map[webhook.SeenKey]webhook.ClaimState
	err   error
	log   []string
}

func (f *fakeClaims) MarkSeen(context.Context, webhook.SeenKey) (bool, error) {
	panic("the receiver must call Claim on a ClaimStore")
}

func (f *fakeClaims) Forget(context.Context, webhook.SeenKey) error {
	panic("the receiver must release the Lease on a ClaimStore")
}

func (f *fakeClaims) Claim(_ context.Context, key webhook.SeenKey) (webhook.ClaimState, webhook.Lease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, nil, f.err
	}
	f.log = append(f.log, fmt.Sprint("claim ", key.SN))
	if st, ok := f.state[key]; ok {
		return st, nil, nil
	}
	f.state[key] = webhook.InFlight
	return webhook.Claimed, fakeLease{f, key}, nil
}

type fakeLease struct {
	f   *fakeClaims
	key webhook.SeenKey
}

func (l fakeLease) Delivered(context.Context) error {
	l.f.mu.Lock()
	defer l.f.mu.Unlock()
	l.f.state[l.key] = webhook.AlreadyDelivered
	l.f.log = append(l.f.log, fmt.Sprint("delivered ", l.key.SN))
	return nil
}

func (l fakeLease) Release(context.Context) error {
	l.f.mu.Lock()
	defer l.f.mu.Unlock()
	delete(l.f.state, l.key)
	l.f.log = append(l.f.log, fmt.Sprint("release ", l.key.SN))
	return nil
}

// TestClaimStore: with a ClaimStore, the receiver claims, delivers and marks
// delivered; a failed delivery releases the claim; a claim held elsewhere is
// a 503, a delivered key a duplicate; an unavailable store a 503, another
// store error a 500.
func TestClaimStore(t *testing.T) {
	store := &fakeClaims{state: map[webhook.SeenKey]webhook.ClaimState{}}
	srv, rec := server(t, webhook.Config{Seen: store})
	ex := loadExamples(t)
	frame, other, third := ex[0].frame, []byte(nil), []byte(nil)
	for _, e := range ex[1:] {
		if e.event == "joined_guild" || e.event == "text_message" || e.event == "added_reaction" {
			if other == nil {
				other = e.frame // an event the recording handler fails
			} else if third == nil {
				third = e.frame
			}
		}
	}
	if status, _ := post(t, srv.URL, frame); status != 200 {
		t.Fatalf("first: %d", status)
	}
	if status, _ := post(t, srv.URL, frame); status != 200 || rec.lastOutcome(t).Kind != webhook.KindDuplicate {
		t.Errorf("retry: %d %v, want 200 duplicate", status, rec.lastOutcome(t).Kind)
	}
	rec.mu.Lock()
	rec.fail = errors.New("boom")
	rec.mu.Unlock()
	if status, _ := post(t, srv.URL, other); status != 500 {
		t.Errorf("failing handler: %d, want 500", status)
	}
	rec.mu.Lock()
	rec.fail = nil
	rec.mu.Unlock()
	if status, _ := post(t, srv.URL, other); status != 200 || rec.lastOutcome(t).Kind != webhook.KindDelivered {
		t.Errorf("retry after a failure: %d %v, want 200 delivered", status, rec.lastOutcome(t).Kind)
	}
	store.mu.Lock()
	log := fmt.Sprint(store.log)
	for k := range store.state {
		store.state[k] = webhook.InFlight // as if another receiver held them all
	}
	store.mu.Unlock()
	if want := regexp.MustCompile(`^\[claim (\d+) delivered (\d+) claim (\d+) claim (\d+) release (\d+) claim (\d+) delivered (\d+)\]$`); !want.MatchString(log) {
		t.Errorf("store calls %s, want claim, delivered, claim (the retry), claim, release (the failure), claim, delivered", log)
	}
	if status, _ := post(t, srv.URL, frame); status != 503 || rec.lastOutcome(t).Status != 503 {
		t.Errorf("held by another receiver: %d, want 503", status)
	}

	store.mu.Lock()
	store.err = fmt.Errorf("redis: %w", webhook.ErrStoreUnavailable)
	store.mu.Unlock()
	n := rec.count()
	if status, _ := post(t, srv.URL, third); status != 503 {
		t.Errorf("store unavailable: %d, want 503", status)
	}
	store.mu.Lock()
	store.err = errors.New("redis: WRONGTYPE")
	store.mu.Unlock()
	if status, _ := post(t, srv.URL, third); status != 500 {
		t.Errorf("store error: %d, want 500", status)
	}
	if rec.count() != n {
		t.Errorf("delivered while the store failed")
	}
}
