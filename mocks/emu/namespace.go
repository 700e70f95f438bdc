package emu

import (
	"fmt"
	"sync"
)

// State is one API's mutable data inside one namespace.
type State interface {
	// Close releases what the state runs in the background (webhook
	// deliveries, timers). It is called on reset and shutdown.
	Close()
}

// Namespace is an isolated copy of every emulated API: its own state,
// clock and journal. Bare paths use the namespace "default"; /t/{name}/…
// creates one from the fixtures on first use.
type Namespace struct {
	Name    string
	Clock   *Clock
	Journal *Journal

	mu     sync.RWMutex
	states map[string]State
	build  func(ns *Namespace) (map[string]State, error)
}

// NewNamespace creates a namespace and builds its API states with build,
// which is called again on every Reset.
func NewNamespace(name string, clock *Clock, journal *Journal, build func(ns *Namespace) (map[string]State, error)) (*Namespace, error) {
	ns := &Namespace{Name: name, Clock: clock, Journal: journal, build: build}
	states, err := build(ns)
	if err != nil {
		return nil, fmt.Errorf("namespace %q: %w", name, err)
	}
	ns.states = states
	return ns, nil
}

// State returns the named API's state.
func (ns *Namespace) State(api string) State {
	ns.mu.RLock()
	defer ns.mu.RUnlock()
	return ns.states[api]
}

// Reset puts every API back to its fixtures, the clock back to real time and
// empties the journal.
func (ns *Namespace) Reset() error {
	states, err := ns.build(ns)
	if err != nil {
		return err
	}
	ns.mu.Lock()
	old := ns.states
	ns.states = states
	ns.mu.Unlock()
	for _, s := range old {
		s.Close()
	}
	ns.Clock.Reset()
	ns.Journal.Clear()
	return nil
}

// Close closes every API state.
func (ns *Namespace) Close() {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	for _, s := range ns.states {
		s.Close()
	}
}
