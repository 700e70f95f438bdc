#!/usr/bin/env bash
# Regenerates the golden files from real PHP (php8.2-cli, php8.2-soap,
# php8.2-xml) and checks the WSDL with real clients. The Go tests only read
# what this writes; they never need PHP or node.
#
#   bash testdata/run.sh            # WSDL, requests, goldens
#   bash testdata/run.sh clients    # also PHP SoapClient and node-soap checks
set -euo pipefail
cd "$(dirname "$0")"
port=8099

php yii_wsdl.php service.json > golden/service.wsdl 2>/dev/null
php cases.php

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is in use" >&2
    exit 1
fi
php -S 127.0.0.1:$port server.php >/tmp/kycsim-soap-php.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
done

if [ "${1:-}" = clients ]; then
    php clients/php_client.php "http://127.0.0.1:$port"
    if [ -d "${NODE_SOAP_DIR:-/tmp/kycsim-node-soap}/node_modules/soap" ]; then
        NODE_PATH="${NODE_SOAP_DIR:-/tmp/kycsim-node-soap}/node_modules" node clients/node_client.js "http://127.0.0.1:$port"
    else
        echo "node-soap not installed: (cd ${NODE_SOAP_DIR:-/tmp/kycsim-node-soap} && npm i soap) to check it" >&2
    fi
fi
php golden.php "http://127.0.0.1:$port"
