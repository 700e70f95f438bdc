package emu

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// WriteAdminJSON writes v as an admin API answer (kycsim's own format, not
// an emulated API's).
func WriteAdminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// WriteAdminError writes {"error": msg}.
func WriteAdminError(w http.ResponseWriter, status int, msg string) {
	WriteAdminJSON(w, status, map[string]string{"error": msg})
}

// DecodeAdminJSON reads a small JSON admin body into v, refusing unknown
// fields so that a typo is an error rather than a silent no-op.
func DecodeAdminJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the body must be a JSON object")
		}
		return fmt.Errorf("invalid JSON body: %v", err)
	}
	return nil
}
