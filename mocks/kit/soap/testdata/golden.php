<?php
// Sends every requests/*.xml to server.php (the real PHP SoapServer, run by
// run.sh under `php -S`) and records the answer as golden/<case>.http:
//
//   HTTP/1.1 500 Internal Server Error
//   Content-Type: text/xml; charset=utf-8
//
//   <body bytes>
//
// For typed() calls it also writes decoded/<case>.json: how PHP decoded
// each parameter (PHP type and value). The Go tests compare with both.
$base = $argv[1] ?? 'http://127.0.0.1:8099';
$dir = __DIR__;
@mkdir("$dir/golden");
@mkdir("$dir/decoded");
foreach (glob("$dir/golden/*.http") as $f) unlink($f);
foreach (glob("$dir/decoded/*.json") as $f) unlink($f);

$files = glob("$dir/requests/*.xml");
sort($files);
foreach ($files as $file) {
    $name = basename($file, '.xml');
    $ctx = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => "Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \"urn:ApiControllerwsdl#x\"\r\n",
        'content' => file_get_contents($file),
        'ignore_errors' => true,
        'timeout' => 30,
    ]]);
    $body = file_get_contents("$base/api/wsdl?ws=1", false, $ctx);
    $status = $http_response_header[0];
    $type = '';
    foreach ($http_response_header as $h) {
        if (stripos($h, 'Content-Type:') === 0) {
            $type = trim(substr($h, 13));
        }
    }
    file_put_contents("$dir/golden/$name.http", "$status\nContent-Type: $type\n\n$body");
    if (preg_match('#<dump xsi:type="xsd:string">(.*)</dump>#s', $body, $m)) {
        $dump = json_decode(htmlspecialchars_decode($m[1], ENT_QUOTES | ENT_XML1), true, 512, JSON_THROW_ON_ERROR);
        file_put_contents("$dir/decoded/$name.json", json_encode($dump, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION) . "\n");
    }
    printf("%-45s %s\n", $name, $status);
}
