package laravel

import (
	"net/http"
	"strings"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// WriteJSON writes v as Laravel's JsonResponse does: the json_encode bytes
// (no trailing newline), `Content-Type: application/json` and, unless the
// caller set one, Symfony's default `Cache-Control: no-cache, private`.
//
// When v cannot be encoded (malformed UTF-8, INF/NAN) Laravel's
// JsonResponse throws and the exception handler answers 500 Server Error;
// WriteJSON does the same.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := phpjson.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = phpjson.Marshal(ServerError())
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache, private")
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func message(text string) phpjson.Object {
	return phpjson.Object{{Key: "message", Value: text}}
}

// Unauthenticated is the 401 body of the auth:sanctum middleware.
func Unauthenticated() phpjson.Object { return message("Unauthenticated.") }

// InvalidAbility is the 403 body of Sanctum's ability middleware
// (MissingAbilityException).
func InvalidAbility() phpjson.Object { return message("Invalid ability provided.") }

// ModelNotFound is the 404 body of a failed route model binding or
// findOrFail, e.g. ModelNotFound(`App\Models\User`, id). With an empty id
// the message ends with a full stop, as ModelNotFoundException::setModel
// writes it when no ids are known.
func ModelNotFound(model, id string) phpjson.Object {
	if id == "" {
		return message("No query results for model [" + model + "].")
	}
	return message("No query results for model [" + model + "] " + id)
}

// RouteNotFound is the 404 body for a path no route matches. path is the
// request path as sent (r.URL.EscapedPath()): Laravel prints
// $request->path(), the still-encoded path without its surrounding
// slashes, or "/" for the root.
func RouteNotFound(path string) phpjson.Object {
	return message("The route " + requestPath(path) + " could not be found.")
}

// MethodNotAllowed is the 405 body when the path matches routes of other
// methods only (AbstractRouteCollection::requestMethodNotAllowed). allowed
// should come from SupportedMethods so its order is Laravel's; pair it with
// SetAllow on the response headers.
func MethodNotAllowed(method, path string, allowed []string) phpjson.Object {
	return message("The " + method + " method is not supported for route " + requestPath(path) +
		". Supported methods: " + strings.Join(allowed, ", ") + ".")
}

// TooManyAttempts is the 429 body of ThrottleRequests.
func TooManyAttempts() phpjson.Object { return message("Too Many Attempts.") }

// PostTooLarge is the 413 body of Laravel 10's ValidatePostSize middleware:
// it throws PostTooLargeException without a message, and the handler shows
// an HTTP exception's own message, so the message is empty. (Laravel 11
// added the text "The POST data is too large.")
func PostTooLarge() phpjson.Object { return message("") }

// ServerError is the 500 body of any unhandled exception with APP_DEBUG off.
func ServerError() phpjson.Object { return message("Server Error") }

// SetAllow sets the Allow header as Symfony's MethodNotAllowedHttpException
// does: the methods upper-cased and joined by ", ".
func SetAllow(h http.Header, allowed []string) {
	h.Set("Allow", strings.ToUpper(strings.Join(allowed, ", ")))
}

// routerVerbs is Illuminate\Routing\Router::$verbs, the order in which
// Laravel lists the methods a path supports.
var routerVerbs = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// SupportedMethods lists, in Laravel's order, the methods other than
// requestMethod for which the path has a route. routeMethods are the
// methods of the routes matching the path; HEAD is implied by GET, as
// Route::get registers both. Methods outside Router::$verbs are ignored,
// as Laravel never checks them.
func SupportedMethods(routeMethods []string, requestMethod string) []string {
	has := make(map[string]bool, len(routeMethods)+1)
	for _, m := range routeMethods {
		m = strings.ToUpper(m)
		has[m] = true
		if m == "GET" {
			has["HEAD"] = true
		}
	}
	var out []string
	for _, v := range routerVerbs {
		if has[v] && v != strings.ToUpper(requestMethod) {
			out = append(out, v)
		}
	}
	return out
}

// requestPath is Illuminate\Http\Request::path() for a raw request path.
func requestPath(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/"
	}
	return p
}
