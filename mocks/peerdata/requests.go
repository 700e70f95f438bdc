package peerdata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kycsim/kycsim/mocks/emu"
)

// maxPeriodResults bounds respond by period: the newest this many of the
// window's requests are listed (decided; the document sets no limit).
const maxPeriodResults = 1000

// Fields each body knows; anything else is ignored with a journal note.
var (
	createFields  = []string{"type_request", "value"}
	itemFields    = []string{"IdDocument", "PhoneNumber"}
	respondFields = []string{"type_request", "idRequest", "period"}
)

// readBody reads the JSON body and validates it against schema. ok is false
// when an error answer (413, 400) was written; what names the effect of a
// refusal for the message ("; no request was created").
func (q *call) readBody(schema, what string) (map[string]any, bool) {
	c := emu.CallOf(q.r)
	if ct := q.r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			c.Warn("Content-Type %q: the body is read as JSON anyway (seed 004: application/json)", ct)
		}
	}
	data, err := io.ReadAll(q.r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			c.Warn("request body is over the %d-byte body limit", tooLarge.Limit)
			fail(q.w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, "Request body is too large")
			return nil, false
		}
		c.Warn("request body could not be read: %v", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		fail(q.w, http.StatusBadRequest, CodeMalformedJSON, "Malformed JSON: the body is empty; send a JSON object")
		return nil, false
	}
	if !utf8.Valid(data) {
		fail(q.w, http.StatusBadRequest, CodeMalformedJSON, "Malformed JSON: the body is not valid UTF-8")
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		fail(q.w, http.StatusBadRequest, CodeMalformedJSON, "Malformed JSON: "+jsonError(err, data))
		return nil, false
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		fail(q.w, http.StatusBadRequest, CodeMalformedJSON, fmt.Sprintf("Malformed JSON: unexpected data after the JSON value at byte %d", end))
		return nil, false
	}
	problems, total, err := validateBody(schema, doc)
	if err != nil {
		c.Warn("schema: %v", err)
		fail(q.w, http.StatusInternalServerError, CodeInternalError, "Internal error")
		return nil, false
	}
	if total > 0 {
		errs := make([]fieldError, len(problems))
		for i, p := range problems {
			errs[i] = fieldError{Path: p.Path, Reason: p.Reason}
			if n := itemIndex(p.Path); n >= 0 {
				errs[i].Index = &n
			}
		}
		first := problems[0].Reason
		if problems[0].Path != "" {
			first = problems[0].Path + ": " + first
		}
		msg := "Invalid request body: " + first
		if total > 1 {
			msg += fmt.Sprintf(" (and %d more)", total-1)
		}
		fail(q.w, http.StatusBadRequest, CodeInvalidBody, msg+what, errs...)
		return nil, false
	}
	return doc.(map[string]any), true
}

// jsonError describes a decoding error with its byte offset.
func jsonError(err error, data []byte) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%v at byte %d", syn.Error(), syn.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("unexpected end of the body at byte %d", len(data))
	}
	return err.Error()
}

// warnUnknown notes fields the API ignores, pointing out a casing slip
// (createrequest's fields are capitalised, respond's are not).
func warnUnknown(c *emu.Call, where string, obj map[string]any, known []string) {
	n := 0
	for k := range obj {
		if slices.Contains(known, k) {
			continue
		}
		if n++; n > 5 {
			return
		}
		name := k
		if len(name) > 64 {
			name = name[:64] + "…"
		}
		hint := ""
		for _, f := range known {
			if strings.EqualFold(f, k) {
				hint = fmt.Sprintf("; did you mean %q? (field names are case-sensitive)", f)
			}
		}
		c.Warn("unknown field %q in %s is ignored%s", name, where, hint)
	}
}

// createRequest is POST /api/createrequest: one request per item of value,
// all or none (SPEC.md §3).
func (a *API) createRequest(q *call) {
	doc, ok := q.readBody(SchemaCreateRequestRequest, "; no request was created")
	if !ok {
		return
	}
	c := emu.CallOf(q.r)
	warnUnknown(c, "the body", doc, createFields)
	typ := doc["type_request"].(string)
	if !q.inScope(typ) {
		return
	}
	values := doc["value"].([]any)
	people := make([]person, len(values))
	for i, v := range values {
		item := v.(map[string]any)
		warnUnknown(c, "value/"+strconv.Itoa(i), item, itemFields)
		people[i].idDocument, _ = item["IdDocument"].(string)
		people[i].phoneNumber, _ = item["PhoneNumber"].(string)
	}
	reqs := q.state.create(q.key.client, typ, people, q.now)
	out := createdBody{Response: success(fmt.Sprintf("Requests created: %d", len(reqs))), ParametrRequest: make([]createdItem, len(reqs))}
	for i, r := range reqs {
		out.ParametrRequest[i] = createdItem{IdDocument: r.idDocument, PhoneNumber: r.phoneNumber, IdRequest: r.id}
	}
	writeJSON(q.w, http.StatusOK, out)
}

// respond is POST /api/respond: the client's own requests by idRequest or
// by period, each with its status and the details received so far,
// filtered to type_request.
func (a *API) respond(q *call) {
	doc, ok := q.readBody(SchemaRespondRequest, "")
	if !ok {
		return
	}
	c := emu.CallOf(q.r)
	warnUnknown(c, "the body", doc, respondFields)
	typ := doc["type_request"].(string)
	if !q.inScope(typ) {
		return
	}
	s, cl := q.state, q.key.client
	var reqs []*request
	var unknown []string
	if ids, ok := doc["idRequest"].([]any); ok {
		seen := make(map[string]bool, len(ids))
		s.mu.RLock()
		for _, v := range ids {
			id := v.(string)
			if seen[id] {
				continue
			}
			seen[id] = true
			if r := s.requests[id]; r != nil && r.client == cl {
				reqs = append(reqs, r)
			} else {
				if r != nil {
					c.Warn("idRequest %s belongs to another client: a client sees only its own requests", id)
				}
				unknown = append(unknown, id)
			}
		}
		evicted := s.evictedRequests
		s.mu.RUnlock()
		if len(unknown) > 0 && evicted > 0 {
			c.Warn("this namespace has forgotten its %d oldest requests: it keeps at most %d, the newest (--peerdata-max-requests)", evicted, s.maxRequests)
		}
		if len(reqs) == 0 {
			fail(q.w, http.StatusNotFound, CodeUnknownRequests, "Unknown idRequest: "+strings.Join(unknown, ", "))
			return
		}
	} else {
		minutes, _ := doc["period"].(json.Number).Float64()
		from := q.now.Add(-time.Duration(minutes * float64(time.Minute)))
		s.mu.RLock()
		reqs = cl.since(from, q.now, maxPeriodResults)
		s.mu.RUnlock()
		if len(reqs) == maxPeriodResults {
			c.Warn("respond by period lists at most the %d newest requests", maxPeriodResults)
		}
	}
	filter := expand([]string{typ})
	out := respondBody{ParametrRequest: make([]respondItem, len(reqs))}
	for i, r := range reqs {
		status, answers := r.status(q.now)
		out.ParametrRequest[i] = respondItem{IdDocument: r.idDocument, PhoneNumber: r.phoneNumber, IdRequest: r.id,
			Status: status, RequestDetails: s.details(r, answers, filter)}
	}
	msg := fmt.Sprintf("Requests found: %d", len(reqs))
	if len(unknown) > 0 {
		msg += "; unknown idRequest: " + strings.Join(unknown, ", ")
	}
	out.Response = success(msg)
	writeJSON(q.w, http.StatusOK, out)
}

// details lists what the peers that have answered r shared, in the order
// they answered: each peer's categories that r asked for and filter keeps,
// each category's fields in a fixed order. A person no peer knows has none.
func (s *State) details(r *request, answers []answer, filter []string) []detail {
	out := []detail{}
	if r.unknown || len(answers) == 0 {
		return out
	}
	asked := expand([]string{r.typeRequest})
	var p *profile
	for _, a := range answers {
		for _, cat := range a.peer.categories {
			if !slices.Contains(asked, cat) || !slices.Contains(filter, cat) {
				continue
			}
			if p == nil {
				p = newProfile(s.seed, r.idDocument, r.phoneNumber)
			}
			for _, f := range p.fields(cat, r.created) {
				if f[1] == "" {
					continue // e.g. no apartment: a peer shares what it has
				}
				out = append(out, detail{IdPpeers: a.peer.id, GroupData: cat, FieldName: f[0], FieldValue: f[1]})
			}
		}
	}
	return out
}
