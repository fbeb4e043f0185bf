package api

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pathways-gov/pathways/internal/app"
	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/search"
)

// The search response is the API's hot path: it is written by hand, by
// appending to a pooled buffer, instead of through encoding/json. The output
// is the same, byte for byte, as encoding/json's for searchResponse with HTML
// escaping off (the tests compare the two on every response of a corpus).

// bufPool holds response buffers; buffers grown past maxPooledBuf are dropped.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

const maxPooledBuf = 1 << 20

var cacheShortValue = []string{cacheShort} // shared, as contentTypeJSON

// writeSearch sends a page of results with the headers of a successful response.
func writeSearch(w http.ResponseWriter, q search.Query, res app.Results, now time.Time) {
	bp := bufPool.Get().(*[]byte)
	b := appendSearchResponse((*bp)[:0], q, res, now)
	w.Header()["Cache-Control"] = cacheShortValue
	writeBody(w, http.StatusOK, b)
	if cap(b) <= maxPooledBuf {
		*bp = b
		bufPool.Put(bp)
	}
}

// facetOrder lists the facets by name, the order encoding/json gives map keys.
var facetOrder = func() []search.Facet {
	fs := make([]search.Facet, 0, search.NumFacets)
	for f := search.Facet(0); f < search.NumFacets; f++ {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b search.Facet) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return fs
}()

// appendSearchResponse appends the JSON of a page of results, as searchResponse
// encodes, followed by a newline.
func appendSearchResponse(b []byte, q search.Query, res app.Results, now time.Time) []byte {
	b = append(b, `{"total":`...)
	b = strconv.AppendInt(b, int64(res.Total), 10)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, int64(q.Page), 10)
	b = append(b, `,"per_page":`...)
	b = strconv.AppendInt(b, int64(q.PerPage), 10)
	b = append(b, `,"results":[`...)
	for i, s := range res.Items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendSummary(b, s, now)
	}
	b = append(b, `],"facets":{`...)
	for i, f := range facetOrder {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f.Name())
		b = append(b, ':', '[')
		for j, c := range res.Facets[f] {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendString(b, c.Value)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(c.Count), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}}\n"...)
}

// appendSummary appends a result as postingSummary encodes.
func appendSummary(b []byte, s *app.Summary, now time.Time) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, s.ID, 10)
	b = append(b, `,"url":`...)
	b = appendText(b, s.Paths)
	b = append(b, `,"title":`...)
	b = appendText(b, s.Title)
	b = append(b, `,"organization":{"code":`...)
	b = appendString(b, s.Org)
	b = append(b, `,"name":`...)
	b = appendText(b, s.OrgName)
	b = append(b, `},"program":`...)
	b = appendOptional(b, s.Program)
	b = append(b, `,"streams":[`...)
	for i, st := range s.Streams {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, st)
	}
	b = append(b, `],"level":`...)
	b = appendOptional(b, s.Level)
	b = append(b, `,"type":`...)
	b = appendOptional(b, string(s.Type))
	b = append(b, `,"work_mode":`...)
	b = appendOptional(b, string(s.WorkMode))
	b = append(b, `,"locations":[`...)
	for i, l := range s.Locations {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendLocation(b, l)
	}
	b = append(b, `],"salary":`...)
	b = appendSalary(b, s.Salary, s.Hours)
	b = append(b, `,"closes_at":"`...)
	b = s.ClosesAt.UTC().AppendFormat(b, time.RFC3339) // digits, '-', ':', 'T', 'Z': nothing to escape
	b = append(b, `","time_zone":`...)
	b = appendString(b, s.TimeZone)
	if s.Open(now) {
		b = append(b, `,"status":"open"}`...)
	} else {
		b = append(b, `,"status":"closed"}`...)
	}
	return b
}

func appendLocation(b []byte, l posting.Location) []byte {
	b = append(b, `{"city":`...)
	b = appendString(b, l.City)
	b = append(b, `,"province":`...)
	b = appendString(b, l.Province)
	b = append(b, `,"name":`...)
	b = appendText(b, placeName(l))
	return append(b, '}')
}

// placeNames caches a location's display name in both languages, by city
// code: the name depends on the city alone, and cities are few.
var placeNames sync.Map // city code → lang.Text

func placeName(l posting.Location) lang.Text {
	if v, ok := placeNames.Load(l.City); ok {
		return v.(lang.Text)
	}
	t := lang.T(l.Place(lang.EN), l.Place(lang.FR))
	if _, known := posting.CityByCode(l.City); known {
		placeNames.Store(l.City, t)
	}
	return t
}

// appendSalary appends a salary as salaryJSON encodes, or null when none is stated.
func appendSalary(b []byte, sal posting.Salary, hours float64) []byte {
	s, ok := salaryOf(sal, hours)
	if !ok {
		return append(b, "null"...)
	}
	b = append(b, `{"min":`...)
	b = appendFloat(b, s.Min)
	b = append(b, `,"max":`...)
	b = appendFloat(b, s.Max)
	b = append(b, `,"period":`...)
	b = appendString(b, s.Period)
	b = append(b, `,"currency":`...)
	b = appendString(b, s.Currency)
	b = append(b, `,"annual_min":`...)
	b = strconv.AppendInt(b, s.AnnualMin, 10)
	b = append(b, `,"annual_max":`...)
	b = strconv.AppendInt(b, s.AnnualMax, 10)
	return append(b, '}')
}

func appendText(b []byte, t lang.Text) []byte {
	b = append(b, `{"en":`...)
	b = appendString(b, t.EN)
	b = append(b, `,"fr":`...)
	b = appendString(b, t.FR)
	return append(b, '}')
}

// appendOptional appends s, or null when it is empty.
func appendOptional(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendFloat formats f as encoding/json does: the shortest representation,
// in exponent form only for very small or very large magnitudes. NaN and
// infinities, which JSON cannot carry and a salary never is, give null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 becomes e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json does with
// HTML escaping off: quote, backslash and control characters escaped, U+2028
// and U+2029 as \u escapes, invalid UTF-8 replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscapedByte escapes one ASCII byte that may not appear raw in a JSON string.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
