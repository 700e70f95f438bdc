<?php
// Regenerates the *.json golden files of TestPaginatorGolden with the real
// Illuminate\Pagination\LengthAwarePaginator (Debian php-illuminate-pagination;
// its UrlWindow and toArray are the same as Laravel 10's), shaped as
// PaginatedResourceResponse does: data, links{first,last,prev,next}, meta.
//   php golden.php   (run in this directory)
require '/usr/share/php/Illuminate/Pagination/autoload.php';

use Illuminate\Pagination\LengthAwarePaginator;
use Illuminate\Support\Arr;

function __($key) {
    return $key === 'pagination.previous' ? '&laquo; iepriekšējais' : 'Nākamais &raquo;';
}

$cases = [
    // name => [total, page]
    'one_page' => [3, 1],
    'total_zero' => [0, 1],
    'five_pages_first' => [70, 1],
    'five_pages_middle' => [70, 3],
    'five_pages_last' => [70, 5],
    'thirteen_pages' => [195, 7],
    'fourteen_pages_start' => [210, 1],
    'fourteen_pages_7' => [210, 7],
    'fourteen_pages_8' => [210, 8],
    'fourteen_pages_end' => [210, 14],
    'thirty_pages_middle' => [450, 15],
    'thirty_pages_8' => [450, 8],
    'thirty_pages_23' => [450, 23],
    'thirty_pages_24' => [450, 24],
    'out_of_range' => [20, 5],
    'out_of_range_many_pages' => [450, 99],
];
foreach ($cases as $name => [$total, $page]) {
    $perPage = 15;
    $items = [];
    for ($i = ($page - 1) * $perPage; $i < min($total, $page * $perPage); $i++) {
        $items[] = ['id' => $i + 1];
    }
    $p = new LengthAwarePaginator($items, $total, $perPage, $page, ['path' => 'http://localhost:8080/api/v1/clients']);
    $a = $p->toArray();
    $out = [
        'data' => $a['data'],
        'links' => [
            'first' => $a['first_page_url'] ?? null,
            'last' => $a['last_page_url'] ?? null,
            'prev' => $a['prev_page_url'] ?? null,
            'next' => $a['next_page_url'] ?? null,
        ],
        'meta' => Arr::except($a, ['data', 'first_page_url', 'last_page_url', 'prev_page_url', 'next_page_url']),
    ];
    file_put_contents("$name.json", json_encode($out));
}
