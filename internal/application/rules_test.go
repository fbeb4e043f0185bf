package application

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/profile"
	"github.com/pathways-gov/pathways/internal/valid"
)

func published(closes time.Time) *posting.Posting {
	return &posting.Posting{ID: 1, Status: posting.Published, ClosesAt: closes, TimeZone: "America/Toronto"}
}

func TestOpenAtTheClosingInstant(t *testing.T) {
	toronto, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, date string
		offset     time.Duration // from UTC in that season
	}{
		{"EDT (summer)", "2026-07-15", -4 * time.Hour},
		{"EST (winter)", "2026-11-20", -5 * time.Hour},
		{"first day of EDT", "2026-03-08", -4 * time.Hour},
		{"first day of EST", "2026-11-01", -5 * time.Hour},
	} {
		t.Run(c.name, func(t *testing.T) {
			closes, err := posting.ClosingInstant(c.date, "17:00", "America/Toronto")
			if err != nil {
				t.Fatal(err)
			}
			civil, _ := time.Parse("2006-01-02 15:04", c.date+" 17:00")
			if want := civil.Add(-c.offset); !closes.Equal(want) {
				t.Fatalf("closing instant %v, want %v", closes, want)
			}
			p := published(closes)
			at := func(hms string) time.Time {
				v, err := time.ParseInLocation("2006-01-02 15:04:05.000", c.date+" "+hms, toronto)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for hms, want := range map[string]bool{
				"09:00:00.000": true,
				"16:59:59.000": true,
				"16:59:59.999": true,
				"17:00:00.000": false,
				"17:00:00.001": false,
				"17:00:01.000": false,
			} {
				if got := Open(p, at(hms)); got != want {
					t.Errorf("Open at %s %s local = %v, want %v", c.date, hms, got, want)
				}
			}
			if Open(p, closes) {
				t.Error("open exactly at the closing instant")
			}
			if !Open(p, closes.Add(-time.Nanosecond)) {
				t.Error("closed a nanosecond before the closing instant")
			}
		})
	}
}

func TestOpenNeedsAPublishedPosting(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for s, want := range map[posting.Status]bool{posting.Draft: false, posting.Published: true, posting.Closed: false, posting.Archived: false} {
		p := published(now.Add(time.Hour))
		p.Status = s
		if Open(p, now) != want {
			t.Errorf("posting %s: Open = %v", s, !want)
		}
	}
	if Open(nil, now) {
		t.Error("nil posting open")
	}
}

func TestDueReminder(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	draft := func() *Application { return &Application{Status: Draft} }
	cases := []struct {
		name  string
		a     *Application
		p     *posting.Posting
		wants bool
		due   bool
	}{
		{"closes in 2 days", draft(), published(now.Add(48 * time.Hour)), true, true},
		{"closes in exactly 3 days", draft(), published(now.Add(72 * time.Hour)), true, true},
		{"closes in 3 days and a second", draft(), published(now.Add(72*time.Hour + time.Second)), true, false},
		{"closes in a minute", draft(), published(now.Add(time.Minute)), true, true},
		{"closed now", draft(), published(now), true, false},
		{"closed yesterday", draft(), published(now.Add(-24 * time.Hour)), true, false},
		{"no reminders wanted", draft(), published(now.Add(48 * time.Hour)), false, false},
		{"already reminded", &Application{Status: Draft, RemindedAt: now.Add(-time.Hour)}, published(now.Add(48 * time.Hour)), true, false},
		{"submitted", &Application{Status: Submitted}, published(now.Add(48 * time.Hour)), true, false},
		{"withdrawn", &Application{Status: Withdrawn}, published(now.Add(48 * time.Hour)), true, false},
		{"no closing date", draft(), published(time.Time{}), true, false},
		{"posting closed early by staff", draft(), &posting.Posting{Status: posting.Closed, ClosesAt: now.Add(48 * time.Hour)}, true, false},
	}
	for _, c := range cases {
		if got := DueReminder(c.a, c.p, c.wants, now); got != c.due {
			t.Errorf("%s: DueReminder = %v, want %v", c.name, got, c.due)
		}
	}
}

func TestConfirmationNumbers(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		c := NewConfirmation()
		if !ValidConfirmation(c) || len(c) != len("PW-7K4M-Q9XD-2F") {
			t.Fatalf("NewConfirmation() = %q, not valid", c)
		}
		if seen[c] {
			t.Fatalf("duplicate %q in 10,000", c)
		}
		seen[c] = true
		if strings.ContainsAny(c[3:], "ILOU") {
			t.Fatalf("%q uses a confusable letter", c)
		}
	}
	for s, want := range map[string]bool{
		"PW-7K4M-Q9XD-2F":  true,
		"PW-0000-0000-00":  true,
		"pw-7k4m-q9xd-2f":  false, // canonical form is upper case (ParseConfirmation accepts it)
		"PW-7K4M-Q9XD-2":   false,
		"PW-7K4M-Q9XD-2FF": false,
		"PX-7K4M-Q9XD-2F":  false,
		"PW-7K4M-Q9XD-2U":  false, // U is not in the alphabet
		"PW-7K4MQ9XD2F":    false,
		"PW-7K4M-Q9XD-2F-": false,
		"":                 false,
	} {
		if got := ValidConfirmation(s); got != want {
			t.Errorf("ValidConfirmation(%q) = %v", s, got)
		}
	}
	for in, want := range map[string]string{
		"pw-7k4m-q9xd-2f":    "PW-7K4M-Q9XD-2F",
		" PW 7K4M Q9XD 2F ":  "PW-7K4M-Q9XD-2F",
		"PW7K4MQ9XD2F":       "PW-7K4M-Q9XD-2F",
		"PW-OI4L-Q9XD-2F":    "PW-0141-Q9XD-2F",
		"pw-7k4m-q9xd-2f-xx": "",
	} {
		got, ok := ParseConfirmation(in)
		if ok != (want != "") || (ok && got != want) {
			t.Errorf("ParseConfirmation(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// screeningPosting has two eligibility requirements (ids 1, 2), a group (3)
// with an essential (4) and an asset (5) qualification, and asks for one file.
func screeningPosting() *posting.Posting {
	return &posting.Posting{
		Status: posting.Published,
		Eligibility: []posting.Requirement{
			{ID: 1, Text: lang.T("Enrolled", "Inscrit")},
			{ID: 2, Text: lang.T("Eligible to work", "Admissible")},
		},
		Groups: []posting.QualificationGroup{{ID: 3, Heading: lang.T("Skills", "Compétences"), Items: []posting.Qualification{
			{ID: 4, Kind: posting.Essential, Text: lang.T("SQL", "SQL")},
			{ID: 5, Kind: posting.Asset, Text: lang.T("Python", "Python")},
		}}},
		Documents: []posting.DocumentKind{posting.ResumeCoverLetter},
	}
}

func fields(ps valid.Problems) string {
	var f []string
	for _, p := range ps {
		if p.Msg.EN == "" || p.Msg.FR == "" || p.Msg.EN == p.Msg.FR {
			f = append(f, "UNTRANSLATED:"+p.Field)
			continue
		}
		f = append(f, p.Field)
	}
	return strings.Join(f, " ")
}

func TestAnswersCheck(t *testing.T) {
	p := screeningPosting()
	long := strings.Repeat("é", MaxAnswerRunes)
	cases := []struct {
		name string
		a    Answers
		want string
	}{
		{"empty draft", Answers{}, ""},
		{"partial", Answers{Eligibility: map[int64]bool{1: true}, Responses: map[int64]string{4: "At my co-op I…"}}, ""},
		{"no is an answer", Answers{Eligibility: map[int64]bool{1: false, 2: false}}, ""},
		{"unknown eligibility id", Answers{Eligibility: map[int64]bool{9: true}}, "eligibility_9"},
		{"qualification id as eligibility", Answers{Eligibility: map[int64]bool{4: true}}, "eligibility_4"},
		{"eligibility id as response", Answers{Responses: map[int64]string{1: "x"}}, "response_1"},
		{"group id as response", Answers{Responses: map[int64]string{3: "x"}}, "response_3"},
		{"at the limit, in accented letters", Answers{Responses: map[int64]string{4: long}}, ""},
		{"over the limit", Answers{Responses: map[int64]string{4: long + "e"}}, "response_4"},
		{"CRLF counts as one character", Answers{Responses: map[int64]string{4: strings.Repeat("ab\r\n", MaxAnswerRunes/3) + "x"}}, ""},
		{"CRLF over the limit", Answers{Responses: map[int64]string{4: strings.Repeat("abc\r\n", MaxAnswerRunes/4+1)}}, "response_4"},
		{"surrounding spaces do not count", Answers{Responses: map[int64]string{5: "  \n" + long + "\n\n  "}}, ""},
		{"several, in id order", Answers{Eligibility: map[int64]bool{8: true, 7: true}, Responses: map[int64]string{5: long + "!", 6: "x"}}, "eligibility_7 eligibility_8 response_5 response_6"},
	}
	for _, c := range cases {
		if got := fields(c.a.Check(p)); got != c.want {
			t.Errorf("%s: problems %q, want %q", c.name, got, c.want)
		}
	}
	if Runes("a\r\nb\rc\n") != 5 {
		t.Errorf("Runes = %d", Runes("a\r\nb\rc\n"))
	}
}

func TestNormalizeAnswers(t *testing.T) {
	a := Answers{Responses: map[int64]string{4: " one\r\ntwo\r\n", 5: " \r\n "}}
	a.Normalize()
	if len(a.Responses) != 1 || a.Responses[4] != "one\ntwo" {
		t.Fatalf("Normalize: %v", a.Responses)
	}
}

func TestComplete(t *testing.T) {
	p := screeningPosting()
	full := func() *Application {
		return &Application{
			Answers:   Answers{Eligibility: map[int64]bool{1: true, 2: false}, Responses: map[int64]string{4: "In my co-op term I wrote SQL reports; the result was…"}},
			Documents: []Document{{Kind: string(posting.ResumeCoverLetter)}},
		}
	}
	cases := []struct {
		name        string
		change      func(a *Application)
		declaration string
		want        string
	}{
		{"complete (asset left blank)", func(*Application) {}, "Jeanne Tremblay", ""},
		{"nothing signed", func(*Application) {}, "  ", "declaration"},
		{"declaration too long", func(*Application) {}, strings.Repeat("x", MaxDeclarationRunes+1), "declaration"},
		{"eligibility unanswered", func(a *Application) { delete(a.Answers.Eligibility, 2) }, "J", "eligibility_2"},
		{"essential answer blank", func(a *Application) { a.Answers.Responses[4] = " \r\n " }, "J", "response_4"},
		{"essential answer missing", func(a *Application) { a.Answers.Responses = nil }, "J", "response_4"},
		{"document missing", func(a *Application) { a.Documents = nil }, "J", "document_resume-cover-letter"},
		{"other document kind", func(a *Application) { a.Documents[0].Kind = "resume" }, "J", "document_resume-cover-letter"},
		{"accommodation too long", func(a *Application) { a.Accommodation = strings.Repeat("x", MaxAccommodationRunes+1) }, "J", "accommodation"},
		{"answer too long and unknown id", func(a *Application) {
			a.Answers.Responses[5] = strings.Repeat("x", MaxAnswerRunes+1)
			a.Answers.Eligibility[42] = true
		}, "J", "eligibility_42 response_5"},
		{"everything missing, in form order", func(a *Application) { *a = Application{} }, "", "eligibility_1 eligibility_2 response_4 document_resume-cover-letter declaration"},
	}
	for _, c := range cases {
		a := full()
		c.change(a)
		if got := fields(a.Complete(p, c.declaration)); got != c.want {
			t.Errorf("%s: problems %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckProfile(t *testing.T) {
	if got := fields(CheckProfile(nil)); got != "profile" {
		t.Errorf("no profile: %q", got)
	}
	if got := fields(CheckProfile(&profile.Profile{Name: "Jeanne"})); got != "profile" {
		t.Errorf("no email: %q", got)
	}
	if got := CheckProfile(&profile.Profile{Name: "Jeanne", Email: "j@example.ca", WorkEligibility: profile.Citizen}); got != nil {
		t.Errorf("complete profile: %v", got)
	}
	ps := CheckProfile(&profile.Profile{Email: "j@example.ca"})
	if len(ps) != 1 || !strings.Contains(ps[0].Msg.EN, "Name") || !strings.Contains(ps[0].Msg.FR, "Nom") {
		t.Errorf("missing name: %+v", ps)
	}
}

func TestGuidanceAndErrorsBilingual(t *testing.T) {
	if !Guidance.Complete() || !strings.Contains(GuidanceEN, "situation") || !strings.Contains(GuidanceFR, "situation") {
		t.Error("guidance incomplete")
	}
	for _, e := range []*Error{ErrClosed, ErrWithdrawn, ErrSubmitted, ErrNotApplicant} {
		if !e.Msg.Complete() || e.Msg.EN == e.Msg.FR || !errors.Is(e, e) {
			t.Errorf("%s not bilingual", e.Code)
		}
	}
	m := (&TransitionError{From: Hired, To: Submitted}).Message()
	if !strings.Contains(m.EN, "Hired") || !strings.Contains(m.FR, "Embauche") {
		t.Errorf("transition message %+v", m)
	}
}
