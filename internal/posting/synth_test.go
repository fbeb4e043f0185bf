package posting

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// synthTestRefs resemble the shipped catalog.
func synthTestRefs() SynthRefs {
	return SynthRefs{
		Orgs: []string{"ods", "ontario-finance", "ontario-health", "cds", "statcan", "ssc", "tbs"},
		Programs: []SynthProgram{
			{Code: "oip", Types: []EmploymentType{Internship},
				Streams: []string{"business-financial-planning", "communications", "human-resources", "information-technology", "labour-relations", "policy-development", "program-service-delivery"}},
			{Code: "ods-coop", Types: []EmploymentType{CoOp, Student}},
			{Code: "gc-it", Types: []EmploymentType{Student, Term, Permanent},
				Streams: []string{"it-business-line-advisory", "it-database-management", "it-enterprise-architecture", "it-infrastructure-operations", "it-planning-reporting", "it-project-portfolio-management", "it-security", "it-software-solutions"},
				Levels:  []string{"it-01", "it-02", "it-03", "it-04", "it-05"}},
			{Code: "gc-data", Streams: []string{"data-systems-operations", "data-science-analytics"}},
			{Code: "gc-ex", Types: []EmploymentType{Term, Permanent}, Levels: []string{"ex-01", "ex-02", "ex-03", "ex-04", "ex-05"}},
		},
		Now: time.Date(2025, time.March, 3, 14, 30, 0, 0, time.UTC),
	}
}

// synthCheckRefs answers CheckDraft's reference questions from SynthRefs.
type synthCheckRefs SynthRefs

func (r synthCheckRefs) program(code string) (SynthProgram, bool) {
	for _, p := range r.Programs {
		if p.Code == code {
			return p, true
		}
	}
	return SynthProgram{}, false
}

func (r synthCheckRefs) HasOrg(code string) bool { return slices.Contains(r.Orgs, code) }
func (r synthCheckRefs) HasProgram(code string) bool {
	_, ok := r.program(code)
	return ok
}
func (r synthCheckRefs) HasStream(program, code string) bool {
	p, ok := r.program(program)
	return ok && slices.Contains(p.Streams, code)
}
func (r synthCheckRefs) HasLevel(program, code string) bool {
	p, ok := r.program(program)
	return ok && slices.Contains(p.Levels, code)
}
func (r synthCheckRefs) HasCity(code string) bool { _, ok := CityByCode(code); return ok }

func TestSynthIsDeterministic(t *testing.T) {
	refs := synthTestRefs()
	a, b := Synth(42, 300, refs), Synth(42, 300, refs)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different postings")
	}
	c := Synth(43, 300, refs)
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave identical postings")
	}
	same := 0
	for i := range a {
		if a[i].Title == c[i].Title && a[i].ClosesAt.Equal(c[i].ClosesAt) {
			same++
		}
	}
	if same > len(a)/10 {
		t.Errorf("%d of %d postings share title and closing with another seed's", same, len(a))
	}
}

func TestSynthPostingsAreValidAndComplete(t *testing.T) {
	refs := synthTestRefs()
	check := synthCheckRefs(refs)
	for i, p := range Synth(7, 2000, refs) {
		if err := p.CheckDraft(check); err != nil {
			t.Fatalf("posting %d (%s): CheckDraft: %v", i, p.Title.EN, err)
		}
		if err := p.CheckPublishable(p.PublishedAt); err != nil {
			t.Fatalf("posting %d (%s): CheckPublishable at its publication %v: %v", i, p.Title.EN, p.PublishedAt, err)
		}
		if err := synthInvariants(p, refs); err != "" {
			t.Fatalf("posting %d (%s): %s", i, p.Title.EN, err)
		}
	}
}

// synthInvariants returns what is wrong with p beyond what validation checks.
func synthInvariants(p *Posting, refs SynthRefs) string {
	switch {
	case p.Status != Published && p.Status != Closed:
		return "status " + string(p.Status)
	case p.Status == Closed && !p.ClosedAt.Equal(p.ClosesAt):
		return "closed without ClosedAt at the closing instant"
	case p.Status == Published && !p.ClosedAt.IsZero():
		return "published with a ClosedAt"
	case p.PublishedAt.After(refs.Now):
		return "published after now"
	case len(p.Eligibility) < 1 || len(p.Eligibility) > 3:
		return "eligibility count out of 1-3"
	case len(p.Groups) < 2 || len(p.Groups) > 3:
		return "group count out of 2-3"
	case !p.Salary.Stated() || p.Salary.Min > p.Salary.Max:
		return "salary not a range"
	case p.TimeZone == "" || !slices.Contains(TimeZones, p.TimeZone):
		return "time zone " + p.TimeZone
	}
	headings := map[string]bool{}
	for _, g := range p.Groups {
		if len(g.Items) < 2 || len(g.Items) > 4 || !g.Heading.Complete() || g.Items[0].Kind != Essential {
			return "group " + g.Heading.EN + " is not 2-4 items led by an essential one"
		}
		if headings[g.Heading.EN] {
			return "two groups headed " + g.Heading.EN
		}
		headings[g.Heading.EN] = true
		items := map[string]bool{}
		for j, q := range g.Items {
			if j > 0 && q.Kind == Essential && g.Items[j-1].Kind == Asset {
				return "group " + g.Heading.EN + " lists an essential item after an asset"
			}
			if items[q.Text.EN] {
				return "group " + g.Heading.EN + " lists twice " + q.Text.EN
			}
			items[q.Text.EN] = true
		}
	}
	reqs := map[string]bool{}
	for _, r := range p.Eligibility {
		if reqs[r.Text.EN] {
			return "eligibility lists twice " + r.Text.EN
		}
		reqs[r.Text.EN] = true
	}
	if p.TermStart != "" {
		start, _ := time.Parse(time.DateOnly, p.TermStart)
		end, _ := time.Parse(time.DateOnly, p.TermEnd)
		if start.Weekday() != time.Monday || end.Weekday() != time.Friday || !start.After(p.ClosesAt) || end.Sub(start) < 80*24*time.Hour {
			return "term " + p.TermStart + " to " + p.TermEnd + " is not Monday to Friday, months after closing"
		}
	}
	if prog, ok := synthCheckRefs(refs).program(p.Program); !ok || (len(prog.Types) > 0 && !slices.Contains(prog.Types, p.Type)) {
		return "type " + string(p.Type) + " not offered by program " + p.Program
	}
	studentPay := p.Salary.Period == Hourly || p.Salary.Period == Weekly
	switch p.Type {
	case Student, CoOp:
		if !studentPay || p.TermStart == "" || p.TermEnd == "" {
			return "student or co-op without hourly or weekly pay and term dates"
		}
	case Term, Permanent, Internship:
		if p.Salary.Period != Annual {
			return "employee without annual pay"
		}
	}
	if p.Type == Permanent && (p.TermStart != "" || p.TermMonths != 0) {
		return "permanent posting with a term"
	}
	return ""
}

func TestSynthDistribution(t *testing.T) {
	refs := synthTestRefs()
	ps := Synth(11, 2000, refs)
	count := map[string]int{}
	for _, p := range ps {
		count["program "+p.Program]++
		count["org "+p.OrgCode]++
		count["type "+string(p.Type)]++
		count["mode "+string(p.WorkMode)]++
		count["period "+string(p.Salary.Period)]++
		count["status "+string(p.Status)]++
		count["languages "+string(p.Languages)]++
		for _, s := range p.Streams {
			count["stream "+s]++
		}
		for _, l := range p.Locations {
			count["city "+l.City]++
		}
		for _, g := range p.Groups {
			for _, q := range g.Items {
				count["kind "+string(q.Kind)]++
			}
		}
		if p.IsOpen(refs.Now) {
			count["open"]++
		}
	}
	var want []string
	for _, prog := range refs.Programs {
		want = append(want, "program "+prog.Code)
		for _, s := range prog.Streams {
			want = append(want, "stream "+s)
		}
	}
	for _, o := range refs.Orgs {
		want = append(want, "org "+o)
	}
	for _, x := range EmploymentTypes {
		want = append(want, "type "+string(x))
	}
	for _, m := range WorkModes {
		want = append(want, "mode "+string(m))
	}
	for _, l := range LanguageRequirements {
		want = append(want, "languages "+string(l))
	}
	for _, x := range Periods {
		want = append(want, "period "+string(x))
	}
	want = append(want, "status published", "status closed", "kind essential", "kind asset")
	for _, w := range want {
		if count[w] == 0 {
			t.Errorf("no posting has %s", w)
		}
	}
	if share := float64(count["open"]) / float64(len(ps)); math.Abs(share-synthOpenShare) > 0.05 {
		t.Errorf("open share = %.3f, want %.2f ± 0.05", share, synthOpenShare)
	}
	for _, c := range Cities[2:] {
		if count["city "+c.Code] >= count["city ottawa"] || count["city ottawa"] >= count["city toronto"] {
			t.Errorf("city counts: toronto %d, ottawa %d, %s %d: want Toronto then Ottawa most common",
				count["city toronto"], count["city ottawa"], c.Code, count["city "+c.Code])
		}
	}
}

func TestSynthTitlesFollowStreamsAndLevels(t *testing.T) {
	tx := tables()
	familyOf := map[string]int{} // title, in every form, to family
	for i, f := range tx.families {
		for _, ti := range f.titles {
			familyOf[ti.text.EN] = i
			for _, v := range ti.typed {
				familyOf[v.EN] = i
			}
		}
	}
	matched := 0
	for _, p := range Synth(5, 2000, synthTestRefs()) {
		fam, ok := familyOf[p.Title.EN]
		if !ok {
			t.Fatalf("title %q is not in the tables", p.Title.EN)
		}
		executive := strings.HasPrefix(p.Level, "ex-") && !isStudentType(p.Type)
		if executive != (fam == tx.leadership) {
			t.Errorf("level %s, type %s: title %q", p.Level, p.Type, p.Title.EN)
		}
		if want := tx.familiesFor(firstOf(p.Streams)); !executive && len(want) > 0 {
			if !slices.Contains(want, fam) {
				t.Errorf("stream %s with title %q", p.Streams[0], p.Title.EN)
			}
			matched++
		}
		if p.Type == CoOp && !strings.HasSuffix(p.Title.EN, " (co-op)") {
			t.Errorf("co-op posting titled %q", p.Title.EN)
		}
		if isStudentType(p.Type) && strings.Contains(p.Title.EN, "Senior") {
			t.Errorf("%s posting titled %q", p.Type, p.Title.EN)
		}
	}
	if matched < 500 {
		t.Errorf("only %d postings had a stream tied to job families", matched)
	}
	if got := tx.familiesFor("it-security"); len(got) != 1 || tx.families[got[0]].heading.EN != "Security knowledge" {
		t.Errorf("familiesFor(it-security) = %v, want the security family alone", got)
	}
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return "" // matches no keyword
	}
	return s[0]
}

func TestSynthSalaryGrowsWithLevel(t *testing.T) {
	refs := synthTestRefs()
	sum, n := map[string]int64{}, map[string]int64{}
	for _, p := range Synth(9, 2000, refs) {
		if p.Program == "gc-it" && p.Salary.Period == Annual && p.Level != "" {
			sum[p.Level] += p.Salary.Min
			n[p.Level]++
		}
	}
	if n["it-01"] == 0 || n["it-05"] == 0 {
		t.Fatalf("no IT-01 or IT-05 postings: %v", n)
	}
	if low, high := sum["it-01"]/n["it-01"], sum["it-05"]/n["it-05"]; high <= low {
		t.Errorf("average IT-05 minimum %d is not above IT-01's %d", high, low)
	}
}

func TestSynthPostingsDoNotShareSlices(t *testing.T) {
	ps := Synth(3, 50, synthTestRefs())
	ps[0].Groups[0].Items = append(ps[0].Groups[0].Items, Qualification{Kind: Asset})
	ps[0].Eligibility = append(ps[0].Eligibility, Requirement{ID: 99})
	ps[0].Locations = append(ps[0].Locations, Location{City: "x"})
	for i := range ps[0].Groups {
		for j := range ps[0].Groups[i].Items {
			ps[0].Groups[i].Items[j].ID = 99
		}
	}
	for _, p := range ps[1:] {
		for _, g := range p.Groups {
			for _, q := range g.Items {
				if q.ID != 0 {
					t.Fatal("changing one posting's qualifications changed another's")
				}
			}
		}
		if p.Eligibility[0].ID != 0 || p.Locations[0].City == "x" {
			t.Fatal("appending to one posting's lists changed another's")
		}
	}
}

func TestSynthEdgeCases(t *testing.T) {
	refs := synthTestRefs()
	if got := Synth(1, 0, refs); len(got) != 0 {
		t.Errorf("n = 0 gave %d postings", len(got))
	}
	if got := Synth(1, -5, refs); len(got) != 0 {
		t.Errorf("n = -5 gave %d postings", len(got))
	}
	if got := Synth(1, 10, SynthRefs{Programs: refs.Programs}); got != nil {
		t.Errorf("no organizations gave %d postings, want nil", len(got))
	}
	if got := Synth(1, 10, SynthRefs{Orgs: []string{""}}); got != nil {
		t.Errorf("only an empty organization code gave %d postings, want nil", len(got))
	}

	bare := SynthRefs{Orgs: []string{"Weird Org!", ""}, Programs: []SynthProgram{{Streams: []string{"orphan"}}}}
	ps := Synth(1, 200, bare)
	if len(ps) != 200 {
		t.Fatalf("got %d postings, want 200", len(ps))
	}
	for i, p := range ps {
		if p.Program != "" || p.Streams != nil || p.Level != "" {
			t.Fatalf("posting %d names a program without refs: %q %v %q", i, p.Program, p.Streams, p.Level)
		}
		if err := p.CheckDraft(nil); err != nil {
			t.Fatalf("posting %d: %v", i, err)
		}
		if err := p.CheckPublishable(p.PublishedAt); err != nil {
			t.Fatalf("posting %d: %v", i, err)
		}
	}
	// A zero Now means SynthDefaultNow, not the clock.
	open := 0
	for _, p := range ps {
		if p.IsOpen(SynthDefaultNow) {
			open++
		}
	}
	if open == 0 || open == len(ps) {
		t.Errorf("%d of %d open at SynthDefaultNow, want a mix", open, len(ps))
	}
}

func TestSynthPhraseTables(t *testing.T) {
	tx := tables()
	titles := map[string]bool{}
	for i, f := range tx.families {
		if f.titles[0].senior {
			t.Errorf("family %d: first title %q is senior", i, f.titles[0].text.EN)
		}
		if len(f.skills) < 4 || len(f.dutyItems) < 5 || len(f.summaries) == 0 || !f.heading.Complete() {
			t.Errorf("family %d (%s) lacks skills, duties, summaries or heading", i, f.titles[0].text.EN)
		}
		for _, ti := range f.titles {
			titles[ti.text.EN+"|"+ti.text.FR] = true
			for _, v := range append(ti.typed[:], ti.text) {
				if !v.Complete() {
					t.Errorf("title %+v is not bilingual", v)
				}
			}
		}
		for _, d := range f.duties {
			if !d.Complete() || strings.Count(d.EN, "\n- ") != strings.Count(d.FR, "\n- ") || strings.Count(d.EN, "\n- ") < 4 {
				t.Errorf("duties variant is not a bilingual list of 4 or more: %q", d.EN)
			}
		}
	}
	if len(titles) < 40 {
		t.Errorf("%d distinct title pairs, want at least 40", len(titles))
	}
	for _, g := range synthGroups {
		if len(g.items) < 4 {
			t.Errorf("group %q has %d items, want at least 4 to draw from", g.heading.EN, len(g.items))
		}
	}
}

func TestSynthFrenchTypography(t *testing.T) {
	for _, p := range Synth(2, 300, synthTestRefs()) {
		for field, text := range p.texts() {
			if strings.Contains(text.FR, "'") || strings.Contains(text.FR, " :") {
				t.Fatalf("%s (FR) has plain typography: %q", field, text.FR)
			}
		}
	}
}

func BenchmarkSynth(b *testing.B) {
	refs := synthTestRefs()
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ps := Synth(1, n, refs); len(ps) != n {
					b.Fatalf("got %d postings", len(ps))
				}
			}
		})
	}
}
