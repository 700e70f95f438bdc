package nilln_test

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

// seedCommands are the cURL commands of seed 000, verbatim: only the host
// (iks.nilln.lv → the test server) and the token (<API atslēga>) are
// replaced, and the doc's `-location`/`-request` typos read as
// `--location`/`--request`. The create command's second block, whose quotes
// the document garbles (`--form 'email="" \`), is read as the first block's
// form.
var seedCommands = []struct {
	section string
	args    []string
}{
	{"1. GET CLIENTS", []string{"--location", "HOST/api/v1/clients",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN"}},
	{"2. CREATE CLIENT", []string{"--location", "HOST/api/v1/clients",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN",
		"--form", `name="test"`, "--form", `type="legal"`, "--form", `reg_no="40103477934"`, "--form", `reference_no=""`,
		"--form", `email=""`, "--form", `comment=""`, "--form", `risk_level=""`, "--form", `is_active=""`, "--form", `set_at=""`, "--form", `reviewed_at=""`}},
	{"3. SHOW CLIENT", []string{"--location", "HOST/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN"}},
	{"4. UPDATE CLIENT", []string{"--location", "--request", "PUT", "HOST/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN",
		"--data", "{\n\"comment\": \"Lorem Ipsum\",\n}"}},
	{"5. DELETE CLIENT", []string{"--location", "--request", "DELETE", "HOST/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN"}},
	{"6. FORCE DELETE CLIENT", []string{"--location", "--request", "DELETE", "HOST/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172/force-destroy",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN"}},
	{"7. RESTORE CLIENT", []string{"--location", "--request", "POST", "HOST/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172/restore",
		"--header", "Accept: application/json", "--header", "Content-Type: application/json", "--header", "Authorization: Bearer TOKEN"}},
}

// curl runs the real curl binary so that the bytes on the wire are the
// ones the document's commands send (the --form + JSON content type quirk
// above all). It prints the status on the last line.
func curl(t *testing.T, host string, args []string) (status string, body string) {
	t.Helper()
	full := []string{"--silent", "--show-error", "--write-out", "\n%{http_code}"}
	for _, a := range args {
		a = strings.ReplaceAll(a, "HOST", host)
		a = strings.ReplaceAll(a, "TOKEN", tokAll)
		full = append(full, a)
	}
	out, err := exec.Command("curl", full...).Output()
	if err != nil {
		t.Fatalf("curl %v: %v", full, err)
	}
	i := bytes.LastIndexByte(out, '\n')
	return string(out[i+1:]), string(out[:i])
}

func TestSeed000CurlCommandsVerbatim(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("KYCSIM_REQUIRE_CURL") != "" {
			t.Fatal("curl is required (KYCSIM_REQUIRE_CURL is set) but not installed")
		}
		t.Skip("curl not installed")
	}
	e := newEnv(t, server.Options{})
	createBody := regexp.MustCompile(`^\{"data":\{"uuid":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}","type":"Juridiska persona","name":"Sabiedr\\u012bba ar ierobe\\u017eotu atbild\\u012bbu \\"DAGGA\\"","reg_no":"40103477934","reference_no":null,"email":null,"comment":null,"risk_level":"nav defin\\u0113ts","is_active":null,"set_at":null,"reviewed_at":null\}\}$`)
	for i, c := range seedCommands {
		t.Run(c.section, func(t *testing.T) {
			// Each command runs in a namespace of its own, as on a fresh
			// platform; restore first archives the client (its example
			// restores an archived one).
			ns := "curl-" + string(rune('a'+i))
			host := e.srv.URL() + "/t/" + ns
			if c.section == "7. RESTORE CLIENT" {
				if st, _ := curl(t, host, seedCommands[4].args); st != "204" {
					t.Fatalf("archive before restore: %s", st)
				}
			}
			status, body := curl(t, host, c.args)
			switch c.section {
			case "1. GET CLIENTS":
				if status != "200" || !strings.HasPrefix(body, `{"data":[{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"IT uz\u0146\u0113mums","risk_level":"zems","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]},`) ||
					!strings.Contains(body, `"per_page":15`) || !strings.Contains(body, `{"url":null,"label":"&laquo; iepriek\u0161\u0113jais","active":false}`) {
					t.Fatalf("%s %s", status, body)
				}
			case "2. CREATE CLIENT":
				if status != "201" || !createBody.MatchString(body) {
					t.Fatalf("%s %s", status, body)
				}
			case "3. SHOW CLIENT", "7. RESTORE CLIENT":
				if status != "200" || body != seedShowBody {
					t.Fatalf("%s %s", status, body)
				}
			case "4. UPDATE CLIENT":
				// The document's body has a trailing comma: Laravel reads no
				// input, answers 200 and changes nothing (SPEC.md §1).
				if status != "200" || body != seedShowBody {
					t.Fatalf("%s %s", status, body)
				}
				ns, _ := e.srv.Namespace(ns)
				entry := ns.Journal.List(emptyFilter)[0]
				if !strings.Contains(strings.Join(entry.Warnings, "\n"), "not valid JSON") {
					t.Fatalf("no JSON warning in the journal: %v", entry.Warnings)
				}
			case "5. DELETE CLIENT", "6. FORCE DELETE CLIENT":
				if status != "204" || body != "" {
					t.Fatalf("%s %q", status, body)
				}
			}
		})
	}
}
