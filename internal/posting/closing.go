package posting

import (
	"fmt"
	"sync"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// DefaultTimeZone is the zone new postings close in unless staff choose another.
const DefaultTimeZone = "America/Toronto"

// TimeZones are the Canadian zones staff may choose, west to east.
var TimeZones = []string{
	"America/Vancouver", "America/Edmonton", "America/Regina", "America/Winnipeg",
	"America/Toronto", "America/Halifax", "America/St_Johns", "America/Whitehorse",
}

var zones sync.Map // IANA name -> *time.Location; LoadLocation reads a file each call

// LoadZone returns the named IANA zone, loading each zone once.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" {
		return nil, fmt.Errorf("posting: unknown time zone %q", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// ClosingInstant turns a civil date (YYYY-MM-DD), a clock time (HH:MM) and an IANA
// zone, as staff enter them, into the instant applications close.
func ClosingInstant(date, clock, zone string) (time.Time, error) {
	loc, err := LoadZone(zone)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("posting: closing date and time: %w", err)
	}
	return t.UTC(), nil
}

// ClosingLocal returns the closing instant in the posting's zone (UTC when the zone is unknown).
func (p *Posting) ClosingLocal() time.Time {
	loc, err := LoadZone(p.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return p.ClosesAt.In(loc)
}

var (
	weekdaysEN = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	weekdaysFR = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	monthsEN   = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsFR   = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// zonesFR maps the English abbreviations of Canadian zones to the French ones.
var zonesFR = map[string]string{
	"EST": "HNE", "EDT": "HAE", "CST": "HNC", "CDT": "HAC", "MST": "HNR", "MDT": "HAR",
	"PST": "HNP", "PDT": "HAP", "AST": "HNA", "ADT": "HAA", "NST": "HNT", "NDT": "HAT",
}

// FormatDateTime renders t (already in the zone to show) with its zone, in the
// style of the Government of Canada: "Friday, November 10, 2023, 5:00 p.m. EST"
// or "le vendredi 10 novembre 2023 à 17 h (HNE)".
func FormatDateTime(t time.Time, l lang.Lang) string {
	zone, _ := t.Zone()
	if l == lang.FR {
		if fr, ok := zonesFR[zone]; ok {
			zone = fr
		}
		return fmt.Sprintf("le %s %s à %s (%s)", weekdaysFR[t.Weekday()], FormatDate(t, l), FormatClock(t, l), zone)
	}
	return fmt.Sprintf("%s, %s, %s %s", weekdaysEN[t.Weekday()], FormatDate(t, l), FormatClock(t, l), zone)
}

// FormatDate renders a date: "November 10, 2023" or "10 novembre 2023".
func FormatDate(t time.Time, l lang.Lang) string {
	if l == lang.FR {
		day := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, monthsFR[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%s %d, %d", monthsEN[t.Month()-1], t.Day(), t.Year())
}

// FormatClock renders a clock time: "5:00 p.m." or "17 h"/"17 h 30".
func FormatClock(t time.Time, l lang.Lang) string {
	if l == lang.FR {
		if t.Minute() == 0 {
			return fmt.Sprintf("%d h", t.Hour())
		}
		return fmt.Sprintf("%d h %02d", t.Hour(), t.Minute())
	}
	h, suffix := t.Hour()%12, "a.m."
	if t.Hour() >= 12 {
		suffix = "p.m."
	}
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%d:%02d %s", h, t.Minute(), suffix)
}

// FormatCivilDate renders a YYYY-MM-DD date for display; it returns s unchanged when it does not parse.
func FormatCivilDate(s string, l lang.Lang) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return FormatDate(t, l)
}
