package laravel

import (
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 400_000_000, time.UTC) // 1714564800.4

func TestRateLimiterWindow(t *testing.T) {
	l := NewRateLimiter(3)
	steps := []struct {
		at   time.Duration
		want Decision
	}{
		{0, Decision{Allowed: true, Limit: 3, Remaining: 2, ResetAt: time.Unix(1714564860, 0)}},
		{10 * time.Second, Decision{Allowed: true, Limit: 3, Remaining: 1, ResetAt: time.Unix(1714564860, 0)}},
		{20 * time.Second, Decision{Allowed: true, Limit: 3, Remaining: 0, ResetAt: time.Unix(1714564860, 0)}},
		// Refusals do not count and report the seconds left in the window.
		{25 * time.Second, Decision{Limit: 3, RetryAfter: 35, ResetAt: time.Unix(1714564860, 0)}},
		{59*time.Second + 500*time.Millisecond, Decision{Limit: 3, RetryAfter: 1, ResetAt: time.Unix(1714564860, 0)}},
		// Whole seconds: the window opened at second …800 ends at …860.
		{59*time.Second + 700*time.Millisecond, Decision{Allowed: true, Limit: 3, Remaining: 2, ResetAt: time.Unix(1714564920, 0)}},
	}
	for i, s := range steps {
		if got := l.Hit("user:1", t0.Add(s.at)); !reflect.DeepEqual(got, s.want) {
			t.Errorf("step %d (+%v): got %+v, want %+v", i, s.at, got, s.want)
		}
	}
	if got := l.Hit("user:2", t0.Add(25*time.Second)); !got.Allowed || got.Remaining != 2 {
		t.Errorf("another key shares the window: %+v", got)
	}
}

func TestRateLimiterOff(t *testing.T) {
	for _, l := range []*RateLimiter{NewRateLimiter(0), NewRateLimiter(-1), nil} {
		for i := 0; i < 100; i++ {
			if d := l.Hit("k", t0); !d.Allowed || d.Limit != 0 {
				t.Fatalf("limiter off refused: %+v", d)
			}
		}
		h := http.Header{}
		l.Hit("k", t0).SetHeaders(h)
		if len(h) != 0 {
			t.Errorf("headers set while off: %v", h)
		}
	}
}

func TestRateLimiterClockBack(t *testing.T) {
	l := NewRateLimiter(1)
	l.Hit("k", t0)
	if d := l.Hit("k", t0.Add(-time.Hour)); !d.Allowed {
		t.Errorf("clock moved back should start a new window: %+v", d)
	}
}

func TestDecisionSetHeaders(t *testing.T) {
	l := NewRateLimiter(2)
	tests := []struct {
		at   time.Duration
		want http.Header
	}{
		{0, http.Header{"X-Ratelimit-Limit": {"2"}, "X-Ratelimit-Remaining": {"1"}}},
		{time.Second, http.Header{"X-Ratelimit-Limit": {"2"}, "X-Ratelimit-Remaining": {"0"}}},
		{2 * time.Second, http.Header{"X-Ratelimit-Limit": {"2"}, "X-Ratelimit-Remaining": {"0"},
			"Retry-After": {"58"}, "X-Ratelimit-Reset": {"1714564860"}}},
	}
	for _, tt := range tests {
		h := http.Header{}
		l.Hit("k", t0.Add(tt.at)).SetHeaders(h)
		if !reflect.DeepEqual(h, tt.want) {
			t.Errorf("+%v: headers %v, want %v", tt.at, h, tt.want)
		}
	}
}

func TestRateLimiterForgetsOldKeys(t *testing.T) {
	l := NewRateLimiter(5)
	for i := 0; i < 1000; i++ {
		l.Hit(fmt.Sprintf("ip:%d", i), t0)
	}
	// Two minutes later only the keys of the current window are kept.
	l.Hit("late", t0.Add(2*time.Minute))
	l.mu.Lock()
	n := len(l.windows)
	l.mu.Unlock()
	if n != 1 {
		t.Errorf("%d windows kept, want 1", n)
	}
}

func TestRateLimiterConcurrent(t *testing.T) {
	l := NewRateLimiter(60)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if l.Hit("shared", t0).Allowed {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if allowed != 60 {
		t.Errorf("%d requests allowed, want exactly 60", allowed)
	}
}
