package lursoft

import (
	"strings"
	"time"
	_ "time/tzdata" // Europe/Riga wherever kycsim runs

	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// riga is the time zone of the service's "YYYY-MM-DD hh:mm:ss" times.
var riga = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Riga")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// stamp writes t as the documents' "YYYY-MM-DD hh:mm:ss", Riga time.
func stamp(t time.Time) string { return t.In(riga).Format(time.DateTime) }

// orNil is a database column: NULL (xsi:nil) when empty.
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// virtualID is the decided virtual_id: the last 9 digits of an 11-digit
// company or authority code (the registration number without its "40"/"50"
// prefix), the code otherwise.
func virtualID(o *object) string {
	if (o.typ == "COMPANY" || o.typ == "AUTHORITY") && len(o.code) == 11 {
		return o.code[2:]
	}
	return o.code
}

func respObject(o *object) soap.Struct {
	return soap.Struct{Type: "ResponseObject", Fields: []soap.Field{
		{Name: "id", Value: o.id}, {Name: "code", Value: o.code}, {Name: "virtual_id", Value: virtualID(o)},
		{Name: "client_id", Value: orNil(o.clientID)}, {Name: "name", Value: o.name}, {Name: "status", Value: o.status},
		{Name: "created", Value: o.created}, {Name: "updated", Value: o.updated}, {Name: "address", Value: orNil(o.address)},
	}}
}

func respObjectInfo(o *object) soap.Struct {
	return soap.Struct{Type: "ResponseObjectInfo", Fields: []soap.Field{
		{Name: "id", Value: o.id}, {Name: "code", Value: o.code}, {Name: "virtual_id", Value: virtualID(o)},
		{Name: "name", Value: o.name}, {Name: "status", Value: o.status}, {Name: "created", Value: o.created},
		{Name: "updated", Value: o.updated}, {Name: "address", Value: orNil(o.address)},
		{Name: "contact_person", Value: orNil(o.contactPerson)}, {Name: "user_address", Value: orNil(o.userAddress)},
		{Name: "phone", Value: orNil(o.phone)}, {Name: "email", Value: orNil(o.email)}, {Name: "fax", Value: orNil(o.fax)},
		{Name: "www", Value: orNil(o.www)}, {Name: "client_id", Value: orNil(o.clientID)},
	}}
}

// respList is a ResponseList; objects is nil outside get_objects (the
// list's objects are only written where they were asked for).
func (s *State) respList(l *list, objects []any) soap.Struct {
	var monitoringID any
	monitored := 0
	if l.monitoring != nil {
		monitoringID, monitored = l.monitoring.id, l.count()
	}
	var objs any
	if objects != nil {
		objs = soap.Array{ItemType: "ResponseObject", Items: objects}
	}
	users := make([]any, 0, len(l.shares))
	for _, sh := range l.shares {
		users = append(users, soap.Struct{Type: "ResponseRole", Fields: []soap.Field{
			{Name: "id", Value: sh.role.id}, {Name: "name", Value: sh.role.name}, {Name: "rights", Value: sh.rights}}})
	}
	return soap.Struct{Type: "ResponseList", Fields: []soap.Field{
		{Name: "id", Value: l.id}, {Name: "name", Value: l.name}, {Name: "type", Value: l.typ}, {Name: "form", Value: l.form},
		{Name: "description", Value: orNil(l.descr)}, {Name: "monitoring_id", Value: monitoringID},
		{Name: "object_count", Value: l.count()}, {Name: "objects", Value: objs},
		{Name: "monitored_object_count", Value: monitored},
		{Name: "users", Value: soap.Array{ItemType: "ResponseRole", Items: users}},
	}}
}

// listsAnswer is list_count and lists: the lists r can see.
func (s *State) listsAnswer(r *role) []soap.Field {
	lists := s.visibleLists(r)
	items := make([]any, 0, len(lists))
	for _, l := range lists {
		items = append(items, s.respList(l, nil))
	}
	return []soap.Field{{Name: "list_count", Value: len(lists)}, {Name: "lists", Value: soap.Array{ItemType: "ResponseList", Items: items}}}
}

func (s *State) respMonitoring(m *monitoring) soap.Struct {
	services := make([]any, 0, len(m.services))
	for _, code := range m.services {
		services = append(services, soap.Struct{Type: "ResponseService", Fields: []soap.Field{
			{Name: "type", Value: code}, {Name: "name", Value: s.serviceName(code)}}})
	}
	return soap.Struct{Type: "ResponseMonitoring", Fields: []soap.Field{
		{Name: "monitoring_id", Value: m.id}, {Name: "list_id", Value: m.list.id},
		{Name: "email", Value: strings.Join(m.emails, ",")}, {Name: "period", Value: m.period},
		{Name: "start_date", Value: m.start}, {Name: "end_date", Value: orNil(m.end)},
		{Name: "empty_email", Value: m.emptyMail}, {Name: "object_count", Value: m.list.count()},
		{Name: "services", Value: soap.Array{ItemType: "ResponseService", Items: services}},
	}}
}

func (s *State) serviceName(code string) string {
	for _, sv := range s.fx.Lursoft.Services {
		if sv.Code == code {
			return sv.Name
		}
	}
	return code
}
