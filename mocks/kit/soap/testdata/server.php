<?php
// A PHP 8.2 ext/soap SoapServer for golden.php: RPC/encoded, WSDL from
// yii_wsdl.php (golden/service.wsdl). Run as the router of PHP's built-in
// web server:  php -S 127.0.0.1:8099 server.php
// A POST is handled the way Yii 1 CWebService::run() does it (its header,
// its SoapServer options, setObject, handle); a GET answers the WSDL with
// the headers of CWebService::renderWsdl().
ini_set('display_errors', '0');
ini_set('log_errors', '0');
$wsdl = __DIR__ . '/golden/service.wsdl';

if ($_SERVER['REQUEST_METHOD'] === 'GET') {
    $body = file_get_contents($wsdl);
    header('Content-Type: text/xml;charset=UTF-8');
    header('Content-Length: ' . strlen($body));
    echo $body;
    return true;
}

// describe() reports how ext/soap decoded a parameter: PHP type and value.
function describe($v)
{
    if (is_array($v)) {
        $items = [];
        foreach ($v as $k => $x) {
            $items[] = ['key' => $k, 'value' => describe($x)];
        }
        return ['type' => 'array', 'items' => $items];
    }
    if (is_object($v)) {
        $items = [];
        foreach (get_object_vars($v) as $k => $x) {
            $items[] = ['key' => $k, 'value' => describe($x)];
        }
        return ['type' => get_class($v), 'items' => $items];
    }
    return ['type' => get_debug_type($v), 'value' => $v];
}

class DemoService
{
    public function login($signature, $username, $password, $role_id)
    {
        $r = ['sid' => '7dde835d8f06bb20e37b286279c7c21c', 'success' => true, 'message' => 'Autorizācija veiksmīga', 'code' => null];
        if ($username === 'error') {
            $r = ['success' => false, 'message' => 'Autorizācija neveiksmīga', 'code' => 2003, 'sid' => null];
        }
        if ($username === 'missing') {
            unset($r['code']);
        }
        return $r;
    }

    public function typed($s, $i, $b, $list)
    {
        $out = ['s' => describe($s), 'i' => describe($i), 'b' => describe($b), 'list' => describe($list), 'args' => func_num_args()];
        return ['dump' => json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE)];
    }

    public function get_tags($count)
    {
        $tags = [];
        for ($n = 1; $n <= $count; $n++) {
            $tags[] = "tag $n";
        }
        return ['tags' => $tags, 'count' => $count];
    }

    public function get_items($count)
    {
        $items = [];
        for ($n = 1; $n <= $count; $n++) {
            $items[] = ['id' => $n, 'name' => "Item $n", 'active' => $n % 2 === 1, 'parent' => $n === 1 ? null : $n - 1];
        }
        $tags = [];
        for ($n = 1; $n <= min($count, 3); $n++) {
            $tags[] = "tag $n";
        }
        return ['items' => $items, 'tags' => $tags, 'count' => $count, 'success' => true];
    }

    public function nulls()
    {
        return [
            's' => null, 'i' => null, 'b' => null, 'item' => null,
            'items' => [null, ['id' => 7, 'name' => '', 'active' => false, 'parent' => null]],
            'empty' => '', 'none' => null, 'strs' => [null, 'a&b', ''],
            'big' => PHP_INT_MAX, 'neg' => -42,
            'nested' => ['id' => 0, 'name' => 'n', 'active' => true, 'parent' => 3],
        ];
    }

    public function texts()
    {
        return [
            'amp' => 'Tom & Jerry &amp; co',
            'lt_gt' => '<b>bold</b> a<b c>d',
            'quotes' => "\"double\" 'single'",
            'latvian' => 'Sabiedrība ar ierobežotu atbildību "DAGGA" ĀāČčĒēĢģĪīĶķĻļŅņŠšŪūŽž',
            'cyrillic' => 'Привет, мир',
            'emoji' => "😀 \u{10FFFF}",
            'whitespace' => "  lead\ttab\nnl\r\ncrlf\rcr  ",
            'controls' => "ctl \x01\x08\x0b\x0c\x1f\x7f end",
            'nul' => "before\x00after",
            'entities' => '&lt; &#38; &#x26; &nbsp;',
            'cdata_end' => ']]> <![CDATA[x]]>',
            'numeric' => '0012',
        ];
    }

    public function fail($code, $message, $actor, $detail)
    {
        throw new SoapFault($code, $message, $actor === '' ? null : $actor, $detail === '' ? null : $detail);
    }

    public function noreturn($sid)
    {
        return null;
    }

    public function empty()
    {
        return [];
    }
}

// As CWebService::run(): its own Content-Type first (SoapServer replaces
// it), options soap_version 1.1 and encoding UTF-8, setObject, handle.
header('Content-Type: text/xml;charset=UTF-8');
$server = new SoapServer($wsdl, ['soap_version' => SOAP_1_1, 'encoding' => 'UTF-8', 'cache_wsdl' => WSDL_CACHE_NONE]);
$server->setObject(new DemoService());
$server->handle();
