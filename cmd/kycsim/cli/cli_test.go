package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func noEnv(string) string { return "" }

func TestHelpExitsZeroAndListsFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"--help"}, noEnv, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"-addr", "KYCSIM_ADDR", "-fixtures", "-seed", "-public-url", "-admin-token", "-journal-size", "-body-limit", "-log-format"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestBadFixtureStopsStartUpWithFilePathReason(t *testing.T) {
	dir := t.TempDir()
	bad := "client_types: []\nrisk_levels: []\nrisk_level_unset: x\nevents: []\nprofiles:\n  - id: p\n    name: P\n    users:\n      - id: 1\n        name: U\n        tokens:\n          - {id: 1, name: t, secret: short, abilities: [read]}\n    clients: []\n    webhooks: []\n"
	if err := os.WriteFile(filepath.Join(dir, "nilln.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := Main([]string{"--fixtures", dir, "--addr", "127.0.0.1:0"}, noEnv, &out, &errb)
	msg := errb.String()
	if code != 1 || !strings.Contains(msg, "nilln.yaml") || !strings.Contains(msg, "/profiles/0/users/0/tokens/0/secret") {
		t.Fatalf("exit %d, stderr %q", code, msg)
	}
}

func TestBadFlagExitsTwo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"--log-format", "xml"}, noEnv, &out, &errb); code != 2 {
		t.Fatalf("exit %d", code)
	}
	if code := Main(nil, func(k string) string {
		if k == "KYCSIM_SEED" {
			return "abc"
		}
		return ""
	}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "KYCSIM_SEED") {
		t.Fatalf("bad env: exit %d, %s", code, errb.String())
	}
}
