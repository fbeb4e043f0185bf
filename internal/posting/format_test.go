package posting

import (
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

func TestBuckets(t *testing.T) {
	for n, want := range map[int]string{0: "lt10", 1: "lt10", 9: "lt10", 10: "10-49", 49: "10-49", 50: "50-99", 99: "50-99", 100: "100+", 5000: "100+"} {
		if got := BucketOf(n).Code(); got != want {
			t.Errorf("BucketOf(%d) = %s, want %s", n, got, want)
		}
	}
	for b := FewerThan10; b <= HundredOrMore; b++ {
		if b.Sentence(lang.EN) == b.Sentence(lang.FR) || b.Sentence(lang.FR) == "" {
			t.Errorf("bucket %d sentences not bilingual", b)
		}
	}
}

func TestMoney(t *testing.T) {
	cases := []struct {
		cents  int64
		en, fr string
	}{
		{66957, "$669.57", "669,57\u00a0$"},
		{89275, "$892.75", "892,75\u00a0$"},
		{5000000, "$50,000", "50\u00a0000\u00a0$"},
		{123456789, "$1,234,567.89", "1\u00a0234\u00a0567,89\u00a0$"},
		{5, "$0.05", "0,05\u00a0$"},
	}
	for _, c := range cases {
		if got := Money(c.cents, lang.EN); got != c.en {
			t.Errorf("Money(%d, en) = %q, want %q", c.cents, got, c.en)
		}
		if got := Money(c.cents, lang.FR); got != c.fr {
			t.Errorf("Money(%d, fr) = %q, want %q", c.cents, got, c.fr)
		}
	}
}

func TestParseMoney(t *testing.T) {
	ok := map[string]int64{"892.75": 89275, "$892.75": 89275, "892,75": 89275, "1,234": 123400, "1 234,50 $": 123450, "50000": 5000000, "0.5": 50, "": 0}
	for in, want := range ok {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"abc", "12.345", "1.2.3", "-5", "9999999999999", "$", "12..5"} {
		if _, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) accepted", in)
		}
	}
}

func TestSalaryFormatAndAnnual(t *testing.T) {
	s := Salary{Min: 66957, Max: 89275, Period: Weekly}
	if got := s.Format(lang.EN); got != "$669.57 to $892.75 a week" {
		t.Errorf("en %q", got)
	}
	if got := s.Format(lang.FR); got != "de 669,57\u00a0$ à 892,75\u00a0$ par semaine" {
		t.Errorf("fr %q", got)
	}
	if lo, hi := s.Annual(36.25); lo != 34817 || hi != 46423 {
		t.Errorf("weekly annualized %d-%d", lo, hi)
	}
	if lo, hi := (Salary{Min: 2000, Max: 2500, Period: Hourly}).Annual(35); lo != 36400 || hi != 45500 {
		t.Errorf("hourly annualized %d-%d", lo, hi)
	}
	if lo, hi := (Salary{Max: 8000000, Period: Annual}).Annual(0); lo != 80000 || hi != 80000 {
		t.Errorf("single annual figure %d-%d", lo, hi)
	}
	if (Salary{}).Format(lang.EN) != "" {
		t.Error("unstated salary rendered")
	}
}

func TestClosingFormats(t *testing.T) {
	// The Data co-op closed at 5:00 p.m. in Toronto on 10 November 2023, after the end of daylight time.
	at, err := ClosingInstant("2023-11-10", "17:00", "America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	if !at.Equal(time.Date(2023, 11, 10, 22, 0, 0, 0, time.UTC)) {
		t.Errorf("instant %v", at)
	}
	p := &Posting{ClosesAt: at, TimeZone: "America/Toronto"}
	if got := FormatDateTime(p.ClosingLocal(), lang.EN); got != "Friday, November 10, 2023, 5:00 p.m. EST" {
		t.Errorf("en %q", got)
	}
	if got := FormatDateTime(p.ClosingLocal(), lang.FR); got != "le vendredi 10 novembre 2023 à 17 h (HNE)" {
		t.Errorf("fr %q", got)
	}
	summer, _ := ClosingInstant("2024-07-01", "09:30", "America/Vancouver")
	q := &Posting{ClosesAt: summer, TimeZone: "America/Vancouver"}
	if got := FormatDateTime(q.ClosingLocal(), lang.EN); got != "Monday, July 1, 2024, 9:30 a.m. PDT" {
		t.Errorf("en summer %q", got)
	}
	if got := FormatDateTime(q.ClosingLocal(), lang.FR); got != "le lundi 1er juillet 2024 à 9 h 30 (HAP)" {
		t.Errorf("fr summer %q", got)
	}
	for _, bad := range [][3]string{{"2023-13-01", "17:00", "America/Toronto"}, {"2023-11-10", "25:00", "America/Toronto"}, {"2023-11-10", "17:00", "Mars/Base"}, {"2023-11-10", "17:00", ""}} {
		if _, err := ClosingInstant(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("ClosingInstant%v accepted", bad)
		}
	}
	if got := FormatClock(time.Date(2024, 1, 1, 0, 5, 0, 0, time.UTC), lang.EN); got != "12:05 a.m." {
		t.Errorf("midnight %q", got)
	}
	if got := FormatClock(time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC), lang.EN); got != "12:00 p.m." {
		t.Errorf("noon %q", got)
	}
}

func TestCheckDraft(t *testing.T) {
	ok := &Posting{Title: lang.T("Analyst", "")}
	if err := ok.CheckDraft(nil); err != nil {
		t.Errorf("minimal draft refused: %v", err)
	}
	cases := map[string]func(p *Posting){
		"title_en":            func(p *Posting) { p.Title = lang.Text{} },
		"salary_max":          func(p *Posting) { p.Salary = Salary{Min: 900, Max: 800, Period: Weekly} },
		"salary_period":       func(p *Posting) { p.Salary = Salary{Min: 900} },
		"salary_min":          func(p *Posting) { p.Salary = Salary{Min: -1, Period: Annual} },
		"hours":               func(p *Posting) { p.Hours = 100 },
		"term_start":          func(p *Posting) { p.TermStart = "02/01/2024" },
		"term_end":            func(p *Posting) { p.TermStart, p.TermEnd = "2024-04-26", "2024-01-02" },
		"term_months":         func(p *Posting) { p.TermMonths = -3 },
		"type":                func(p *Posting) { p.Type = "gig" },
		"mode":                func(p *Posting) { p.WorkMode = "moon" },
		"time_zone":           func(p *Posting) { p.TimeZone = "Nowhere/Else" },
		"accommodation_email": func(p *Posting) { p.AccommodationEmail = "not an email" },
		"title_fr":            func(p *Posting) { p.Title.FR = string(make([]rune, MaxTitle+1)) },
		"group_0_item_0": func(p *Posting) {
			p.Groups = []QualificationGroup{{Items: []Qualification{{Kind: "maybe", Text: lang.T("x", "x")}}}}
		},
		"org":       func(p *Posting) { p.OrgCode = "unknown" },
		"streams":   func(p *Posting) { p.Program, p.Streams = "oip", []string{"nope"} },
		"level":     func(p *Posting) { p.Level = "it-01" },
		"locations": func(p *Posting) { p.Locations = []Location{{City: "atlantis"}} },
	}
	for field, breakIt := range cases {
		p := &Posting{Title: lang.T("Analyst", "Analyste")}
		breakIt(p)
		var ps Problems
		err := p.CheckDraft(fakeRefs{})
		if !asProblems(err, &ps) || len(ps.For(field)) == 0 {
			t.Errorf("%s: got %v, want a problem on %s", field, err, field)
		}
	}
}

func asProblems(err error, ps *Problems) bool {
	p, ok := err.(Problems)
	*ps = p
	return ok
}

type fakeRefs struct{}

func (fakeRefs) HasOrg(c string) bool       { return c == "ods" }
func (fakeRefs) HasProgram(c string) bool   { return c == "oip" }
func (fakeRefs) HasStream(p, c string) bool { return p == "oip" && c == "communications" }
func (fakeRefs) HasLevel(p, c string) bool  { return p == "gc-it" && c == "it-01" }
func (fakeRefs) HasCity(c string) bool      { _, ok := CityByCode(c); return ok }

// A title is one line (it is also the subject of email about the posting),
// and documents to attach come from the list, each once.
func TestCheckDraftTitleLineAndDocuments(t *testing.T) {
	cases := map[string]func(p *Posting){
		"title_en":  func(p *Posting) { p.Title.EN = "Data\nanalyst" },
		"title_fr":  func(p *Posting) { p.Title.FR = "Analyste\tde données" },
		"documents": func(p *Posting) { p.Documents = []DocumentKind{Resume, Resume} },
	}
	for field, breakIt := range cases {
		p := &Posting{Title: lang.T("Analyst", "Analyste")}
		breakIt(p)
		var ps Problems
		if err := p.CheckDraft(fakeRefs{}); !asProblems(err, &ps) || len(ps.For(field)) == 0 {
			t.Errorf("%s: got %v, want a problem on %s", field, err, field)
		}
	}
	p := &Posting{Title: lang.T("Analyst", "Analyste"), Documents: []DocumentKind{ResumeCoverLetter, Transcript}}
	if err := p.CheckDraft(fakeRefs{}); err != nil {
		t.Errorf("valid documents refused: %v", err)
	}
	p.Documents = []DocumentKind{"photo"}
	var ps Problems
	if err := p.CheckDraft(fakeRefs{}); !asProblems(err, &ps) || len(ps.For("documents")) == 0 {
		t.Errorf("unknown document kind: got %v", err)
	}
}
