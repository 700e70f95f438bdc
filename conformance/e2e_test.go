package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// TestSuiteAgainstKycsim runs every built-in case against an in-process
// kycsim with its default options and fixtures. A failure here means kycsim
// and a seed document (or SPEC.md) disagree: fix kycsim, not the case.
func TestSuiteAgainstKycsim(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole suite: run without -short")
	}
	srv := servertest.Start(t, server.Options{})
	var out, errOut bytes.Buffer
	code := Main([]string{"--target", srv.URL()}, noEnv, &out, &errOut)
	last := lastLine(out.String())
	if code != 0 {
		t.Errorf("exit status %d, want 0; %s\n%s%s", code, last, out.String(), errOut.String())
	}
	if strings.Contains(out.String(), " SKIP ") {
		t.Errorf("no case may be skipped against kycsim:\n%s", out.String())
	}
	t.Log(last)
}

// TestRealModeAgainstKycsim plays a real endpoint with kycsim (one
// namespace, no admin calls from the runner, tokens given as flags): the
// cases that run against real services must not lean on anything but the
// API, and the write cases must clean up after themselves.
func TestRealModeAgainstKycsim(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole suite: run without -short")
	}
	// The real platform's limit is met by --interval; here it is raised so
	// that the run takes no wall-clock time (not switched off: the cases
	// check the rate-limit headers of authenticated answers).
	srv := servertest.Start(t, server.Options{NILLN: nilln.Config{RateLimit: 1_000_000}})
	target := srv.URL() + "/t/real-mode"
	creds := tokensOfFixtures(t, target)
	args := []string{"--target", target, "--target-kind", "real", "--interval", "0"}
	for role, tok := range creds {
		args = append(args, "--token-"+role, tok.token)
	}
	for _, extra := range [][]string{nil, {"--allow-writes"}} {
		var out, errOut bytes.Buffer
		code := Main(append(args, extra...), noEnv, &out, &errOut)
		if code != 0 {
			t.Errorf("%v: exit status %d\n%s%s", extra, code, out.String(), errOut.String())
		}
		t.Logf("%v: %s", extra, lastLine(out.String()))
	}
	// Everything the write cases created is gone again.
	resp, err := http.Get(target + "/__admin/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var fx struct {
		NILLN struct {
			Profiles []struct {
				ID            string `json:"id"`
				ActiveClients int    `json:"active_clients"`
			} `json:"profiles"`
		} `json:"nilln"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&fx); err != nil {
		t.Fatal(err)
	}
	if p := fx.NILLN.Profiles; len(p) == 0 || p[0].ActiveClients != 46 {
		t.Errorf("after the real-mode run the first profile holds %+v, want the fixtures' 46 active clients", p)
	}
}

// tokensOfFixtures reads the tokens the way the runner does against kycsim;
// the test may call the admin API, the real-mode runner may not.
func tokensOfFixtures(t *testing.T, target string) map[string]tokenCred {
	t.Helper()
	resp, err := http.Get(target + "/__admin/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := credentialsFromFixtures(body, "nilln")
	if err != nil {
		t.Fatal(err)
	}
	if len(creds) != len(tokenRoles) {
		t.Fatalf("roles from the default fixtures: %v, want all of %v", creds, tokenRoles)
	}
	return creds
}
