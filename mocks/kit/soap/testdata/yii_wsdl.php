<?php
// Writes the WSDL for a service description (service.json, the same data
// the Go tests decode into soap.Service) by making the DOMDocument calls
// that Yii 1.1 CWsdlGenerator (the releases whose messages are named
// {fn}Request / {fn}Response, without formatOutput) makes, in the same
// order, so that saveXML() gives the bytes a Yii service serves.
//
//   php yii_wsdl.php service.json > golden/service.wsdl
$svc = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$name = $svc['Name'];
$ns = $svc['Namespace'];

$template = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    . "<definitions name=\"$name\" targetNamespace=\"$ns\"\n"
    . "     xmlns=\"http://schemas.xmlsoap.org/wsdl/\"\n"
    . "     xmlns:tns=\"$ns\"\n"
    . "     xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\"\n"
    . "     xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"\n"
    . "\t xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"\n"
    . "     xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\"></definitions>";
$dom = new DOMDocument();
$dom->loadXML($template);
$root = $dom->documentElement;

// types: one xsd:schema, one complexType per type, in discovery order.
if (!empty($svc['Types'])) {
    $types = $dom->createElement('wsdl:types');
    $schema = $dom->createElement('xsd:schema');
    $schema->setAttribute('targetNamespace', $ns);
    foreach ($svc['Types'] as $t) {
        $ct = $dom->createElement('xsd:complexType');
        $ct->setAttribute('name', $t['Name']);
        if (!empty($t['ArrayOf'])) {
            $cc = $dom->createElement('xsd:complexContent');
            $r = $dom->createElement('xsd:restriction');
            $r->setAttribute('base', 'soap-enc:Array');
            $a = $dom->createElement('xsd:attribute');
            $a->setAttribute('ref', 'soap-enc:arrayType');
            $a->setAttribute('wsdl:arrayType', $t['ArrayOf'] . '[]');
            $r->appendChild($a);
            $cc->appendChild($r);
            $ct->appendChild($cc);
        } else {
            $all = $dom->createElement('xsd:all');
            foreach ($t['Fields'] ?? [] as $f) {
                $e = $dom->createElement('xsd:element');
                $e->setAttribute('name', $f['Name']);
                $e->setAttribute('type', $f['Type']);
                $all->appendChild($e);
            }
            $ct->appendChild($all);
        }
        $schema->appendChild($ct);
        $types->appendChild($schema);
    }
    $root->appendChild($types);
}

// messages: {fn}Request then {fn}Response, function by function.
foreach ($svc['Functions'] as $fn) {
    $m = $dom->createElement('wsdl:message');
    $m->setAttribute('name', $fn['Name'] . 'Request');
    foreach ($fn['Params'] ?? [] as $p) {
        $part = $dom->createElement('wsdl:part');
        $part->setAttribute('name', $p['Name']);
        $part->setAttribute('type', $p['Type']);
        $m->appendChild($part);
    }
    $root->appendChild($m);
    $m = $dom->createElement('wsdl:message');
    $m->setAttribute('name', $fn['Name'] . 'Response');
    if (($fn['Return'] ?? '') !== '') {
        $part = $dom->createElement('wsdl:part');
        $part->setAttribute('name', 'return');
        $part->setAttribute('type', $fn['Return']);
        $m->appendChild($part);
    }
    $root->appendChild($m);
}

$pt = $dom->createElement('wsdl:portType');
$pt->setAttribute('name', $name . 'PortType');
$root->appendChild($pt);
foreach ($svc['Functions'] as $fn) {
    $op = $dom->createElement('wsdl:operation');
    $op->setAttribute('name', $fn['Name']);
    $in = $dom->createElement('wsdl:input');
    $in->setAttribute('message', 'tns:' . $fn['Name'] . 'Request');
    $out = $dom->createElement('wsdl:output');
    $out->setAttribute('message', 'tns:' . $fn['Name'] . 'Response');
    $op->appendChild($dom->createElement('wsdl:documentation', $fn['Doc'] ?? ''));
    $op->appendChild($in);
    $op->appendChild($out);
    $pt->appendChild($op);
}

$b = $dom->createElement('wsdl:binding');
$b->setAttribute('name', $name . 'Binding');
$b->setAttribute('type', 'tns:' . $name . 'PortType');
$sb = $dom->createElement('soap:binding');
$sb->setAttribute('style', 'rpc');
$sb->setAttribute('transport', 'http://schemas.xmlsoap.org/soap/http');
$b->appendChild($sb);
$root->appendChild($b);
foreach ($svc['Functions'] as $fn) {
    $op = $dom->createElement('wsdl:operation');
    $op->setAttribute('name', $fn['Name']);
    $so = $dom->createElement('soap:operation');
    $so->setAttribute('soapAction', $ns . '#' . $fn['Name']);
    $so->setAttribute('style', 'rpc');
    $in = $dom->createElement('wsdl:input');
    $out = $dom->createElement('wsdl:output');
    $body = $dom->createElement('soap:body');
    $body->setAttribute('use', 'encoded');
    $body->setAttribute('namespace', $ns);
    $body->setAttribute('encodingStyle', 'http://schemas.xmlsoap.org/soap/encoding/');
    $in->appendChild($body);
    $out->appendChild(clone $body);
    $op->appendChild($so);
    $op->appendChild($in);
    $op->appendChild($out);
    $b->appendChild($op);
}

$s = $dom->createElement('wsdl:service');
$s->setAttribute('name', $name . 'Service');
$port = $dom->createElement('wsdl:port');
$port->setAttribute('name', $name . 'Port');
$port->setAttribute('binding', 'tns:' . $name . 'Binding');
$addr = $dom->createElement('soap:address');
$addr->setAttribute('location', $svc['Location']);
$port->appendChild($addr);
$s->appendChild($port);
$root->appendChild($s);

echo $dom->saveXML();
