package laravel

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Laravel's `date` rule accepts a value when strtotime() parses it and
// date_parse() finds a real calendar date in it (checkdate). ParseDate
// covers the forms clients actually send; strtotime accepts more ("April
// 2022", ISO week dates "2022-W17", military zone letters "2022-04-25x",
// relative phrases next to a date…), and those are rejected here. The
// examples in dates_test.go were checked against PHP 8.2. Accepted,
// case-insensitively:
//
//	2022-04-25, 2022-4-5, 2022/04/25, 2022/4/5, 20220425
//	04/25/2022, 4/25/22 (American month/day/year)
//	25.04.2022, 25-04-2022 (day.month.year)
//	25 April 2022, 25-Apr-2022, April 25, 2022, Apr 25th 2022
//	an optional leading weekday ("Mon, 25 Apr 2022 …", RFC 2822)
//
// each optionally followed by a time (after "T" or spaces: H:MM,
// H:MM:SS, H:MM:SS.fraction) and a zone (Z, UTC, GMT, ±HH, ±HHMM,
// ±HH:MM).

var (
	reWeekday = `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?`
	reTime    = `(?:(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?))?`

	dateForms = []struct {
		re           *regexp.Regexp
		year, mon, d int // submatch indexes; mon may name a month
	}{
		{mustDateRE(`(\d{4})-(\d{1,2})-(\d{1,2})`), 1, 2, 3},
		{mustDateRE(`(\d{4})/(\d{1,2})/(\d{1,2})`), 1, 2, 3},
		{mustDateRE(`(\d{4})(\d{2})(\d{2})`), 1, 2, 3},
		{mustDateRE(`(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})`), 3, 1, 2},
		{mustDateRE(`(\d{1,2})[.\-](\d{1,2})[.\-](\d{4})`), 3, 2, 1},
		{mustDateRE(`(\d{1,2})[ \-]?([a-z]+)[ \-,]*(\d{4})`), 3, 2, 1},
		{mustDateRE(`([a-z]+)[ \-]?(\d{1,2})(?:st|nd|rd|th)?,?[ \-]*(\d{4})`), 3, 1, 2},
	}

	monthNames = map[string]time.Month{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
		"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
		"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
		"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
	}
)

func mustDateRE(date string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^` + reWeekday + date + reTime + `$`)
}

// ParseDate reads s as Laravel's `date` rule and Carbon::parse would. A
// date without time is midnight; without a zone it is UTC (the default
// app timezone); with a zone the offset is kept, as Carbon keeps it.
func ParseDate(s string) (time.Time, bool) {
	s = strings.Trim(s, " \t\n\r\v")
	for _, f := range dateForms {
		m := f.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		year, _ := strconv.Atoi(m[f.year])
		if len(m[f.year]) == 2 { // timelib: 00–69 → 20xx, 70–99 → 19xx
			if year < 70 {
				year += 2000
			} else {
				year += 1900
			}
		}
		month, ok := parseMonth(m[f.mon])
		if !ok {
			return time.Time{}, false
		}
		day, _ := strconv.Atoi(m[f.d])
		if !checkdate(year, month, day) {
			return time.Time{}, false
		}
		t := m[len(m)-5:] // hour, minute, second, fraction, zone
		return dateTime(year, month, day, t[0], t[1], t[2], t[3], t[4])
	}
	return time.Time{}, false
}

func parseMonth(s string) (time.Month, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return time.Month(n), n >= 1 && n <= 12
	}
	m, ok := monthNames[strings.ToLower(s)]
	return m, ok
}

// checkdate is PHP's checkdate().
func checkdate(year int, month time.Month, day int) bool {
	if year < 1 || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dateTime(year int, month time.Month, day int, hh, mm, ss, frac, zone string) (time.Time, bool) {
	var hour, minute, sec, nsec int
	if hh != "" {
		hour, _ = strconv.Atoi(hh)
		minute, _ = strconv.Atoi(mm)
		if ss != "" {
			sec, _ = strconv.Atoi(ss)
		}
		if hour > 24 || minute > 59 || sec > 60 {
			return time.Time{}, false
		}
		if frac != "" { // PHP keeps microseconds
			frac = (frac + "000000")[:6]
			us, _ := strconv.Atoi(frac)
			nsec = us * 1000
		}
	}
	loc, ok := zoneLocation(zone)
	if !ok {
		return time.Time{}, false
	}
	// time.Date normalises 24:00 and :60 into the next day/minute, as
	// timelib does.
	return time.Date(year, month, day, hour, minute, sec, nsec, loc), true
}

func zoneLocation(z string) (*time.Location, bool) {
	switch strings.ToLower(z) {
	case "", "z", "utc", "gmt":
		return time.UTC, true
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 23 || m > 59 {
		return nil, false
	}
	off := sign * (h*3600 + m*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

// FormatTimestamp writes t as a Laravel model serialises its dates
// (Carbon::toJSON): UTC with microseconds, 2022-04-25T00:00:00.000000Z.
func FormatTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

// StoredDateTime is what reading a `datetime`-cast attribute back gives
// after Eloquent stored t: it stores the wall clock as 'Y-m-d H:i:s' in
// t's own zone and reads it back as UTC, so an offset is dropped (not
// converted) and sub-seconds are lost.
func StoredDateTime(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// StoredDate is StoredDateTime for a `date`-cast attribute: the wall-clock
// date at midnight UTC.
func StoredDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
