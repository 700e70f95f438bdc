package emu

import (
	"sync"
	"time"
)

// Entry is one request as the journal keeps it.
type Entry struct {
	ID           int64     `json:"id"`
	Time         time.Time `json:"time"` // emulator clock
	Namespace    string    `json:"namespace"`
	API          string    `json:"api"`
	Operation    string    `json:"operation"`
	Method       string    `json:"method"`
	Path         string    `json:"path"`
	Query        string    `json:"query,omitempty"`
	RemoteAddr   string    `json:"remote_addr"`
	Credential   string    `json:"credential,omitempty"`
	Status       int       `json:"status"`
	DurationMS   float64   `json:"duration_ms"`
	RequestBody  string    `json:"request_body,omitempty"`
	ResponseBody string    `json:"response_body,omitempty"`
	Truncated    bool      `json:"truncated,omitempty"`
	Warnings     []string  `json:"warnings,omitempty"`
	Scenario     string    `json:"scenario,omitempty"`
}

// Filter selects journal entries; zero fields match everything.
type Filter struct {
	API       string
	Operation string
	Status    int
	Limit     int
}

func (f Filter) match(e *Entry) bool {
	return (f.API == "" || f.API == e.API) &&
		(f.Operation == "" || f.Operation == e.Operation) &&
		(f.Status == 0 || f.Status == e.Status)
}

// Journal is a bounded ring of the newest requests of one namespace: memory
// stays fixed however many requests arrive.
type Journal struct {
	mu   sync.Mutex
	ring []Entry
	next int // index the next entry is written at
	full bool
	seq  int64
}

// NewJournal keeps at most size entries (at least 1).
func NewJournal(size int) *Journal {
	if size < 1 {
		size = 1
	}
	return &Journal{ring: make([]Entry, size)}
}

// Add stores e, evicting the oldest entry when the ring is full, and returns
// the ID it was given.
func (j *Journal) Add(e Entry) int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.ID = j.seq
	j.ring[j.next] = e
	j.next++
	if j.next == len(j.ring) {
		j.next, j.full = 0, true
	}
	return e.ID
}

// List returns matching entries, newest first.
func (j *Journal) List(f Filter) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.next
	if j.full {
		n = len(j.ring)
	}
	out := []Entry{}
	for i := 0; i < n; i++ {
		idx := (j.next - 1 - i + len(j.ring)) % len(j.ring)
		e := &j.ring[idx]
		if !f.match(e) {
			continue
		}
		out = append(out, *e)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out
}

// Len is the number of entries held.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.full {
		return len(j.ring)
	}
	return j.next
}

// Clear forgets every entry.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.ring)
	j.next, j.full = 0, false
}
