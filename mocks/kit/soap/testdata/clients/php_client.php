<?php
// Real PHP SoapClient against server.php: checks that the Yii-style WSDL
// (golden/service.wsdl, byte-equal to soap.Service.WSDL()) is consumed
// unchanged in WSDL mode, and records the request envelopes PHP's client
// sends, in WSDL and in non-WSDL mode, as ../requests/client_php_*.xml
// (golden.php then records the server's answers to them).
//
//   php clients/php_client.php http://127.0.0.1:8099
$base = $argv[1] ?? 'http://127.0.0.1:8099';
$dir = dirname(__DIR__);
$report = [];

function save(string $name, SoapClient $c): void
{
    global $dir;
    file_put_contents("$dir/requests/$name.xml", $c->__getLastRequest());
}

// --- WSDL mode --------------------------------------------------------------
$c = new SoapClient("$base/api/wsdl", [
    'trace' => 1, 'cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true,
    'location' => "$base/api/wsdl?ws=1",
]);
$report[] = "__getFunctions():";
foreach ($c->__getFunctions() as $f) $report[] = "  $f";
$report[] = "__getTypes():";
foreach ($c->__getTypes() as $t) $report[] = '  ' . str_replace("\n", "\n  ", $t);

$r = $c->login("PfjPgL9s\ncoPLIA2n==", 'lietotaja_vards', 'parole', 1234);
save('client_php_wsdl_login', $c);
$report[] = 'login → ' . json_encode($r, JSON_UNESCAPED_UNICODE);

$r = $c->typed('ārā & <x> "q"', 42, true, ['a', 'b/c', 'ā']);
save('client_php_wsdl_typed', $c);
$report[] = 'typed → ' . $r->dump;

$r = $c->typed(null, null, false, []);
save('client_php_wsdl_typed_nulls', $c);
$report[] = 'typed(nulls) → ' . $r->dump;

$r = $c->typed('1234', '56', 'yes', ['x']);
save('client_php_wsdl_typed_coerced', $c);
$report[] = 'typed(coerced) → ' . $r->dump;

$r = $c->get_items(2);
save('client_php_wsdl_get_items', $c);
$report[] = 'get_items(2) → ' . json_encode($r, JSON_UNESCAPED_UNICODE);

$r = $c->nulls();
$report[] = 'nulls() → ' . json_encode($r, JSON_UNESCAPED_UNICODE);

try {
    $c->fail('Client', 'bad & <worse>', 'urn:actor', 'detail');
} catch (SoapFault $f) {
    $report[] = "fail → SoapFault faultcode={$f->faultcode} faultstring={$f->faultstring} faultactor={$f->faultactor} detail=" . json_encode($f->detail);
}

// --- non-WSDL mode ----------------------------------------------------------
$n = new SoapClient(null, [
    'location' => "$base/api/wsdl?ws=1", 'uri' => 'urn:ApiControllerwsdl',
    'trace' => 1, 'exceptions' => true,
]);
$r = $n->__soapCall('login', [
    new SoapParam("PfjPgL9s\ncoPLIA2n==", 'signature'), new SoapParam('lietotaja_vards', 'username'),
    new SoapParam('parole', 'password'), new SoapParam(1234, 'role_id'),
]);
save('client_php_nowsdl_login', $n);
$report[] = 'non-WSDL login (SoapParam) → ' . json_encode($r, JSON_UNESCAPED_UNICODE);

$r = $n->typed('pozīcija', 7, false, ['p', 'q']);
save('client_php_nowsdl_typed_positional', $n);
$report[] = 'non-WSDL typed (positional param0…) → ' . $r->dump;

$shared = ['same', 'array'];
$r = $n->__soapCall('typed', [
    new SoapParam('s', 's'), new SoapParam(1, 'i'), new SoapParam(true, 'b'), new SoapParam($shared, 'list'),
]);
save('client_php_nowsdl_typed_named', $n);
$report[] = 'non-WSDL typed (SoapParam) → ' . $r->dump;

$o = new stdClass();
$o->x = 'shared';
try {
    $r = $n->__soapCall('typed', [new SoapParam($o, 's'), new SoapParam($o, 'list')]);
    $report[] = 'non-WSDL typed(same object twice: id="ref1" / href="#ref1") → ' . $r->dump;
} catch (SoapFault $f) {
    $report[] = "non-WSDL typed(same object twice) → SoapFault {$f->faultcode} {$f->faultstring}";
}
save('client_php_nowsdl_multiref', $n);

file_put_contents(__DIR__ . '/php_client_report.txt', implode("\n", $report) . "\n");
echo implode("\n", $report), "\n";
