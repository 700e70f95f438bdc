package peerdata_test

import (
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

const (
	bodyKeyMissing = `{"response":{"status":"Error","code":1001,"message":"API key is missing: send it in the Authorization header"}}`
	bodyKeyUnknown = `{"response":{"status":"Error","code":1002,"message":"API key is unknown"}}`
	bodyKeyRevoked = `{"response":{"status":"Error","code":1004,"message":"API key has been revoked"}}`
	bodyNoClient   = `{"response":{"status":"Error","code":1005,"message":"Client credentials are missing: authenticate with HTTP Basic (client id and secret)"}}`
	bodyBadClient  = `{"response":{"status":"Error","code":1005,"message":"Client credentials are invalid"}}`

	nameRequest    = `{"type_request":"Name","value":[{"PhoneNumber":"0671234567"}]}`
	respondPeriod  = `{"type_request":"Name","period":60}`
	identityPeriod = `{"type_request":"Identity","period":60}`
)

func TestGetToken(t *testing.T) {
	e := newEnv(t, server.Options{})
	cases := []struct {
		name, auth string
		status     int
		body       string
	}{
		{"limited client: its own scope", basic(limitedID, limitedSecret), 200,
			`{"response":{"status":"Success","code":0,"message":"API key issued"},"apiKey":"9BkqXttrGxiLA1aT1UVEZ6kmKHCBxAUBgEZ1Orpl3JDUfCRL","expiresAt":"2026-03-03T09:00:00Z","scope":["createrequest","respond","Address","Contacts","Name"]}`},
		{"respond-only client", basic(respondOnlyID, respondOnlySecret), 200,
			`{"response":{"status":"Success","code":0,"message":"API key issued"},"apiKey":"88UluKsqy28MG3ImqUivPTIXqQx1NdP2ub5D1g5aLauaHAtU","expiresAt":"2026-03-03T09:00:00Z","scope":["respond","All categories"]}`},
		{"no Authorization", "", 401, bodyNoClient},
		{"an API key instead of Basic", keyFull, 401, bodyNoClient},
		{"wrong secret", basic(fullID, limitedSecret), 401, bodyBadClient},
		{"unknown client", basic("nobody", fullSecret), 401, bodyBadClient},
		{"empty Basic", "Basic ", 401, bodyNoClient},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("GET", "/auth/getToken", c.auth, "")
			r.expect(t, c.status, c.body)
			if c.status == 401 && r.header.Get("WWW-Authenticate") != `Basic realm="peer-data", charset="UTF-8"` {
				t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
			if c.status == 200 {
				r.valid(t, "gettoken-response.json")
			} else {
				r.valid(t, "error-response.json")
			}
		})
	}
	// Every call issues another key; the earlier ones stay valid.
	k1, k2 := e.token(fullID, fullSecret), e.token(fullID, fullSecret)
	if k1 == k2 {
		t.Fatal("two getToken calls gave the same key")
	}
	for _, k := range []string{k1, k2} {
		e.respond(k, respondPeriod).expect(t, 200, "")
	}
	e.do("POST", "/auth/getToken", basic(fullID, fullSecret), "").
		expect(t, 405, `{"response":{"status":"Error","code":4005,"message":"Method POST is not allowed for /auth/getToken; use GET"}}`)
}

func TestKeyAnswers(t *testing.T) {
	e := newEnv(t, server.Options{})
	limitedFresh := e.token(limitedID, limitedSecret)
	respondOnly := e.token(respondOnlyID, respondOnlySecret)
	cases := []struct {
		name, path, auth, body string
		status                 int
		want                   string
	}{
		{"missing key", "/api/respond", "", respondPeriod, 401, bodyKeyMissing},
		{"blank key", "/api/respond", "   ", respondPeriod, 401, bodyKeyMissing},
		{"Bearer without key", "/api/createrequest", "Bearer ", nameRequest, 401, bodyKeyMissing},
		{"unknown key", "/api/respond", "NoSuchKey0000000000000000000000000000000", respondPeriod, 401, bodyKeyUnknown},
		{"client credentials instead of a key", "/api/respond", basic(fullID, fullSecret), respondPeriod, 401, bodyKeyUnknown},
		{"revoked fixture key", "/api/respond", keyRevoked, respondPeriod, 401, bodyKeyRevoked},
		{"revoked key as Bearer", "/api/createrequest", "Bearer " + keyRevoked, nameRequest, 401, bodyKeyRevoked},
		{"expired fixture key", "/api/createrequest", keyExpired, nameRequest, 401,
			`{"response":{"status":"Error","code":1003,"message":"API key expired at 2024-01-02T00:00:00Z"}}`},
		{"method out of scope (key)", "/api/createrequest", keyRespondOnly, nameRequest, 403,
			`{"response":{"status":"Error","code":1101,"message":"API key does not cover the method createrequest"}}`},
		{"method out of scope (client)", "/api/createrequest", respondOnly, nameRequest, 403,
			`{"response":{"status":"Error","code":1101,"message":"API key does not cover the method createrequest"}}`},
		{"category out of scope: createrequest", "/api/createrequest", keyLimited, `{"type_request":"Credit History","value":[{"PhoneNumber":"0671234567"}]}`, 403,
			`{"response":{"status":"Error","code":1102,"message":"API key does not cover type_request 'Credit History'"}}`},
		{"All categories needs every category", "/api/createrequest", limitedFresh, `{"type_request":"All categories","value":[{"PhoneNumber":"0671234567"}]}`, 403,
			`{"response":{"status":"Error","code":1102,"message":"API key does not cover type_request 'All categories'"}}`},
		{"category out of scope: respond", "/api/respond", keyLimited, identityPeriod, 403,
			`{"response":{"status":"Error","code":1102,"message":"API key does not cover type_request 'Identity'"}}`},
		{"limited key in scope", "/api/createrequest", keyLimited, nameRequest, 200, ""},
		{"bare key", "/api/respond", keyFull, respondPeriod, 200, ""},
		{"Bearer key", "/api/respond", "Bearer " + keyFull, respondPeriod, 200, ""},
		{"lower-case bearer", "/api/respond", "bearer " + keyFull, respondPeriod, 200, ""},
		{"respond-only key responds", "/api/respond", keyRespondOnly, respondPeriod, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", c.path, c.auth, c.body)
			r.expect(t, c.status, c.want)
			if c.status != 200 {
				r.valid(t, "error-response.json")
			}
		})
	}
}

// A key works until 24 hours after its issue on the emulator clock.
func TestKeyExpiry(t *testing.T) {
	e := newEnv(t, server.Options{})
	key := e.token(fullID, fullSecret)
	e.advance("23h59m59s")
	e.respond(key, respondPeriod).expect(t, 200, "")
	e.respond(keyFull, respondPeriod).expect(t, 200, "") // a fixture key without issued_at never expires
	e.advance("1s")
	want := `{"response":{"status":"Error","code":1003,"message":"API key expired at 2026-03-03T09:00:00Z"}}`
	e.respond(key, respondPeriod).expect(t, 401, want)
	e.create(key, nameRequest).expect(t, 401, want)
	if w := e.lastWarnings(); w != "the key expired 0s ago (keys are valid 24 hours); GET /auth/getToken issues a new one" {
		t.Errorf("warning %q", w)
	}
	e.advance("400d")
	e.respond(keyFull, respondPeriod).expect(t, 200, "")
	// A new key from getToken works again.
	e.respond(e.token(fullID, fullSecret), respondPeriod).expect(t, 200, "")
}

func TestRevokeThroughAdmin(t *testing.T) {
	e := newEnv(t, server.Options{})
	key := e.token(fullID, fullSecret)
	e.create(key, nameRequest).expect(t, 200, "")
	r := e.admin("POST", "/peerdata/keys/"+key+"/revoke", "")
	r.expect(t, 200, "")
	if m := r.json(t); m["status"] != "revoked" || m["revoked_at"] != "2026-03-02T09:00:00Z" || m["client"] != fullID || m["source"] != "getToken" {
		t.Errorf("revoke answered %s", r.body)
	}
	e.create(key, nameRequest).expect(t, 401, bodyKeyRevoked)
	e.respond(key, respondPeriod).expect(t, 401, bodyKeyRevoked)
	// Revoking again is harmless; an unknown key is 404.
	e.admin("POST", "/peerdata/keys/"+key+"/revoke", "").expect(t, 200, "")
	e.admin("POST", "/peerdata/keys/NoSuchKey/revoke", "").expect(t, 404, "")
	// The client's other keys are untouched.
	e.respond(keyFull, respondPeriod).expect(t, 200, "")
}

// strict mode takes the key only bare, as the document sends it.
func TestStrictRefusesBearer(t *testing.T) {
	e := newEnv(t, server.Options{Strict: true})
	e.respond("Bearer "+keyFull, respondPeriod).expect(t, 401, bodyKeyUnknown)
	e.respond(keyFull, respondPeriod).expect(t, 200, "")
}
