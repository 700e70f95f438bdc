package nilln

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
)

// readInput reads the body as Laravel's $request->all() sees it, moving
// its fidelity warnings to the journal. ok is false when an answer (413)
// was already written.
func (a *API) readInput(q *request) (laravel.Input, bool) {
	call := emu.CallOf(q.r)
	in, err := laravel.ReadInput(q.r)
	if err != nil {
		if errors.Is(err, laravel.ErrTooLarge) {
			call.Warn("request body is over the body limit")
			a.fail(q.w, q.r, http.StatusRequestEntityTooLarge, laravel.PostTooLarge())
			return in, false
		}
		call.Warn("request body could not be read: %v", err)
		in = laravel.Input{}
	}
	for _, w := range in.Warnings {
		call.Warn("%s", w)
	}
	if in.BodyIgnoredByLaravel && a.strict {
		call.Warn("strict mode: the body is read as Laravel reads it, which gives no input")
		in = in.Strict()
	}
	for _, k := range in.Keys() {
		if !slices.Contains(clientFieldNames, k) {
			call.Warn("unknown field %q is ignored (the platform validates and stores only %v)", k, clientFieldNames)
		}
	}
	return in, true
}

// create is POST /api/v1/clients: 201 with the new client, without the
// "inputs" key (seed 000's create example).
func (a *API) create(q *request) {
	in, ok := a.readInput(q)
	if !ok {
		return
	}
	s := q.state
	if !a.validate(q, in, true) {
		return
	}
	c := &client{}
	apply(c, in)
	if c.typ == "legal" && c.regNo != nil {
		// Seed 000's create example: the register's name replaces the given one.
		if co, found := s.fx.Company(*c.regNo); found && co.Name != c.name {
			emu.CallOf(q.r).Warn("name %q replaced by the company register's %q for reg_no %s", c.name, co.Name, co.RegNo)
			c.name = co.Name
		}
	}
	s.mu.Lock()
	s.seq++
	c.seq, c.uuid, c.profile = s.seq, s.newUUID(), q.token.user.profile
	c.profile.byUUID[c.uuid] = c
	c.profile.active = append(c.profile.active, c)
	body, err := marshal(dataEnvelope(resource{c: c, s: s}))
	s.mu.Unlock()
	a.writeBody(q, http.StatusCreated, body, err)
}

// update is PUT (or PATCH) /api/v1/clients/{uuid}: a partial update with
// the create rules, nothing required. A change of is_active fires
// cooperation_status_changed.
func (a *API) update(q *request) {
	in, ok := a.readInput(q)
	if !ok {
		return
	}
	s := q.state
	if !a.validate(q, in, false) {
		return
	}
	if len(in.Keys()) == 0 {
		emu.CallOf(q.r).Warn("the update had no input: nothing changed")
	}
	s.mu.Lock()
	c := q.client
	wasActive := c.isActive
	apply(c, in)
	if !sameBool(wasActive, c.isActive) {
		if _, err := s.fire(EventCooperationStatusChanged, c); err != nil {
			emu.CallOf(q.r).Warn("webhook %s not sent: %v", EventCooperationStatusChanged, err)
		}
	}
	body, err := marshal(dataEnvelope(resource{c: c, s: s, withInputs: true}))
	s.mu.Unlock()
	a.writeBody(q, http.StatusOK, body, err)
}

// validate answers 422 when in breaks the rules. Malformed UTF-8 is
// refused here too: the real platform accepts it and then fails with 500
// when it stores or echoes the value, which is no help to anyone (strict
// mode answers that 500).
func (a *API) validate(q *request, in laravel.Input, creating bool) bool {
	if len(in.InvalidUTF8Fields) > 0 && a.strict {
		a.fail(q.w, q.r, http.StatusInternalServerError, laravel.ServerError())
		return false
	}
	errs := laravel.Validate(in, q.state.rules(in, creating)...)
	for _, f := range in.InvalidUTF8Fields {
		errs.Add(f, "The "+strings.ReplaceAll(f, "_", " ")+" field must be valid UTF-8 (the real platform answers 500 Server Error).")
	}
	if errs.Empty() {
		return true
	}
	a.fail(q.w, q.r, http.StatusUnprocessableEntity, errs.Response())
	return false
}

func sameBool(a, b *bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
