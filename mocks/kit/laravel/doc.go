// Package laravel reproduces the HTTP behaviour of a Laravel 10 + Sanctum
// JSON API: how it reads request bodies ($request->all() after the global
// TrimStrings and ConvertEmptyStringsToNull middleware), its validation
// messages and 422 body, its error bodies, its paginated resource
// collections and its rate limiter headers.
//
// The package knows nothing of any particular API: field names, models and
// labels are passed in by the caller. Every JSON body is written through
// phpjson so the bytes are those of PHP's json_encode.
//
// Where kycsim is more lenient than Laravel (for example a multipart body
// sent under a JSON content type), the lenient reading is returned together
// with a warning and a flag, so that a strict caller can answer exactly as
// Laravel would.
package laravel
