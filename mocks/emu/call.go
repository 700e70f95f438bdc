package emu

import (
	"context"
	"fmt"
	"net/http"
	"sync"
)

// Call is what the shared pipeline knows about one request while it is
// served: the namespace it belongs to, its stable operation name, the
// credential it used and the fidelity warnings handlers raised. The journal
// entry and the log line are written from it when the request ends.
type Call struct {
	Namespace *Namespace
	// Prefix is the path prefix the request came in under ("" or
	// "/t/{namespace}"); URLs an API writes back must carry it.
	Prefix string
	// BaseURL is scheme://host the client used (or the configured public
	// URL), without the namespace prefix.
	BaseURL string

	mu         sync.Mutex
	api        string
	operation  string
	credential string
	warnings   []string
	scenario   string
}

type callKey struct{}

// WithCall attaches c to ctx.
func WithCall(ctx context.Context, c *Call) context.Context {
	return context.WithValue(ctx, callKey{}, c)
}

// CallFrom returns the request's Call. Outside the pipeline (a handler
// tested alone) it returns a detached Call so handlers need no nil checks.
func CallFrom(ctx context.Context) *Call {
	if c, ok := ctx.Value(callKey{}).(*Call); ok {
		return c
	}
	return &Call{}
}

// CallOf is CallFrom(r.Context()).
func CallOf(r *http.Request) *Call { return CallFrom(r.Context()) }

// Name sets the API and operation name, e.g. ("nilln", "nilln.clients.show").
func (c *Call) Name(api, operation string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.api, c.operation = api, operation
}

// Operation returns the API and operation names set so far.
func (c *Call) Operation() (api, operation string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.api, c.operation
}

// SetCredential records which credential the request authenticated with
// (a token id, a user name; never a secret).
func (c *Call) SetCredential(cred string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.credential = cred
}

// Warn records a fidelity note: something kycsim accepted or answered that
// the real service would treat differently, or a diagnostic.
func (c *Call) Warn(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// SetScenario records which scenario rule answered the request.
func (c *Call) SetScenario(rule string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.scenario = rule
}

// Warnings returns the warnings raised so far.
func (c *Call) Warnings() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.warnings...)
}

// Snapshot returns everything recorded on the call, for the journal.
func (c *Call) Snapshot() (api, operation, credential, scenario string, warnings []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.api, c.operation, c.credential, c.scenario, append([]string(nil), c.warnings...)
}
