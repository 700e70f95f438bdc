#!/usr/bin/env bash
# Builds kycsim, starts it on a free loopback port, runs the real Lursoft
# clients (PHP SoapClient, node-soap) against it and stops it.
# Needs: go, php-cli with the soap and openssl extensions, node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
bin="$work/kycsim"
log="$work/kycsim.log"
go build -o "$bin" ./cmd/kycsim

# Port 0: the kernel picks a free port; kycsim logs the address it got.
"$bin" --addr 127.0.0.1:0 --log-format json 2>"$log" &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

addr=""
for _ in $(seq 100); do # at most 10 s
  addr="$(sed -n 's/.*"msg":"kycsim listening","addr":"\([^"]*\)".*/\1/p' "$log" | head -n 1)"
  if [ -n "$addr" ] && curl -fsS "http://$addr/__admin/health" >/dev/null 2>&1; then
    break
  fi
  addr=""
  sleep 0.1
done
if [ -z "$addr" ]; then
  echo "kycsim did not start:" >&2
  cat "$log" >&2
  exit 1
fi
base="http://$addr"
echo "kycsim at $base"

if [ ! -d examples/node/node_modules/soap ]; then
  (cd examples/node && npm ci --no-audit --no-fund --loglevel=error)
fi

status=0
echo "== PHP SoapClient (examples/php)"
php examples/php/lursoft_client.php "$base" || status=1
echo "== node-soap (examples/node)"
node examples/node/lursoft_client.js "$base" || status=1
exit $status
