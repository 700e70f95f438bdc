<?php
// A real PHP SoapClient (WSDL mode) against kycsim's Lursoft Klientu
// Portfelis emulation, signing every request exactly as the PHP example at
// the end of seed 001 does: json_encode of the parameters in the documented
// order, openssl_sign with SHA-256, base64_encode.
//
//   php lursoft_client.php [BASE_URL] [PRIVATE_KEY_PEM]
//
// BASE_URL defaults to http://127.0.0.1:8080; the key to kycsim's TEST ONLY
// fixture key of role 1234. Every step asserts success, code and the HTTP
// status; the last line is "N passed, N failed" and the exit status is 1
// when anything failed.

ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '10');

$base = rtrim($argv[1] ?? 'http://127.0.0.1:8080', '/');
$keyFile = $argv[2] ?? __DIR__ . '/../../fixtures/keys/lursoft-role-1234.key.pem';
// A namespace of its own, so that runs never see each other's data.
$prefix = '/t/php-example-' . getmypid();
$admin = $base . $prefix . '/__admin';

$passed = 0;
$failed = 0;

function check(string $what, bool $ok, string $detail = ''): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
        echo "PASS $what\n";
    } else {
        $failed++;
        echo "FAIL $what $detail\n";
    }
}

function admin(string $method, string $path, string $body = ''): array
{
    global $admin;
    $ctx = stream_context_create(['http' => [
        'method' => $method, 'header' => "Content-Type: application/json\r\n",
        'content' => $body, 'ignore_errors' => true, 'timeout' => 10,
    ]]);
    $out = file_get_contents($admin . $path, false, $ctx);
    return [httpStatus($http_response_header ?? []), $out];
}

function httpStatus(array $headers): int
{
    foreach ($headers as $h) {
        if (preg_match('#^HTTP/\S+ (\d{3})#', $h, $m)) {
            $status = (int)$m[1]; // the last status line wins (after a 100 Continue)
        }
    }
    return $status ?? 0;
}

// The seed's signing procedure, step by step.
function sign(array $data): string
{
    global $keyFile;
    $json = json_encode($data);
    $privateKey = openssl_pkey_get_private('file://' . realpath($keyFile));
    if ($privateKey === false) {
        fwrite(STDERR, "cannot read the private key $keyFile\n");
        exit(2);
    }
    $signature = null;
    openssl_sign($json, $signature, $privateKey, 'SHA256');
    return base64_encode($signature);
}

$client = new SoapClient($base . $prefix . '/api/wsdl', ['trace' => 1, 'exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);

// call signs $params (in the documented order) and sends them after the
// signature; $tamper changes values after signing.
function call(string $function, array $params, array $tamper = []): array
{
    global $client;
    $signature = sign($params);
    foreach ($tamper as $k => $v) {
        $params[$k] = $v;
    }
    try {
        $result = $client->__soapCall($function, array_merge([$signature], array_values($params)));
    } catch (SoapFault $f) {
        $result = null;
        echo "  SoapFault {$f->faultcode}: {$f->getMessage()}\n";
    }
    $headers = explode("\r\n", (string)$client->__getLastResponseHeaders());
    return [$result, httpStatus($headers)];
}

// expect asserts success, code and the HTTP status of an answer.
function expect(string $what, array $answer, bool $success, ?int $code, int $status)
{
    [$r, $got] = $answer;
    $ok = is_object($r) && $r->success === $success && ($r->code ?? null) === $code && $got === $status;
    check($what, $ok, sprintf('(want success=%s code=%s HTTP %d, got %s HTTP %d)',
        var_export($success, true), var_export($code, true), $status,
        is_object($r) ? json_encode(['success' => $r->success, 'code' => $r->code ?? null, 'message' => $r->message ?? null]) : 'no answer', $got));
    return $r;
}

function login(): string
{
    $r = expect('login', call('login', ['username' => 'lietotaja_vards', 'password' => 'parole', 'role_id' => 1234]), true, null, 200);
    check('login message', ($r->message ?? '') === 'Autorizācija veiksmīga', $r->message ?? '');
    check('sid is 32 hex', (bool)preg_match('/^[0-9a-f]{32}$/', $r->sid ?? ''));
    return $r->sid ?? '';
}

admin('POST', '/reset');
admin('PUT', '/clock', '{"now":"2026-03-02T10:00:00Z"}');
admin('POST', '/clock/freeze');

$sid = login();

$name = 'Klienti ā/ņ — pārbaude';
$r = expect('add_list', call('add_list', ['sid' => $sid, 'name' => $name, 'type' => 'PERSONS', 'description' => 'PHP SoapClient', 'form' => 'SIMPLE']), true, null, 200);
$listId = $r->list->id ?? 0;
check('add_list name round trip', ($r->list->name ?? '') === $name, $r->list->name ?? '');

$r = expect('add_object check_ur=true', call('add_object', ['sid' => $sid, 'list_id' => $listId, 'code' => '40103853198', 'type' => 'COMPANY', 'name' => '', 'check_ur' => true]), true, null, 200);
$companyId = $r->object->id ?? 0;
check('add_object name from the register', ($r->object->name ?? '') === 'Sabiedrība ar ierobežotu atbildību "Kurzemes Piens"', $r->object->name ?? '');
$r = expect('add_object check_ur=false', call('add_object', ['sid' => $sid, 'list_id' => $listId, 'code' => '40000000002', 'type' => 'COMPANY', 'name' => 'SIA "Nav reģistrā"', 'check_ur' => false]), true, null, 200);
$otherId = $r->object->id ?? 0;

$r = expect('get_objects', call('get_objects', ['sid' => $sid, 'list_id' => $listId, 'start' => 0, 'rows' => 100]), true, null, 200);
check('get_objects count', ($r->list->object_count ?? -1) === 2 && count($r->list->objects ?? []) === 2);

$r = expect('get_object', call('get_object', ['sid' => $sid, 'id' => $companyId]), true, null, 200);
check('get_object code', ($r->object->code ?? '') === '40103853198');

$r = expect('update_object', call('update_object', ['sid' => $sid, 'id' => $companyId, 'address' => 'Ganību iela 8', 'phone' => '+371 20000000',
    'fax' => '', 'email' => 'info@example.lv', 'www' => 'https://example.lv', 'contact_person' => 'Anna Kalniņa', 'client_id' => 'K-1']), true, null, 200);
check('update_object contact person', ($r->object->contact_person ?? '') === 'Anna Kalniņa');

$r = expect('get_available_services', call('get_available_services', ['sid' => $sid, 'list_id' => $listId]), true, null, 200);
$services = array_map(fn($s) => $s->type, $r->services ?? []);
check('services include SV_BIRTH', in_array('SV_BIRTH', $services, true), implode(',', $services));

$monitoring = ['sid' => $sid, 'list_id' => $listId, 'email' => ['uzraudziba@example.lv'], 'empty_mail' => true,
    'period' => 'D', 'start_date' => '2026-03-01', 'services' => ['SV_BIRTH', 'SV_UBIRTH'], 'end_date' => '2026-12-31'];
$r = expect('add_list_monitoring', call('add_list_monitoring', $monitoring), true, null, 200);
$monitoring['services'] = ['SV_BIRTH', 'SV_UBIRTH', 'SV_INSOLV'];
expect('update_list_monitoring', call('update_list_monitoring', $monitoring), true, null, 200);
$r = expect('get_list_monitoring', call('get_list_monitoring', ['sid' => $sid, 'list_id' => $listId]), true, null, 200);
check('monitoring has three services', count($r->monitoring->services ?? []) === 3);

// Two days on the emulator clock: two daily monitoring sessions, and the
// session expired (30 minutes) on the way.
admin('POST', '/clock/advance', '{"by":"2d"}');
expect('2007 session expired', call('get_lists', ['sid' => $sid]), false, 2007, 401);
$sid = login();
$r = expect('get_monitoring_sessions', call('get_monitoring_sessions', ['sid' => $sid, 'list_id' => $listId, 'from' => '2026-03-01', 'to' => '2026-03-31']), true, null, 200);
check('two sessions', ($r->session_count ?? 0) === 2, json_encode($r->session_count ?? null));
$sessionId = $r->sessions[0]->id ?? 0;
$sent = $r->sessions[0]->sent_events_count ?? -1;
$r = expect('get_session_events', call('get_session_events', ['sid' => $sid, 'list_id' => $listId, 'session_id' => $sessionId]), true, null, 200);
check('events match sent_events_count', count($r->events ?? []) === $sent, json_encode([count($r->events ?? []), $sent]));

// The documented errors.
expect('3002 a value changed after signing', call('get_object', ['sid' => $sid, 'id' => $companyId], ['id' => $otherId]), false, 3002, 401);
expect('2005 unknown session', call('get_lists', ['sid' => str_repeat('0', 32)]), false, 2005, 401);
expect('2013 already in the list', call('add_object', ['sid' => $sid, 'list_id' => $listId, 'code' => '40103853198', 'type' => 'COMPANY', 'name' => '', 'check_ur' => true]), false, 2013, 400);
expect('2016 company not found', call('add_object', ['sid' => $sid, 'list_id' => $listId, 'code' => '40000000003', 'type' => 'COMPANY', 'name' => '', 'check_ur' => true]), false, 2016, 400);
expect('2021 more than 25 000 objects', call('get_objects', ['sid' => $sid, 'list_id' => 6760, 'start' => 0, 'rows' => 25001]), false, 2021, 400);

$r = expect('delete_object', call('delete_object', ['sid' => $sid, 'id' => $otherId, 'list_id' => $listId]), true, null, 200);
$r = expect('delete_list', call('delete_list', ['sid' => $sid, 'id' => $listId]), true, null, 200);
check('delete_list leaves the fixture lists', ($r->list_count ?? 0) === 5, json_encode($r->list_count ?? null));
expect('logout', call('logout', ['sid' => $sid]), true, null, 200);
expect('after logout 2005', call('get_lists', ['sid' => $sid]), false, 2005, 401);

echo "$passed passed, $failed failed\n";
exit($failed > 0 ? 1 : 0);
