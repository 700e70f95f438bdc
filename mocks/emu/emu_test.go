package emu

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

type fakeReal struct{ t time.Time }

func (f *fakeReal) now() time.Time { return f.t }

func TestClockFollowsRealTimeUntilChanged(t *testing.T) {
	real := &fakeReal{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewClock(real.now)
	real.t = real.t.Add(time.Minute)
	if got, want := c.Now(), time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("Now() = %v, want %v", got, want)
	}
}

func TestClockSetAdvanceFreeze(t *testing.T) {
	real := &fakeReal{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := NewClock(real.now)
	set := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	c.Set(set)
	real.t = real.t.Add(10 * time.Second)
	if got := c.Now(); !got.Equal(set.Add(10 * time.Second)) {
		t.Fatalf("running clock after Set: %v", got)
	}
	c.Freeze()
	frozenAt := c.Now()
	real.t = real.t.Add(time.Hour)
	if got := c.Now(); !got.Equal(frozenAt) || !c.Frozen() {
		t.Fatalf("frozen clock moved: %v != %v", got, frozenAt)
	}
	if got := c.Advance(31 * time.Minute); !got.Equal(frozenAt.Add(31 * time.Minute)) {
		t.Fatalf("Advance on frozen clock = %v", got)
	}
	c.Unfreeze()
	real.t = real.t.Add(time.Second)
	if got := c.Now(); !got.Equal(frozenAt.Add(31*time.Minute + time.Second)) {
		t.Fatalf("unfrozen clock = %v", got)
	}
	c.Reset()
	if got := c.Now(); !got.Equal(real.t) || c.Frozen() {
		t.Fatalf("Reset clock = %v, want real %v", got, real.t)
	}
}

func TestJournalIsBoundedAndNewestFirst(t *testing.T) {
	j := NewJournal(3)
	for i := 1; i <= 5; i++ {
		j.Add(Entry{Operation: fmt.Sprintf("op%d", i), Status: 200 + i%2})
	}
	if j.Len() != 3 {
		t.Fatalf("Len = %d, want 3", j.Len())
	}
	got := j.List(Filter{})
	if len(got) != 3 || got[0].Operation != "op5" || got[2].Operation != "op3" || got[0].ID != 5 {
		t.Fatalf("List = %+v", got)
	}
	odd := j.List(Filter{Status: 201})
	if len(odd) != 2 || odd[0].Operation != "op5" || odd[1].Operation != "op3" {
		t.Fatalf("status filter = %+v", odd)
	}
	if l := j.List(Filter{Limit: 1}); len(l) != 1 || l[0].Operation != "op5" {
		t.Fatalf("limit = %+v", l)
	}
	if l := j.List(Filter{Operation: "op4"}); len(l) != 1 {
		t.Fatalf("operation filter = %+v", l)
	}
	j.Clear()
	if j.Len() != 0 || len(j.List(Filter{})) != 0 {
		t.Fatal("Clear left entries")
	}
}

func TestCallRecordsWarningsAndNames(t *testing.T) {
	c := &Call{}
	c.Name("nilln", "nilln.clients.show")
	c.Warn("a %s", "warning")
	c.SetCredential("token 1")
	api, op, cred, _, w := c.Snapshot()
	if api != "nilln" || op != "nilln.clients.show" || cred != "token 1" || len(w) != 1 || w[0] != "a warning" {
		t.Fatalf("snapshot = %q %q %q %q", api, op, cred, w)
	}
}

func BenchmarkJournalAdd(b *testing.B) {
	j := NewJournal(1000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		j.Add(Entry{Operation: "nilln.clients.show", Status: 200})
	}
}

func TestUUID4IsVersion4AndDeterministic(t *testing.T) {
	n := uint64(0)
	next := func() uint64 { n++; return n * 0x9e3779b97f4a7c15 }
	a := UUID4(next)
	n = 0
	if b := UUID4(next); a != b {
		t.Fatalf("same source, different ids: %s %s", a, b)
	}
	if len(a) != 36 || a[14] != '4' || !strings.ContainsRune("89ab", rune(a[19])) {
		t.Fatalf("not a v4 uuid: %s", a)
	}
}
