package laravel

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RateLimiter is Laravel's ThrottleRequests over Illuminate\Cache\
// RateLimiter with a one-minute decay: a key's window opens at its first
// hit (whole seconds, as Laravel's cache timestamps) and lasts 60 seconds;
// up to the limit of hits pass in it, later requests get 429 without
// counting. Time is always the caller's clock. Windows that have ended are
// dropped at least once per minute of that clock, so memory holds the keys
// seen in the last two minutes. Safe for concurrent use.
type RateLimiter struct {
	limit int

	mu        sync.Mutex
	windows   map[string]rateWindow
	lastSweep int64
}

type rateWindow struct {
	start, end int64 // unix seconds
	hits       int
}

const rateDecay = 60 // seconds: ThrottleRequests' decayMinutes = 1

// NewRateLimiter allows maxPerMinute requests per key and minute; 0 (or
// less) turns limiting off.
func NewRateLimiter(maxPerMinute int) *RateLimiter {
	return &RateLimiter{limit: max(maxPerMinute, 0), windows: make(map[string]rateWindow)}
}

// Decision is the limiter's answer for one request.
type Decision struct {
	Allowed bool
	// Limit is the per-minute maximum; 0 when limiting is off.
	Limit int
	// Remaining is the number of requests left in the window after this
	// one; 0 on a refusal.
	Remaining int
	// RetryAfter is the number of seconds until the window ends; set on a
	// refusal only.
	RetryAfter int
	// ResetAt is when the key's window ends.
	ResetAt time.Time
}

// Hit counts a request for key at now and decides on it.
func (l *RateLimiter) Hit(key string, now time.Time) Decision {
	if l == nil || l.limit == 0 {
		return Decision{Allowed: true}
	}
	sec := now.Unix()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(sec)
	w, ok := l.windows[key]
	// A clock moved back (a test resetting the emulator's clock) cannot
	// happen to a real server; start a fresh window then.
	if !ok || sec >= w.end || sec < w.start {
		w = rateWindow{start: sec, end: sec + rateDecay}
	}
	if w.hits >= l.limit {
		return Decision{Limit: l.limit, RetryAfter: int(w.end - sec), ResetAt: time.Unix(w.end, 0)}
	}
	w.hits++
	l.windows[key] = w
	return Decision{Allowed: true, Limit: l.limit, Remaining: l.limit - w.hits, ResetAt: time.Unix(w.end, 0)}
}

func (l *RateLimiter) sweep(sec int64) {
	if sec >= l.lastSweep && sec < l.lastSweep+rateDecay {
		return
	}
	l.lastSweep = sec
	for k, w := range l.windows {
		if sec >= w.end || sec < w.start {
			delete(l.windows, k)
		}
	}
}

// SetHeaders writes ThrottleRequests' headers: X-RateLimit-Limit and
// X-RateLimit-Remaining on every limited response, and on a refusal also
// Retry-After (seconds) and X-RateLimit-Reset (unix time). Nothing when
// limiting is off.
func (d Decision) SetHeaders(h http.Header) {
	if d.Limit == 0 {
		return
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(d.Limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(d.Remaining))
	if !d.Allowed {
		h.Set("Retry-After", strconv.Itoa(d.RetryAfter))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(d.ResetAt.Unix(), 10))
	}
}
