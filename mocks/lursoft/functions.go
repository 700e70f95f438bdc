package lursoft

import (
	"strings"

	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// kind is a parameter's WSDL type.
type kind int

const (
	kString  kind = iota // xsd:string
	kInt                 // xsd:int
	kBool                // xsd:boolean
	kStrings             // tns:stringArray (string[])
)

func (k kind) xsd() string {
	switch k {
	case kInt:
		return "xsd:int"
	case kBool:
		return "xsd:boolean"
	case kStrings:
		return "tns:stringArray"
	}
	return "xsd:string"
}

// param is one function parameter after signature, in the documented
// (signing) order.
type param struct {
	name     string
	kind     kind
	required bool
	// notInt is the code answered when an int parameter holds something
	// else (2004 role, 2009 list, 2010 object); 0 means a 2020 validation
	// message, checked with the function's own validation.
	notInt int
}

// function is one API function of seeds 001/002.
type function struct {
	name   string
	params []param
	// ret is the return type (LoginResponse, …) and fields its members
	// before success, message and code.
	ret    string
	fields []soap.Param
	doc    string
	serve  func(s *State, c *call) (fields []soap.Field, f *fail)
}

// Namespace is the WSDL's target namespace (Yii: urn:<Controller>wsdl).
const Namespace = "urn:ApiControllerwsdl"

func sid() param               { return param{name: "sid", kind: kString} }
func str(name string) param    { return param{name: name, kind: kString} }
func reqStr(name string) param { return param{name: name, kind: kString, required: true} }
func listID(name string) param {
	return param{name: name, kind: kInt, required: true, notInt: CodeBadListID}
}
func objectID(name string) param {
	return param{name: name, kind: kInt, required: true, notInt: CodeBadObjectID}
}

var monitoringParams = []param{
	sid(), listID("list_id"),
	{name: "email", kind: kStrings, required: true},
	{name: "empty_mail", kind: kBool},
	reqStr("period"), reqStr("start_date"),
	{name: "services", kind: kStrings, required: true},
	str("end_date"),
}

var (
	fList       = soap.Param{Name: "list", Type: "tns:ResponseList"}
	fLists      = []soap.Param{{Name: "list_count", Type: "xsd:int"}, {Name: "lists", Type: "tns:ResponseListArray"}}
	fObject     = soap.Param{Name: "object", Type: "tns:ResponseObjectInfo"}
	fMonitoring = soap.Param{Name: "monitoring", Type: "tns:ResponseMonitoring"}
)

// functions is the function table of seeds 001/002 in the documents' order.
// Parameter requiredness is decided (the documents mark required
// parameters in red, which the text copies lost): see README.
var functions = []*function{
	{name: "login", params: []param{reqStr("username"), reqStr("password"), {name: "role_id", kind: kInt, required: true, notInt: CodeBadRoleID}},
		ret: "LoginResponse", fields: []soap.Param{{Name: "sid", Type: "xsd:string"}},
		doc: "Lietotāja autorizācija: atgriež sesijas atslēgu (30 min, piesaistīta IP adresei)."},
	{name: "logout", params: []param{sid()}, ret: "LogoutResponse",
		doc: "Darba sesijas pārtraukšana.", serve: (*State).logout},
	{name: "get_lists", params: []param{sid()}, ret: "GetListsResponse", fields: fLists,
		doc: "Lietotāja sarakstu iegūšana.", serve: (*State).getLists},
	{name: "get_objects", params: []param{sid(), listID("list_id"), {name: "start", kind: kInt}, {name: "rows", kind: kInt}},
		ret: "GetObjectsResponse", fields: []soap.Param{fList},
		doc: "Saraksta un tajā esošo objektu iegūšana (rows līdz 25 000).", serve: (*State).getObjects},
	{name: "get_object", params: []param{sid(), objectID("id")}, ret: "GetObjectResponse", fields: []soap.Param{fObject},
		doc: "Objekta iegūšana.", serve: (*State).getObject},
	{name: "add_list", params: []param{sid(), reqStr("name"), reqStr("type"), str("description"), str("form")},
		ret: "AddListResponse", fields: []soap.Param{fList},
		doc: "Saraksta izveidošana.", serve: (*State).addList},
	{name: "update_list", params: []param{sid(), listID("id"), str("name"), str("description")},
		ret: "UpdateListResponse", fields: []soap.Param{fList},
		doc: "Saraksta rediģēšana.", serve: (*State).updateList},
	{name: "delete_list", params: []param{sid(), listID("id")}, ret: "DeleteListResponse", fields: fLists,
		doc: "Saraksta dzēšana.", serve: (*State).deleteList},
	{name: "add_object", params: []param{sid(), listID("list_id"), reqStr("code"), reqStr("type"), str("name"), {name: "check_ur", kind: kBool}},
		ret: "AddObjectResponse", fields: []soap.Param{fObject},
		doc: "Objekta pievienošana sarakstam.", serve: (*State).addObject},
	{name: "update_object", params: []param{sid(), objectID("id"), str("address"), str("phone"), str("fax"), str("email"), str("www"), str("contact_person"), str("client_id")},
		ret: "UpdateObjectResponse", fields: []soap.Param{fObject},
		doc: "Objekta rediģēšana.", serve: (*State).updateObject},
	{name: "delete_object", params: []param{sid(), objectID("id"), {name: "list_id", kind: kInt, notInt: CodeBadListID}},
		ret: "DeleteObjectResponse", fields: fLists,
		doc: "Objekta dzēšana no visiem sarakstiem vai no viena saraksta.", serve: (*State).deleteObject},
	{name: "get_list_monitoring", params: []param{sid(), listID("list_id")}, ret: "GetListMonitoringResponse", fields: []soap.Param{fMonitoring},
		doc: "Monitoringa informācijas iegūšana.", serve: (*State).getListMonitoring},
	{name: "get_monitoring_sessions", params: []param{sid(), listID("list_id"), str("from"), str("to")},
		ret:    "GetMonitoringSessionsResponse",
		fields: []soap.Param{{Name: "sessions", Type: "tns:ResponseSessionArray"}, {Name: "session_count", Type: "xsd:int"}, {Name: "monitoring_id", Type: "xsd:int"}},
		doc:    "Saraksta monitoringa sesiju iegūšana.", serve: (*State).getMonitoringSessions},
	{name: "get_session_events", params: []param{sid(), listID("list_id"), {name: "session_id", kind: kInt, required: true}},
		ret: "GetSessionEventsResponse", fields: []soap.Param{{Name: "events", Type: "tns:ResponseEventArray"}},
		doc: "Monitoringa sesijas notikumu iegūšana.", serve: (*State).getSessionEvents},
	{name: "get_available_services", params: []param{sid(), listID("list_id")},
		ret: "GetAvailableServicesResponse", fields: []soap.Param{{Name: "services", Type: "tns:ResponseServiceArray"}},
		doc: "Sarakstam abonējamo pakalpojumu iegūšana.", serve: (*State).getAvailableServices},
	{name: "add_list_monitoring", params: monitoringParams, ret: "AddListMonitoringResponse", fields: []soap.Param{fMonitoring},
		doc: "Monitoringa izveidošana.", serve: (*State).addListMonitoring},
	{name: "update_list_monitoring", params: monitoringParams, ret: "UpdateListMonitoringResponse", fields: []soap.Param{fMonitoring},
		doc: "Monitoringa rediģēšana (jānorāda arī iepriekš izvēlētie pakalpojumi).", serve: (*State).updateListMonitoring},
}

var functionByName = func() map[string]*function {
	m := make(map[string]*function, len(functions))
	for _, f := range functions {
		m[f.name] = f
	}
	return m
}()

// Functions lists the API's function names in the documents' order.
func Functions() []string {
	out := make([]string, len(functions))
	for i, f := range functions {
		out[i] = f.name
	}
	return out
}

func (f *function) param(name string) (param, bool) {
	for _, p := range f.params {
		if p.name == name {
			return p, true
		}
	}
	return param{}, false
}

// responseTypes are the complex types of seed 001 "Atbilžu objekti", with
// their fields in the documents' order.
var responseTypes = []soap.ComplexType{
	{Name: "ResponseRole", Fields: []soap.Param{{Name: "id", Type: "xsd:int"}, {Name: "name", Type: "xsd:string"}, {Name: "rights", Type: "xsd:string"}}},
	{Name: "ResponseObject", Fields: []soap.Param{{Name: "id", Type: "xsd:int"}, {Name: "code", Type: "xsd:string"}, {Name: "virtual_id", Type: "xsd:string"},
		{Name: "client_id", Type: "xsd:string"}, {Name: "name", Type: "xsd:string"}, {Name: "status", Type: "xsd:string"},
		{Name: "created", Type: "xsd:string"}, {Name: "updated", Type: "xsd:string"}, {Name: "address", Type: "xsd:string"}}},
	{Name: "ResponseList", Fields: []soap.Param{{Name: "id", Type: "xsd:int"}, {Name: "name", Type: "xsd:string"}, {Name: "type", Type: "xsd:string"},
		{Name: "form", Type: "xsd:string"}, {Name: "description", Type: "xsd:string"}, {Name: "monitoring_id", Type: "xsd:int"},
		{Name: "object_count", Type: "xsd:int"}, {Name: "objects", Type: "tns:ResponseObjectArray"},
		{Name: "monitored_object_count", Type: "xsd:int"}, {Name: "users", Type: "tns:ResponseRoleArray"}}},
	{Name: "ResponseObjectInfo", Fields: []soap.Param{{Name: "id", Type: "xsd:int"}, {Name: "code", Type: "xsd:string"}, {Name: "virtual_id", Type: "xsd:string"},
		{Name: "name", Type: "xsd:string"}, {Name: "status", Type: "xsd:string"}, {Name: "created", Type: "xsd:string"},
		{Name: "updated", Type: "xsd:string"}, {Name: "address", Type: "xsd:string"}, {Name: "contact_person", Type: "xsd:string"},
		{Name: "user_address", Type: "xsd:string"}, {Name: "phone", Type: "xsd:string"}, {Name: "email", Type: "xsd:string"},
		{Name: "fax", Type: "xsd:string"}, {Name: "www", Type: "xsd:string"}, {Name: "client_id", Type: "xsd:string"}}},
	{Name: "ResponseMonitoring", Fields: []soap.Param{{Name: "monitoring_id", Type: "xsd:int"}, {Name: "list_id", Type: "xsd:int"},
		{Name: "email", Type: "xsd:string"}, {Name: "period", Type: "xsd:string"}, {Name: "start_date", Type: "xsd:string"},
		{Name: "end_date", Type: "xsd:string"}, {Name: "empty_email", Type: "xsd:boolean"}, {Name: "object_count", Type: "xsd:int"},
		{Name: "services", Type: "tns:ResponseServiceArray"}}},
	{Name: "ResponseService", Fields: []soap.Param{{Name: "type", Type: "xsd:string"}, {Name: "name", Type: "xsd:string"}}},
	{Name: "ResponseSession", Fields: []soap.Param{{Name: "id", Type: "xsd:int"}, {Name: "sent", Type: "xsd:string"}, {Name: "sent_events_count", Type: "xsd:int"}}},
	{Name: "ResponseEvent", Fields: []soap.Param{{Name: "event_type", Type: "xsd:string"}, {Name: "title", Type: "xsd:string"},
		{Name: "object_name", Type: "xsd:string"}, {Name: "object_code", Type: "xsd:string"}, {Name: "date", Type: "xsd:string"},
		{Name: "sent_date", Type: "xsd:string"}, {Name: "notes", Type: "xsd:string"}}},
}

// service describes the API for the WSDL, in Yii CWsdlGenerator's order:
// the array and struct types, then the functions.
func service(location string) soap.Service {
	s := soap.Service{Name: "ApiController", Namespace: Namespace, Location: location}
	s.Types = append(s.Types, soap.ComplexType{Name: "stringArray", ArrayOf: "xsd:string"})
	for _, t := range responseTypes {
		s.Types = append(s.Types, t)
		s.Types = append(s.Types, soap.ComplexType{Name: t.Name + "Array", ArrayOf: "tns:" + t.Name})
	}
	common := []soap.Param{{Name: "success", Type: "xsd:boolean"}, {Name: "message", Type: "xsd:string"}, {Name: "code", Type: "xsd:int"}}
	for _, f := range functions {
		fields := append(append([]soap.Param(nil), f.fields...), common...)
		s.Types = append(s.Types, soap.ComplexType{Name: f.ret, Fields: fields})
		params := []soap.Param{{Name: "signature", Type: "xsd:string"}}
		for _, p := range f.params {
			params = append(params, soap.Param{Name: p.name, Type: p.kind.xsd()})
		}
		s.Functions = append(s.Functions, soap.Function{Name: f.name, Params: params, Return: "tns:" + f.ret, Doc: f.doc})
	}
	return s
}

// pascal turns get_list_monitoring into GetListMonitoring.
func pascal(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
