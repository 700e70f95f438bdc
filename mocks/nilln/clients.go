package nilln

import (
	"net/http"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
)

// Pagination labels, verbatim from seed 000 ("Paginācijas kontroles").
var pageLabels = laravel.Labels{Previous: "&laquo; iepriekšējais", Next: "Nākamais &raquo;"}

// perPage is seed 000's page size (meta.per_page in its example).
const perPage = 15

// list is GET /api/v1/clients?page=N: the profile's active clients.
func (a *API) list(q *request) {
	call := emu.CallOf(q.r)
	page := laravel.PageNumber(q.r.URL.Query().Get("page"))
	s := q.state
	s.mu.RLock()
	active := q.token.user.profile.active
	p := laravel.Paginator{Total: len(active), PerPage: perPage, CurrentPage: page,
		Path: call.BaseURL + call.Prefix + BasePath + "/clients", Labels: pageLabels}
	var items []any
	if off := p.Offset(); off < len(active) {
		end := min(off+perPage, len(active))
		items = make([]any, 0, end-off)
		for _, c := range active[off:end] {
			items = append(items, resource{c: c, s: s, withInputs: true})
		}
	}
	body, err := marshal(p.Response(items))
	s.mu.RUnlock()
	a.writeBody(q, http.StatusOK, body, err)
}

// show is GET /api/v1/clients/{uuid}.
func (a *API) show(q *request) {
	q.state.mu.RLock()
	body, err := marshal(dataEnvelope(resource{c: q.client, s: q.state, withInputs: true}))
	q.state.mu.RUnlock()
	a.writeBody(q, http.StatusOK, body, err)
}

// archive is DELETE /api/v1/clients/{uuid}: a soft delete, 204.
func (a *API) archive(q *request) {
	s := q.state
	s.mu.Lock()
	if !q.client.archived {
		q.client.archived = true
		q.client.profile.removeActive(q.client)
	}
	s.mu.Unlock()
	noContent(q.w)
}

// forceDestroy is DELETE /api/v1/clients/{uuid}/force-destroy: gone for
// good, archived or not; a later restore is 404.
func (a *API) forceDestroy(q *request) {
	s := q.state
	s.mu.Lock()
	c := q.client
	if !c.archived {
		c.profile.removeActive(c)
	}
	delete(c.profile.byUUID, c.uuid)
	s.mu.Unlock()
	noContent(q.w)
}

// restore is POST /api/v1/clients/{uuid}/restore: un-archives (a client
// that is not archived is answered as it is, as Eloquent's restore() does).
func (a *API) restore(q *request) {
	s := q.state
	s.mu.Lock()
	c := q.client
	if c.archived {
		c.archived = false
		c.profile.insertActive(c)
	} else {
		emu.CallOf(q.r).Warn("client %s was not archived; restore changed nothing", c.uuid)
	}
	body, err := marshal(dataEnvelope(resource{c: c, s: s, withInputs: true}))
	s.mu.Unlock()
	a.writeBody(q, http.StatusOK, body, err)
}

// writeBody sends a JSON answer built under the state lock, or Laravel's
// 500 when it could not be encoded (json_encode failing on bad UTF-8).
func (a *API) writeBody(q *request, status int, body []byte, err error) {
	if err != nil {
		emu.CallOf(q.r).Warn("the answer could not be JSON-encoded: %v", err)
		a.fail(q.w, q.r, http.StatusInternalServerError, laravel.ServerError())
		return
	}
	h := q.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", symfonyCacheControl)
	q.w.WriteHeader(status)
	_, _ = q.w.Write(body)
}

// symfonyCacheControl is the Cache-Control Symfony gives every response
// that sets none.
const symfonyCacheControl = "no-cache, private"

// noContent is response()->noContent(): 204, no body, no Content-Type.
func noContent(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", symfonyCacheControl)
	w.WriteHeader(http.StatusNoContent)
}
