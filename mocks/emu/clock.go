package emu

import (
	"sync"
	"time"
)

// Clock is a namespace's emulator clock. It runs with real time until it is
// set, advanced or frozen through the admin API; every time-dependent rule of
// every API reads it instead of time.Now so that expiries, rate windows and
// asynchronous completion can be tested in milliseconds.
type Clock struct {
	mu       sync.Mutex
	real     func() time.Time
	offset   time.Duration // added to real time while running
	frozen   bool
	frozenAt time.Time
}

// NewClock returns a clock that follows real (time.Now when nil).
func NewClock(real func() time.Time) *Clock {
	if real == nil {
		real = time.Now
	}
	return &Clock{real: real}
}

// Now is the emulated current time, in UTC.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

func (c *Clock) nowLocked() time.Time {
	if c.frozen {
		return c.frozenAt
	}
	return c.real().Add(c.offset).UTC()
}

// Frozen reports whether the clock stands still.
func (c *Clock) Frozen() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.frozen
}

// Set moves the clock to t; a running clock keeps running from there.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.frozenAt = t.UTC()
		return
	}
	c.offset = t.Sub(c.real())
}

// Advance moves the clock forward by d (backwards for a negative d).
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.frozenAt = c.frozenAt.Add(d)
	} else {
		c.offset += d
	}
	return c.nowLocked()
}

// Freeze stops the clock at its current reading.
func (c *Clock) Freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen {
		c.frozenAt = c.nowLocked()
		c.frozen = true
	}
}

// Unfreeze lets the clock run again from where it stood.
func (c *Clock) Unfreeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.offset = c.frozenAt.Sub(c.real())
		c.frozen = false
	}
}

// Reset returns the clock to real time, running.
func (c *Clock) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.offset = false, 0
}
