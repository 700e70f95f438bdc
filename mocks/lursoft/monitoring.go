package lursoft

import (
	"encoding/binary"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// monitoring is a list's monitoring. Its sessions are produced lazily: a
// call that reads or changes the list first produces the sessions of every
// period boundary the emulator clock has passed since the last time.
type monitoring struct {
	id        int
	list      *list
	emails    []string
	emptyMail bool
	period    string // D, W, M or O (hourly)
	start     string // YYYY-MM-DD
	end       string // YYYY-MM-DD or ""
	services  []string
	created   time.Time
	doneUpTo  time.Time // boundaries up to here are produced
	sessions  []*monSession
}

type monSession struct {
	id     int
	sent   time.Time
	events []monEvent
}

type monEvent struct {
	typ, title, objectName, objectCode, notes string
	date                                      time.Time
}

// maxCatchUp bounds the sessions one catch-up produces: a clock moved years
// ahead on an hourly monitoring keeps only the most recent boundaries.
const maxCatchUp = 5000

// periodLength is the nominal length of a period, for bounding catch-ups
// and placing event times inside a period.
func periodLength(period string) time.Duration {
	switch period {
	case "O":
		return time.Hour
	case "W":
		return 7 * 24 * time.Hour
	case "M":
		return 31 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// nextBoundary is the first period boundary strictly after t, in Riga
// time: every full hour (O), midnight (D), Monday midnight (W), the first
// of the month (M).
func nextBoundary(t time.Time, period string) time.Time {
	lt := t.In(riga)
	y, m, d := lt.Date()
	var b time.Time
	switch period {
	case "O":
		b = time.Date(y, m, d, lt.Hour()+1, 0, 0, 0, riga)
	case "W":
		days := (8 - int(lt.Weekday())) % 7
		if days == 0 {
			days = 7
		}
		b = time.Date(y, m, d+days, 0, 0, 0, 0, riga)
	case "M":
		b = time.Date(y, m+1, 1, 0, 0, 0, 0, riga)
	default:
		b = time.Date(y, m, d+1, 0, 0, 0, 0, riga)
	}
	if !b.After(t) { // a DST fold can map back onto t
		b = b.Add(time.Hour)
	}
	return b
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.ParseInLocation(time.DateOnly, s, riga)
	return t, err == nil && t.Format(time.DateOnly) == s
}

// catchUp produces l's monitoring sessions up to the call's time.
func (s *State) catchUp(c *call, l *list) {
	m := l.monitoring
	if m == nil {
		return
	}
	limit := c.now
	if m.end != "" {
		if end, ok := parseDay(m.end); ok {
			if endLimit := end.AddDate(0, 0, 1); endLimit.Before(limit) {
				limit = endLimit
			}
		}
	}
	cursor := m.doneUpTo
	if start, ok := parseDay(m.start); ok && start.After(cursor) {
		cursor = start
	}
	if !limit.After(cursor) {
		return
	}
	if span := periodLength(m.period) * maxCatchUp; limit.Sub(cursor) > span {
		c.ec.Warn("monitoring %d: only the last %d period boundaries before %s produce sessions", m.id, maxCatchUp, stamp(limit))
		cursor = limit.Add(-span)
	}
	for b := nextBoundary(cursor, m.period); !b.After(limit); b = nextBoundary(b, m.period) {
		s.produce(m, b)
	}
	m.doneUpTo = limit
}

// produce draws the events of the session at boundary b. The draw depends
// only on the fixtures' seed, the monitoring id, b and the list's objects,
// so the same scenario always gives the same sessions.
func (s *State) produce(m *monitoring, b time.Time) {
	h := fnv.New64a()
	var buf [24]byte
	binary.LittleEndian.PutUint64(buf[0:], uint64(s.fx.Lursoft.Seed))
	binary.LittleEndian.PutUint64(buf[8:], uint64(m.id))
	binary.LittleEndian.PutUint64(buf[16:], uint64(b.Unix()))
	h.Write(buf[:])
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x6c7572736f6674))

	var kinds []fixtures.LursoftEventType
	for _, et := range s.fx.Lursoft.EventTypes {
		if slices.Contains(m.services, et.Service) {
			kinds = append(kinds, et)
		}
	}
	n := m.list.count()
	k := rng.IntN(4) // 0–3 events a session
	if n == 0 || len(kinds) == 0 {
		k = 0
	}
	if k == 0 && !m.emptyMail {
		return // a session without events is recorded only when empty_mail is set
	}
	se := &monSession{id: s.nextMonSession, sent: b}
	s.nextMonSession++
	period := int64(periodLength(m.period) / time.Second)
	for i := 0; i < k; i++ {
		o := s.objectAt(m.list, rng.IntN(n))
		et := kinds[rng.IntN(len(kinds))]
		se.events = append(se.events, monEvent{typ: et.Code, title: et.Title, objectName: o.name, objectCode: o.code,
			notes: et.Notes, date: b.Add(-time.Duration(1+rng.Int64N(period-1)) * time.Second)})
	}
	slices.SortStableFunc(se.events, func(x, y monEvent) int { return x.date.Compare(y.date) })
	m.sessions = append(m.sessions, se)
}

func (s *State) availableServices(l *list) []fixtures.LursoftService {
	var out []fixtures.LursoftService
	for _, sv := range s.fx.Lursoft.Services {
		if slices.Contains(sv.ListTypes, l.typ) {
			out = append(out, sv)
		}
	}
	return out
}

func (s *State) getAvailableServices(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightRead)
	if fl != nil {
		return nil, fl
	}
	items := []any{}
	for _, sv := range s.availableServices(l) {
		items = append(items, soap.Struct{Type: "ResponseService", Fields: []soap.Field{{Name: "type", Value: sv.Code}, {Name: "name", Value: sv.Name}}})
	}
	return []soap.Field{{Name: "services", Value: soap.Array{ItemType: "ResponseService", Items: items}}}, nil
}

func (s *State) getListMonitoring(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightRead)
	if fl != nil {
		return nil, fl
	}
	if l.monitoring == nil {
		return nil, s.api.failure(CodeNoMonitoring)
	}
	s.catchUp(c, l)
	return []soap.Field{{Name: "monitoring", Value: s.respMonitoring(l.monitoring)}}, nil
}

func (s *State) getMonitoringSessions(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightRead)
	if fl != nil {
		return nil, fl
	}
	var from, to time.Time
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"from", &from}, {"to", &to}} {
		if c.has(f.name) {
			t, ok := parseDay(c.text(f.name))
			if !ok {
				return nil, s.api.invalid(vDate, f.name)
			}
			*f.dst = t
		}
	}
	if l.monitoring == nil {
		return nil, s.api.failure(CodeNoMonitoring)
	}
	s.catchUp(c, l)
	m := l.monitoring
	items := []any{}
	for _, se := range m.sessions {
		day := se.sent.In(riga)
		if (!from.IsZero() && day.Before(from)) || (!to.IsZero() && !day.Before(to.AddDate(0, 0, 1))) {
			continue
		}
		items = append(items, soap.Struct{Type: "ResponseSession", Fields: []soap.Field{
			{Name: "id", Value: se.id}, {Name: "sent", Value: stamp(se.sent)}, {Name: "sent_events_count", Value: len(se.events)}}})
	}
	return []soap.Field{
		{Name: "sessions", Value: soap.Array{ItemType: "ResponseSession", Items: items}},
		{Name: "session_count", Value: len(items)},
		{Name: "monitoring_id", Value: m.id},
	}, nil
}

func (s *State) getSessionEvents(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightRead)
	if fl != nil {
		return nil, fl
	}
	sessionID, ok := c.intArg("session_id")
	if !ok {
		return nil, s.api.invalid(vNotInt, "session_id")
	}
	if l.monitoring == nil {
		return nil, s.api.failure(CodeNoMonitoring)
	}
	s.catchUp(c, l)
	for _, se := range l.monitoring.sessions {
		if int64(se.id) != sessionID {
			continue
		}
		items := make([]any, 0, len(se.events))
		for _, e := range se.events {
			items = append(items, soap.Struct{Type: "ResponseEvent", Fields: []soap.Field{
				{Name: "event_type", Value: e.typ}, {Name: "title", Value: e.title}, {Name: "object_name", Value: e.objectName},
				{Name: "object_code", Value: e.objectCode}, {Name: "date", Value: stamp(e.date)},
				{Name: "sent_date", Value: stamp(se.sent)}, {Name: "notes", Value: orNil(e.notes)}}})
		}
		return []soap.Field{{Name: "events", Value: soap.Array{ItemType: "ResponseEvent", Items: items}}}, nil
	}
	return nil, s.api.invalid(vSessionNotFound)
}

// monitoringInput validates add/update_list_monitoring's parameters
// (2020) into m.
func (s *State) monitoringInput(c *call, l *list, m *monitoring) *fail {
	emails := c.strings("email")
	for _, e := range emails {
		if !validEmail(e) {
			return s.api.invalid(vEmail, e)
		}
	}
	period := c.text("period")
	if period != "D" && period != "W" && period != "M" && period != "O" {
		return s.api.invalid(vPeriod)
	}
	start, ok := parseDay(c.text("start_date"))
	if !ok {
		return s.api.invalid(vDate, "start_date")
	}
	end := ""
	if c.has("end_date") {
		e, ok := parseDay(c.text("end_date"))
		if !ok {
			return s.api.invalid(vDate, "end_date")
		}
		if e.Before(start) {
			return s.api.invalid(vEndBeforeStart)
		}
		end = c.text("end_date")
	}
	available := map[string]bool{}
	for _, sv := range s.availableServices(l) {
		available[sv.Code] = true
	}
	var services []string
	for _, code := range c.strings("services") {
		if !available[code] {
			return s.api.invalid(vService, code)
		}
		if !slices.Contains(services, code) {
			services = append(services, code)
		}
	}
	if len(m.services) > 0 {
		var dropped []string
		for _, old := range m.services {
			if !slices.Contains(services, old) {
				dropped = append(dropped, old)
			}
		}
		if len(dropped) > 0 {
			c.ec.Warn("update_list_monitoring replaces the services: %v, not repeated, are no longer monitored (seed 001: the update must list the earlier services too)", dropped)
		}
	}
	m.emails, m.period, m.start, m.end, m.services = emails, period, c.text("start_date"), end, services
	m.emptyMail = c.boolArg("empty_mail", false)
	return nil
}

func (s *State) addListMonitoring(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightWrite)
	if fl != nil {
		return nil, fl
	}
	if l.count() == 0 {
		return nil, s.api.failure(CodeEmptyList)
	}
	if l.monitoring != nil {
		return nil, s.api.invalid(vMonitoringExists)
	}
	m := &monitoring{id: s.nextMonitoring, list: l, created: c.now, doneUpTo: c.now}
	if fl := s.monitoringInput(c, l, m); fl != nil {
		return nil, fl
	}
	s.nextMonitoring++
	l.monitoring = m
	return []soap.Field{{Name: "monitoring", Value: s.respMonitoring(m)}}, nil
}

func (s *State) updateListMonitoring(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightWrite)
	if fl != nil {
		return nil, fl
	}
	if l.monitoring == nil {
		return nil, s.api.failure(CodeNoMonitoring)
	}
	if l.count() == 0 {
		return nil, s.api.failure(CodeEmptyList)
	}
	s.catchUp(c, l) // sessions due so far follow the old settings
	next := *l.monitoring
	if fl := s.monitoringInput(c, l, &next); fl != nil {
		return nil, fl
	}
	*l.monitoring = next
	return []soap.Field{{Name: "monitoring", Value: s.respMonitoring(l.monitoring)}}, nil
}
