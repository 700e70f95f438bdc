package laravel

import (
	"math"
	"strconv"
	"strings"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// Labels are the translated pagination.previous / pagination.next texts
// shown as the first and last entries of meta.links.
type Labels struct{ Previous, Next string }

// Paginator is Laravel's LengthAwarePaginator as returned by
// ->paginate(PerPage) and rendered through a JsonResource collection.
// Path is the request URL without query string ($request->url()).
type Paginator struct {
	Total, PerPage, CurrentPage int
	Path                        string
	Labels                      Labels
}

// onEachSide is the paginator's default window ($onEachSide = 3).
const onEachSide = 3

// PageNumber is the page Laravel resolves from the raw `page` query
// value: an integer ≥ 1 by FILTER_VALIDATE_INT (surrounding white space
// and a "+" allowed; leading zeros, fractions and overflow not), else 1.
// PHP keeps the last of repeated parameters, so pass the last value.
func PageNumber(raw string) int {
	s := strings.Trim(raw, " \t\r\v\n")
	if s == "" {
		return 1
	}
	digits := s
	if s[0] == '+' || s[0] == '-' {
		digits = s[1:]
	}
	if digits == "" || digits[0] < '1' || digits[0] > '9' {
		return 1 // "0", "00", "-0", "+05" and non-digits
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 1
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > math.MaxInt {
		return 1
	}
	return int(n)
}

func (p Paginator) perPage() int {
	if p.PerPage < 1 { // Laravel would divide by zero; keep going
		return 1
	}
	return p.PerPage
}

func (p Paginator) current() int {
	if p.CurrentPage < 1 {
		return 1
	}
	return p.CurrentPage
}

// Offset is the index of the page's first item in the full list
// (saturating instead of overflowing for absurd page numbers).
func (p Paginator) Offset() int {
	c, pp := p.current(), p.perPage()
	if c-1 > math.MaxInt/pp {
		return math.MaxInt
	}
	return (c - 1) * pp
}

// LastPage is max(ceil(Total/PerPage), 1).
func (p Paginator) LastPage() int {
	pp := p.perPage()
	last := p.Total / pp
	if p.Total%pp != 0 {
		last++
	}
	return max(last, 1)
}

func (p Paginator) path() string {
	if p.Path != "/" {
		return strings.TrimRight(p.Path, "/")
	}
	return p.Path
}

// url is AbstractPaginator::url without extra query parameters.
func (p Paginator) url(page int) string {
	page = max(page, 1)
	sep := "?"
	if strings.Contains(p.path(), "?") {
		sep = "&"
	}
	return p.path() + sep + "page=" + strconv.Itoa(page)
}

func (p Paginator) prevURL() any {
	if p.current() > 1 {
		return p.url(p.current() - 1)
	}
	return nil
}

func (p Paginator) nextURL() any {
	if p.current() < p.LastPage() {
		return p.url(p.current() + 1)
	}
	return nil
}

// Response renders data (the current page's items, already sliced and
// resolved) as a JsonResource collection around the paginator:
// {"data", "links": {first, last, prev, next}, "meta": {current_page, from,
// last_page, links, path, per_page, to, total}}. from/to are null when
// data is empty (an out-of-range page), and prev points to the page
// before the requested one even then, as in Laravel.
func (p Paginator) Response(data []any) phpjson.Object {
	if data == nil {
		data = []any{}
	}
	var from, to any
	if len(data) > 0 {
		f := p.Offset() + 1
		from, to = f, f+len(data)-1
	}
	last := p.LastPage()
	return phpjson.Object{
		{Key: "data", Value: data},
		{Key: "links", Value: phpjson.Object{
			{Key: "first", Value: p.url(1)},
			{Key: "last", Value: p.url(last)},
			{Key: "prev", Value: p.prevURL()},
			{Key: "next", Value: p.nextURL()},
		}},
		{Key: "meta", Value: phpjson.Object{
			{Key: "current_page", Value: p.current()},
			{Key: "from", Value: from},
			{Key: "last_page", Value: last},
			{Key: "links", Value: p.links()},
			{Key: "path", Value: p.path()},
			{Key: "per_page", Value: p.perPage()},
			{Key: "to", Value: to},
			{Key: "total", Value: p.Total},
		}},
	}
}

// links is LengthAwarePaginator::linkCollection: the previous label, the
// UrlWindow's page ranges with "..." between them, the next label.
func (p Paginator) links() []any {
	out := []any{link(p.prevURL(), p.Labels.Previous, false)}
	for i, r := range p.window() {
		if i > 0 {
			out = append(out, link(nil, "...", false))
		}
		step := 1
		if r[1] < r[0] { // PHP's range() counts down
			step = -1
		}
		for page := r[0]; ; page += step {
			out = append(out, link(p.url(page), strconv.Itoa(page), page == p.current()))
			if page == r[1] {
				break
			}
		}
	}
	return append(out, link(p.nextURL(), p.Labels.Next, false))
}

func link(url any, label string, active bool) phpjson.Object {
	return phpjson.Object{{Key: "url", Value: url}, {Key: "label", Value: label}, {Key: "active", Value: active}}
}

// window is UrlWindow::get with onEachSide 3: all pages when there are
// fewer than 14, otherwise the first/slider/last ranges.
func (p Paginator) window() [][2]int {
	last, cur := p.LastPage(), p.current()
	if last < onEachSide*2+8 {
		return [][2]int{{1, last}}
	}
	w := onEachSide + 4
	switch {
	case cur <= w:
		return [][2]int{{1, w + onEachSide}, {last - 1, last}}
	case cur > last-w:
		return [][2]int{{1, 2}, {last - (w + onEachSide - 1), last}}
	}
	return [][2]int{{1, 2}, {cur - onEachSide, cur + onEachSide}, {last - 1, last}}
}
