package lursoft

import (
	"fmt"
	"net/http"
)

// Error codes of seed 001 "Kļūdu kodi" (seed 002 "Коды ошибок").
const (
	CodeInternal          = 1000
	CodeNoAPIRights       = 1001
	CodeNoListAccess      = 1002
	CodeNoObjectAccess    = 1003
	CodeObjectLimit       = 1004
	CodeNoActionRights    = 1005
	CodeNoSID             = 2000
	CodeMissingParams     = 2001
	CodeNoCredentials     = 2002
	CodeLoginFailed       = 2003
	CodeBadRoleID         = 2004
	CodeNoSession         = 2005
	CodeWrongIP           = 2006
	CodeSessionExpired    = 2007
	CodeListNotFound      = 2008
	CodeBadListID         = 2009
	CodeBadObjectID       = 2010
	CodeObjectNotFound    = 2011
	CodeWrongObjectType   = 2012
	CodeObjectInList      = 2013
	CodeLiquidated        = 2014
	CodeReorganised       = 2015
	CodeCompanyNotFound   = 2016
	CodeEmptyList         = 2017
	CodeNoMonitoring      = 2018
	CodeObjectNotInList   = 2019
	CodeValidation        = 2020
	CodeTooManyObjects    = 2021
	CodeNoKey             = 3000
	CodeNoSignature       = 3001
	CodeSignatureMismatch = 3002
)

// Codes lists every documented error code, in the documents' order.
var Codes = []int{
	1000, 1001, 1002, 1003, 1004, 1005,
	2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021,
	3000, 3001, 3002,
}

// Languages of the messages (Config.Language).
const (
	Latvian = "lv" // seed 001, the default
	Russian = "ru" // seed 002
	English = "en" // kycsim's translation
)

// HTTPStatus is the status an answer with code is sent with (SPEC.md §2,
// decided from the documents' 200/400/401/403/500 table); 0 is success.
func HTTPStatus(code int) int {
	switch {
	case code == 0:
		return http.StatusOK
	case code == CodeInternal:
		return http.StatusInternalServerError
	case code > CodeInternal && code <= CodeNoActionRights, code == CodeNoKey:
		return http.StatusForbidden
	case code == CodeLoginFailed, code == CodeNoSession, code == CodeWrongIP, code == CodeSessionExpired, code == CodeSignatureMismatch:
		return http.StatusUnauthorized
	default:
		return http.StatusBadRequest
	}
}

// messages holds each code's text: Latvian from seed 001's table, Russian
// from seed 002's, English translated by kycsim. 2020's table text is a
// placeholder ("various validation messages"): answers carry the specific
// validation message instead (validation below).
var messages = map[int][3]string{
	1000: {"Notika servera iekšēja kļūda", "Произошла внутренняя ошибка сервера", "An internal server error occurred"},
	1001: {"Šai lomai nav tiesību izmantot API", "У этой роли нет прав использовать API", "This role has no right to use the API"},
	1002: {"Nav tiesību piekļūt šim sarakstam", "Нет права доступа к этому списку", "No right to access this list"},
	1003: {"Nav tiesību piekļūt šim objektam vai Objektu nevar dzēst no visa portfeļa, jo objekts atrodas sarakstā, uz kuru Jums nav tiesības.",
		"Нет права доступа к этому объекту или объект нельзя удалить из всего портфеля, поскольку объект находится в списке, на который у Вас нет прав.",
		"No right to access this object, or the object cannot be deleted from the whole portfolio because it is in a list you have no rights to."},
	1004: {"Sasniegts objektu skaita ierobežojums. Lai palielinātu Klientu portfeļa objektu limitu, lūdzu sazināties ar administrāciju!",
		"Ограничение количества достигнутых объектов. Чтобы увеличить лимит объектов Портфеля Клиентов, пожалуйста свяжитесь с администрацией!",
		"The object limit has been reached. To raise the Klientu Portfelis object limit, please contact the administration!"},
	1005: {"Lomai nav tiesību veikt konkrēto darbību", "У роли нет разрешения на выполнение этого действия.", "The role has no right to perform this action"},
	2000: {"Nav norādīts sesijas ID", "Не указан ID сессии", "The session ID is missing"},
	2001: {"Nav norādīti visi parametri", "Не указаны все параметры", "Not all parameters are given"},
	2002: {"Nav norādīti autorizācijas rekvizīti", "Не указаны реквизиты авторизации", "The login details are missing"},
	2003: {"Autorizācija neveiksmīga", "Авторизация неуспешна", "Login failed"},
	2004: {"Padots nekorekts lomas identifikators", "Указан некорректный идентификатор роли", "Invalid role identifier"},
	2005: {"Sesija neeksistē", "Сессия не существует", "The session does not exist"},
	2006: {"Neatbilstoša IP adrese", "Несоответствующий IP адрес", "IP address mismatch"},
	2007: {"Sesija beigusies", "Сессия окончена", "The session has expired"},
	2008: {"Saraksts nav atrasts", "Список не найден", "List not found"},
	2009: {"Padots nekorekts saraksta identifikators", "Указан некорректный идентификатор списка", "Invalid list identifier"},
	2010: {"Padots nekorekts objekta identifikators", "Указан некорректный идентификатор объекта", "Invalid object identifier"},
	2011: {"Objekts nav atrasts", "Объект не найден", "Object not found"},
	2012: {"Sarakstam nevar pievienot šāda tipa objektus", "В список невозможно добавить этого типа объекты", "Objects of this type cannot be added to the list"},
	2013: {"Objekts jau ir sarakstā", "Объект уже есть в списке", "The object is already in the list"},
	2014: {"Uzņēmums ir likvidēts", "Предприятие ликвидировано", "The company has been liquidated"},
	2015: {"Uzņēmums ir reorganizēts", "Предприятие реорганизовано", "The company has been reorganised"},
	2016: {"Uzņēmums nav atrasts", "Предприятие не найдено", "Company not found"},
	2017: {"Sarakstā nav neviena objekta, kuru monitorēt", "В списке нет ни одного объекта для мониторинга", "The list has no object to monitor"},
	2018: {"Šim sarakstam nav izveidots monitorings", "Для этого списка не создан мониторинг", "No monitoring has been set up for this list"},
	2019: {"Objekts neatrodas izvēlētajā sarakstā", "Объект не находится в выбранном списке", "The object is not in the selected list"},
	2020: {"Dažādi validācijas kļūdu paziņojumi", "Различные сообщения об ошибках валидации", "Validation error"},
	2021: {"Sarakstā ir vairāk objektu kā norādītajā limitā", "В списке больше объектов, как указанный лимит", "The list has more objects than the given limit"},
	3000: {"Šai lomai nav uzģenerēts SSL sertifikāts", "Для этой роли не сгенерирован SSL сертификат", "No SSL certificate has been generated for this role"},
	3001: {"Nav norādīts SSL paraksts", "Подпись SSL не указана", "The SSL signature is missing"},
	3002: {"Dati neatbilst parakstam", "Данные не соответствуют подписи", "The data does not match the signature"},
}

// Success messages: login's is the document's; the others are decided.
var (
	msgLoginOK  = [3]string{"Autorizācija veiksmīga", "Авторизация успешна", "Login successful"}
	msgLogoutOK = [3]string{"Sesija pārtraukta", "Сессия прекращена", "Session ended"}
	msgOK       = [3]string{"Pieprasījums veiksmīgi izpildīts", "Запрос успешно выполнен", "Request completed successfully"}
)

// validation messages of code 2020 (decided: the documents only say
// "various validation messages"). %s and %d take parameter names and limits.
type validation int

const (
	vListNameLong validation = iota
	vListType
	vListForm
	vObjectType
	vObjectCode
	vTooLong
	vEmail
	vPeriod
	vDate
	vEndBeforeStart
	vService
	vMonitoringExists
	vNotInt
	vNegative
	vSessionNotFound
)

var validations = map[validation][3]string{
	vListNameLong:     {"Saraksta nosaukums nedrīkst būt garāks par 100 simboliem", "Название списка не может быть длиннее 100 символов", "The list name may not be longer than 100 characters"},
	vListType:         {"Nekorekts saraksta tips. Iespējamās vērtības: PERSONS, PLEDGES, ADDRESS, KEYWORDS, ESTONIAS, CADASTERS", "Некорректный тип списка. Возможные значения: PERSONS, PLEDGES, ADDRESS, KEYWORDS, ESTONIAS, CADASTERS", "Invalid list type. Allowed values: PERSONS, PLEDGES, ADDRESS, KEYWORDS, ESTONIAS, CADASTERS"},
	vListForm:         {"Nekorekta saraksta forma. Iespējamās vērtības: SIMPLE, OUTERID", "Некорректная форма списка. Возможные значения: SIMPLE, OUTERID", "Invalid list form. Allowed values: SIMPLE, OUTERID"},
	vObjectType:       {"Nekorekts objekta tips", "Некорректный тип объекта", "Invalid object type"},
	vObjectCode:       {"Nekorekts objekta kods (%s)", "Некорректный код объекта (%s)", "Invalid object code (%s)"},
	vTooLong:          {"Parametrs %s nedrīkst būt garāks par %d simboliem", "Параметр %s не может быть длиннее %d символов", "Parameter %s may not be longer than %d characters"},
	vEmail:            {"Nekorekta e-pasta adrese: %s", "Некорректный адрес эл-почты: %s", "Invalid e-mail address: %s"},
	vPeriod:           {"Nekorekts monitoringa periods. Iespējamās vērtības: D, W, M, O", "Некорректный период мониторинга. Возможные значения: D, W, M, O", "Invalid monitoring period. Allowed values: D, W, M, O"},
	vDate:             {"Parametram %s jābūt datumam formātā YYYY-MM-DD", "Параметр %s должен быть датой в формате YYYY-MM-DD", "Parameter %s must be a date in the form YYYY-MM-DD"},
	vEndBeforeStart:   {"Monitoringa beigu datums nedrīkst būt agrāks par sākuma datumu", "Дата конца мониторинга не может быть раньше даты начала", "The monitoring end date may not be before its start date"},
	vService:          {"Pakalpojums %s šim sarakstam nav pieejams", "Услуга %s недоступна для этого списка", "Service %s is not available for this list"},
	vMonitoringExists: {"Šim sarakstam jau ir izveidots monitorings", "Для этого списка уже создан мониторинг", "This list already has a monitoring"},
	vNotInt:           {"Parametram %s jābūt veselam skaitlim", "Параметр %s должен быть целым числом", "Parameter %s must be an integer"},
	vNegative:         {"Parametrs %s nedrīkst būt negatīvs", "Параметр %s не может быть отрицательным", "Parameter %s may not be negative"},
	vSessionNotFound:  {"Monitoringa sesija nav atrasta", "Сессия мониторинга не найдена", "Monitoring session not found"},
}

func langIndex(lang string) int {
	switch lang {
	case Russian:
		return 1
	case English:
		return 2
	}
	return 0
}

// Message returns the documented text of code in lang ("lv", "ru", "en").
func Message(code int, lang string) string {
	return messages[code][langIndex(lang)]
}

func (a *API) msg(texts [3]string) string { return texts[langIndex(a.cfg.Language)] }

// fail is an error answer: a code and its message.
type fail struct {
	code int
	text string
}

func (a *API) failure(code int) *fail { return &fail{code: code, text: Message(code, a.cfg.Language)} }

func (a *API) invalid(v validation, args ...any) *fail {
	text := validations[v][langIndex(a.cfg.Language)]
	if len(args) > 0 {
		text = fmt.Sprintf(text, args...)
	}
	return &fail{code: CodeValidation, text: text}
}
