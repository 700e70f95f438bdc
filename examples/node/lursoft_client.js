// node-soap against kycsim's Lursoft Klientu Portfelis emulation: reads the
// WSDL, logs in and lists the lists, signing each request as seed 001
// describes (PHP json_encode of the parameters in the documented order,
// RSA SHA-256, base64).
//
//   node lursoft_client.js [BASE_URL] [PRIVATE_KEY_PEM]
//
// The last line is "N passed, N failed"; the exit status is 1 on a failure.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const soap = require('soap');

const base = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const keyFile = process.argv[3] || path.join(__dirname, '..', '..', 'fixtures', 'keys', 'lursoft-role-1234.key.pem');
const privateKey = fs.readFileSync(keyFile, 'utf8');
const prefix = `/t/node-example-${process.pid}`;

// phpJSON is json_encode with default flags for strings, ints and bools:
// "/" as "\/" and every non-ASCII character as \uXXXX.
function phpJSON(value) {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function sign(params) {
  return crypto.sign('sha256', Buffer.from(phpJSON(params)), privateKey).toString('base64');
}

let passed = 0;
let failed = 0;
function check(what, ok, detail) {
  if (ok) {
    passed++;
    console.log(`PASS ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what} ${detail || ''}`);
  }
}

// plain drops node-soap's xsi:type bookkeeping ({attributes, $value}).
function plain(v) {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    if ('$value' in v) return plain(v.$value);
    const out = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'attributes') out[k] = plain(x);
    return out;
  }
  return v;
}

async function call(client, fn, params) {
  const [result] = await client[`${fn}Async`]({ signature: sign(params), ...params });
  return plain(result && result.return ? result.return : result);
}

async function main() {
  const client = await soap.createClientAsync(`${base}${prefix}/api/wsdl`);
  const description = client.describe();
  check('the WSDL describes login and get_lists',
    Boolean(description.ApiControllerService.ApiControllerPort.login && description.ApiControllerService.ApiControllerPort.get_lists));

  const login = await call(client, 'login', { username: 'lietotaja_vards', password: 'parole', role_id: 1234 });
  check('login success', login.success === true, JSON.stringify(login));
  check('login message', login.message === 'Autorizācija veiksmīga', login.message);
  check('sid is 32 hex', /^[0-9a-f]{32}$/.test(login.sid || ''), login.sid);

  const lists = await call(client, 'get_lists', { sid: login.sid });
  check('get_lists success', lists.success === true, JSON.stringify(lists).slice(0, 300));
  const items = lists.lists && lists.lists.item ? [].concat(lists.lists.item) : [].concat(lists.lists || []);
  check('get_lists list_count', Number(lists.list_count) === 5 && items.length === 5, `${lists.list_count} / ${items.length}`);
  check('the example list', items.some((l) => Number(l.id) === 6750 && l.name === 'Klienti'), JSON.stringify(items.map((l) => l.id)));
}

main()
  .catch((err) => {
    failed++;
    console.log(`FAIL ${err && err.message ? err.message : err}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
