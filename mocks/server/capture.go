package server

import (
	"bytes"
	"io"
	"net/http"
	"runtime/debug"
	"unicode/utf8"
)

// journalBodyLimit is how much of each body the journal keeps.
const journalBodyLimit = 4 << 10

// recorder passes a response through while remembering its status and the
// start of its body for the journal.
type recorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	head        bytes.Buffer
	truncated   bool
}

func newRecorder(w http.ResponseWriter) *recorder {
	return &recorder{ResponseWriter: w, status: http.StatusOK}
}

func (r *recorder) WriteHeader(code int) {
	if r.wroteHeader {
		return
	}
	r.status, r.wroteHeader = code, true
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if !r.wroteHeader {
		r.WriteHeader(http.StatusOK)
	}
	keep(&r.head, &r.truncated, p)
	return r.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) text() (string, bool) { return printable(r.head.Bytes()), r.truncated }

// bodyTap limits a request body to the configured size and keeps its start
// for the journal as handlers read it.
type bodyTap struct {
	rc        io.ReadCloser
	head      bytes.Buffer
	truncated bool
}

func newBodyTap(r *http.Request, limit int64) *bodyTap {
	t := &bodyTap{}
	if r.Body == nil || r.Body == http.NoBody {
		return t
	}
	t.rc = http.MaxBytesReader(nil, r.Body, limit)
	r.Body = t
	return t
}

func (t *bodyTap) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	keep(&t.head, &t.truncated, p[:n])
	return n, err
}

func (t *bodyTap) Close() error { return t.rc.Close() }

func (t *bodyTap) text() (string, bool) { return printable(t.head.Bytes()), t.truncated }

func keep(buf *bytes.Buffer, truncated *bool, p []byte) {
	room := journalBodyLimit - buf.Len()
	if room <= 0 {
		if len(p) > 0 {
			*truncated = true
		}
		return
	}
	if len(p) > room {
		p, *truncated = p[:room], true
	}
	buf.Write(p)
}

// printable keeps a body readable in the journal's JSON: invalid UTF-8
// (binary uploads, a cut multi-byte character) becomes U+FFFD.
func printable(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

func stack() string { return string(debug.Stack()) }
