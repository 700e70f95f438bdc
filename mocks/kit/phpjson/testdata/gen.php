<?php
// Regenerates php82_golden.txt from a real PHP (8.2.36 was used):
//   php gen.php > php82_golden.txt
// Each line is "f <float64 bits, 16 hex digits big-endian>\t<json_encode>" or
// "s <input bytes, hex>\t<json_encode, hex>", with "ERR <json_last_error()>"
// where json_encode returns false. The values are pseudo-random but fixed
// by the seed, so the file is reproducible.
mt_srand(20260101);
ini_set('serialize_precision', '-1');

function emit_float(float $f): void {
    if (is_nan($f) || is_infinite($f)) {
        return;
    }
    $out = json_encode($f);
    echo 'f ', bin2hex(pack('E', $f)), "\t", $out === false ? 'ERR ' . json_last_error() : $out, "\n";
}

function emit_string(string $s): void {
    $out = json_encode($s);
    echo 's ', bin2hex($s), "\t", $out === false ? 'ERR ' . json_last_error() : bin2hex($out), "\n";
}

for ($i = 0; $i < 600; $i++) {
    // Any bit pattern: subnormals, huge and tiny exponents.
    emit_float(unpack('E', pack('NN', mt_rand(0, 0xFFFFFFFF), mt_rand(0, 0xFFFFFFFF)))[1]);
    // Decimal-looking values around the fixed/exponential boundaries.
    emit_float(mt_rand(1, 999999) * (10 ** mt_rand(-12, 24)) / 1000);
    emit_float(mt_rand(-99999999, 99999999) / (10 ** mt_rand(0, 12)));
}
for ($e = -330; $e <= 310; $e++) {
    emit_float((float) ('1e' . $e));
    emit_float((float) ('-1.5e' . $e));
}

$alphabet = ["\x00", "\x1f", " ", '"', '\\', '/', "\x7f", "\x80", "\xbf", "\xc0", "\xc1",
    "\xc2", "\xdf", "\xe0", "\xed", "\xee", "\xef", "\xf0", "\xf4", "\xf5", "\xff",
    "\x9f", "\xa0", "\x8f", "\x90", 'a', '<', "\x08", "\n"];
for ($i = 0; $i < 1500; $i++) {
    $s = '';
    $n = mt_rand(0, 6);
    for ($j = 0; $j < $n; $j++) {
        $s .= mt_rand(0, 2) === 0 ? chr(mt_rand(0, 255)) : $alphabet[mt_rand(0, count($alphabet) - 1)];
    }
    emit_string($s);
}
// Valid non-ASCII characters of every UTF-8 length, surrogates excluded.
function utf8(int $cp): string {
    if ($cp < 0x800) {
        return chr(0xC0 | $cp >> 6) . chr(0x80 | $cp & 0x3F);
    }
    if ($cp < 0x10000) {
        return chr(0xE0 | $cp >> 12) . chr(0x80 | $cp >> 6 & 0x3F) . chr(0x80 | $cp & 0x3F);
    }
    return chr(0xF0 | $cp >> 18) . chr(0x80 | $cp >> 12 & 0x3F) . chr(0x80 | $cp >> 6 & 0x3F) . chr(0x80 | $cp & 0x3F);
}
for ($i = 0; $i < 500; $i++) {
    emit_string(utf8(mt_rand(0x80, 0xD7FF)) . 'x' . utf8(mt_rand(0xE000, 0x10FFFF)));
}
