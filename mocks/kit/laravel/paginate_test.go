package laravel

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

var testLabels = Labels{Previous: "&laquo; iepriekšējais", Next: "Nākamais &raquo;"}

// pageItems returns the items of one page of total numbered items.
func pageItems(p Paginator) []any {
	var items []any
	for i := p.Offset(); i < p.Total && i < p.Offset()+p.PerPage; i++ {
		items = append(items, phpjson.Object{{Key: "id", Value: i + 1}})
	}
	return items
}

// TestPaginatorGolden compares with the bytes Laravel's own
// LengthAwarePaginator produced for the same pages (testdata/paginate,
// made by golden.php there).
func TestPaginatorGolden(t *testing.T) {
	tests := []struct {
		name        string
		total, page int
	}{
		{"one_page", 3, 1},
		{"total_zero", 0, 1},
		{"five_pages_first", 70, 1},
		{"five_pages_middle", 70, 3},
		{"five_pages_last", 70, 5},
		{"thirteen_pages", 195, 7},
		{"fourteen_pages_start", 210, 1},
		{"fourteen_pages_7", 210, 7},
		{"fourteen_pages_8", 210, 8},
		{"fourteen_pages_end", 210, 14},
		{"thirty_pages_middle", 450, 15},
		{"thirty_pages_8", 450, 8},
		{"thirty_pages_23", 450, 23},
		{"thirty_pages_24", 450, 24},
		{"out_of_range", 20, 5},
		{"out_of_range_many_pages", 450, 99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "paginate", tt.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			p := Paginator{Total: tt.total, PerPage: 15, CurrentPage: tt.page,
				Path: "http://localhost:8080/api/v1/clients/", Labels: testLabels}
			if got := marshal(t, p.Response(pageItems(p))); got != string(want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestPaginatorPathWithQuery(t *testing.T) {
	p := Paginator{Total: 1, PerPage: 15, CurrentPage: 1, Path: "http://h/x?a=b", Labels: testLabels}
	got := marshal(t, p.Response(nil))
	if !strings.Contains(got, `"first":"http:\/\/h\/x?a=b&page=1"`) || !strings.Contains(got, `"data":[]`) {
		t.Errorf("got %s", got)
	}
}

func TestPaginatorNumbers(t *testing.T) {
	tests := []struct {
		p            Paginator
		offset, last int
	}{
		{Paginator{Total: 0, PerPage: 15, CurrentPage: 1}, 0, 1},
		{Paginator{Total: 15, PerPage: 15, CurrentPage: 2}, 15, 1},
		{Paginator{Total: 16, PerPage: 15, CurrentPage: 2}, 15, 2},
		{Paginator{Total: 5, PerPage: 0, CurrentPage: 3}, 2, 5},
		{Paginator{Total: 5, PerPage: 15, CurrentPage: 0}, 0, 1},
		{Paginator{Total: 5, PerPage: 15, CurrentPage: math.MaxInt}, math.MaxInt, 1},
	}
	for _, tt := range tests {
		if got := tt.p.Offset(); got != tt.offset {
			t.Errorf("%+v Offset = %d, want %d", tt.p, got, tt.offset)
		}
		if got := tt.p.LastPage(); got != tt.last {
			t.Errorf("%+v LastPage = %d, want %d", tt.p, got, tt.last)
		}
	}
}

// TestPageNumber's expectations are PHP 8.2's filter_var(FILTER_VALIDATE_INT)
// && (int) $page >= 1, as Laravel's page resolver checks.
func TestPageNumber(t *testing.T) {
	tests := map[string]int{
		"1": 1, "2": 2, " 3 ": 3, "+4": 4, "-5": 1, "0": 1, "00": 1, "05": 1, "5.0": 1,
		"1e1": 1, "abc": 1, "": 1, "\t7\n": 7, "9223372036854775807": 9223372036854775807,
		"9223372036854775808": 1, "0x1A": 1, "12abc": 1, " ": 1, "+": 1, "-0": 1, "+0": 1,
		"\v8": 8, "\f9": 1, "1 2": 1,
	}
	for in, want := range tests {
		if got := PageNumber(in); got != want {
			t.Errorf("PageNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

func BenchmarkPaginatorResponse(b *testing.B) {
	p := Paginator{Total: 450, PerPage: 15, CurrentPage: 15, Path: "http://localhost:8080/api/v1/clients", Labels: testLabels}
	items := make([]any, 15)
	for i := range items {
		items[i] = phpjson.Object{
			{Key: "uuid", Value: "9b1f0c1e-8f7a-4a7e-b1d2-3c4d5e6f7a8b"},
			{Key: "type", Value: "Juridiska persona"},
			{Key: "name", Value: `Sabiedrība ar ierobežotu atbildību "DAGGA"`},
			{Key: "reg_no", Value: "40103477934"},
			{Key: "email", Value: nil},
			{Key: "is_active", Value: true},
			{Key: "set_at", Value: "2022-04-25T00:00:00.000000Z"},
			{Key: "inputs", Value: []any{}},
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := phpjson.Marshal(p.Response(items)); err != nil {
			b.Fatal(err)
		}
	}
}
