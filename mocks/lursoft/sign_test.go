package lursoft_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/lursoft"
)

// TestSignMain: the envelope `kycsim sign` prints is accepted as it is.
func TestSignMain(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	var out, errOut bytes.Buffer
	code := lursoft.SignMain([]string{"--function", "login", "--param", "role_id=1234", "--param", "username=lietotaja_vards",
		"--param", "password=parole", "--url", e.srv.URL()}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	if !strings.HasPrefix(text, `canonical JSON: {"username":"lietotaja_vards","password":"parole","role_id":1234}`+"\nsha256: 295b4f42ce91acf229f051f8cc6f01e85130e82a28041e0b9cbd5f4c5f68a3e2\nsignature: ") {
		t.Errorf("output:\n%s", text)
	}
	start := strings.Index(text, "<?xml")
	end := strings.Index(text, "</SOAP-ENV:Envelope>") + len("</SOAP-ENV:Envelope>")
	resp, err := http.Post(e.srv.URL()+"/api/wsdl?ws=1", "text/xml", strings.NewReader(text[start:end]))
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != 200 || !strings.Contains(body, "Autorizācija veiksmīga") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}

	// With a key file, a forced type and xsi:nil.
	dir := t.TempDir()
	pemPath := filepath.Join(dir, "key.pem")
	keyPEM, _ := os.ReadFile("../../fixtures/keys/lursoft-role-1300.key.pem")
	os.WriteFile(pemPath, keyPEM, 0o600)
	out.Reset()
	if code := lursoft.SignMain([]string{"--function", "get_objects", "--sid", "abc", "--param", "list_id:string=6750", "--param", "rows=<nil>", "--key", pemPath}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(out.String(), `canonical JSON: {"sid":"abc","list_id":"6750"}`) || !strings.Contains(out.String(), `<rows xsi:nil="true"/>`) {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestSignMainErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--function", "nope"},
		{"--function", "login", "--param", "nope=1"},
		{"--function", "login", "--param", "username"},
		{"--function", "login", "--param", "role_id=abc"},
		{"--function", "login", "--param", "username:weird=x"},
		{"--function", "login", "--key", "/does/not/exist"},
		{"--function", "login", "extra"},
	} {
		var out, errOut bytes.Buffer
		if code := lursoft.SignMain(args, &out, &errOut); code != 2 || errOut.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
	}
}
