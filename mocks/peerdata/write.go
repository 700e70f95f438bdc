package peerdata

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Codes of ApiRequestStatus (SPEC.md §3: the shape is decided, and so are
// the codes): 0 on success, one code per kind of failure otherwise, so a
// client can tell the cases apart without parsing the message.
const (
	CodeSuccess = 0

	CodeKeyMissing        = 1001 // 401: no Authorization header, or an empty one
	CodeKeyUnknown        = 1002 // 401: no such key
	CodeKeyExpired        = 1003 // 401: issued more than 24 hours ago
	CodeKeyRevoked        = 1004 // 401: revoked
	CodeClientCredentials = 1005 // 401: getToken without valid HTTP Basic client credentials

	CodeMethodOutOfScope   = 1101 // 403: the key does not cover createrequest / respond
	CodeCategoryOutOfScope = 1102 // 403: the key does not cover the type_request category

	CodeMalformedJSON = 2001 // 400: the body is not one JSON value
	CodeInvalidBody   = 2002 // 400: the body does not match the request schema

	CodeUnknownRequests = 3001 // 404: none of the idRequest values is known (to this client)

	CodeRouteNotFound    = 4004 // 404: no such path under /auth/
	CodeMethodNotAllowed = 4005 // 405: a known path with another method
	CodeBodyTooLarge     = 4013 // 413: the body is over the server's limit
	CodeInternalError    = 5000 // 500
	CodeUnavailable      = 5003 // 503: too many namespaces
)

// Request statuses, verbatim from seed 004 (Panding is the document's
// spelling; clients compare against it).
const (
	StatusDone    = "Done"
	StatusPanding = "Panding"
)

// apiStatus is ApiRequestStatus.
type apiStatus struct {
	Status  string `json:"status"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func success(message string) apiStatus {
	return apiStatus{Status: "Success", Code: CodeSuccess, Message: message}
}

// errorBody is every error answer: the response object and, for a body
// that fails validation, the problems.
type errorBody struct {
	Response apiStatus    `json:"response"`
	Errors   []fieldError `json:"errors,omitempty"`
}

// fieldError is one problem of a request body. Index is the position of the
// array item (value or idRequest) the problem is in.
type fieldError struct {
	Index  *int   `json:"index,omitempty"`
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type tokenBody struct {
	Response  apiStatus `json:"response"`
	APIKey    string    `json:"apiKey"`
	ExpiresAt string    `json:"expiresAt"`
	Scope     []string  `json:"scope"`
}

// createdItem is one item of createrequest's parametrRequest: the
// document's capitalised IdDocument and PhoneNumber.
type createdItem struct {
	IdDocument  string `json:"IdDocument"`
	PhoneNumber string `json:"PhoneNumber"`
	IdRequest   string `json:"idRequest"`
}

type createdBody struct {
	Response        apiStatus     `json:"response"`
	ParametrRequest []createdItem `json:"parametrRequest"`
}

// respondItem is one item of respond's parametrRequest: lower-case
// idDocument and phoneNumber, unlike createrequest (seed 004, verbatim).
type respondItem struct {
	IdDocument     string   `json:"idDocument"`
	PhoneNumber    string   `json:"phoneNumber"`
	IdRequest      string   `json:"idRequest"`
	Status         string   `json:"status"`
	RequestDetails []detail `json:"requestDetails"`
}

// detail is one fact a peer shared; idPpeers is the document's spelling.
type detail struct {
	IdPpeers   string `json:"idPpeers"`
	GroupData  string `json:"groupData"`
	FieldName  string `json:"fieldName"`
	FieldValue string `json:"fieldValue"`
}

type respondBody struct {
	Response        apiStatus     `json:"response"`
	ParametrRequest []respondItem `json:"parametrRequest"`
}

// writeJSON writes v compactly, with '<', '>', '&' and non-ASCII text as
// they are (decided: nothing is known of the real service's encoder).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		_ = json.NewEncoder(&buf).Encode(errorBody{Response: apiStatus{Status: "Error", Code: CodeInternalError, Message: "Internal error"}})
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// fail writes an error answer with its code and message.
func fail(w http.ResponseWriter, status, code int, message string, errs ...fieldError) {
	writeJSON(w, status, errorBody{Response: apiStatus{Status: "Error", Code: code, Message: message}, Errors: errs})
}
