package profile

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/valid"
)

// fakeRefs knows two cities, two provinces and two competencies; today is
// 2026-11-23.
type fakeRefs struct{}

func (fakeRefs) CityProvince(c string) (string, bool) {
	p, ok := map[string]string{"toronto": "ON", "gatineau": "QC"}[c]
	return p, ok
}
func (fakeRefs) HasProvince(c string) bool   { return c == "ON" || c == "QC" }
func (fakeRefs) HasCompetency(c string) bool { return c == "research" || c == "communication" }
func (fakeRefs) Now() time.Time              { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }

// good is a complete, valid profile; each case below breaks one thing.
func good() *Profile {
	return &Profile{
		Name: "Amara Okafor", Email: "amara@example.ca", Phone: "416-555-0123", City: "toronto", Province: "ON",
		Education: []Education{
			{ID: 1, Institution: "Carleton University", Program: "Bachelor of Computer Science", Level: Bachelor, Status: EnrolledCoOp, Graduated: "2028-04"},
			{ID: 2, Institution: "Lisgar Collegiate", Program: "OSSD", Level: Secondary, Status: Graduated, Graduated: "2024-06"},
		},
		Experiences: []Experience{
			{ID: 3, Kind: Work, Title: "Research assistant", Organization: "Carleton", Start: "2025-05", End: "2025-08", Description: "Surveys.\nAnalysis."},
			{ID: 4, Kind: Award, Title: "Dean's list", Start: "2025-06"},
		},
		Skills: []Skill{
			{Competency: "research", Evidence: []Evidence{{ExperienceID: 3, Text: "Ran a survey of 400 students."}}},
			{Competency: "communication"},
		},
		Languages:          Languages{First: "en", English: Fluent, French: Intermediate},
		WorkEligibility:    Citizen,
		PreferredLocations: []string{"toronto", "QC"},
		RemoteOK:           true,
		LastID:             4,
	}
}

func fields(ps valid.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestValidateGood(t *testing.T) {
	if ps := good().Validate(fakeRefs{}); ps != nil {
		t.Fatalf("a good profile has problems: %v", ps)
	}
	if ps := (&Profile{}).Validate(fakeRefs{}); ps != nil {
		t.Fatalf("an empty profile has problems: %v", ps)
	}
}

func TestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	cases := []struct {
		name   string
		change func(p *Profile)
		want   []string // fields with a problem, in order
	}{
		// Contact.
		{"name at limit", func(p *Profile) { p.Name = long(MaxName) }, nil},
		{"name too long", func(p *Profile) { p.Name = long(MaxName + 1) }, []string{"name"}},
		{"name with control character", func(p *Profile) { p.Name = "Amara\x00" }, []string{"name"}},
		{"name with line break", func(p *Profile) { p.Name = "Amara\nOkafor" }, []string{"name"}},
		{"name not UTF-8", func(p *Profile) { p.Name = "Amara \xff" }, []string{"name"}},
		{"email without domain", func(p *Profile) { p.Email = "amara@" }, []string{"email"}},
		{"email without dot", func(p *Profile) { p.Email = "amara@localhost" }, []string{"email"}},
		{"email with display name", func(p *Profile) { p.Email = "Amara <amara@example.ca>" }, []string{"email"}},
		{"email too long", func(p *Profile) { p.Email = strings.Repeat("a", 250) + "@example.ca" }, []string{"email"}},
		{"email empty is allowed (see Missing)", func(p *Profile) { p.Email = "" }, nil},
		{"phone with letters", func(p *Profile) { p.Phone = "call me maybe" }, []string{"phone"}},
		{"phone too short", func(p *Profile) { p.Phone = "555-01" }, []string{"phone"}},
		{"phone too many digits", func(p *Profile) { p.Phone = "+1 416 555 0123 4567 8" }, []string{"phone"}},
		{"phone with extension", func(p *Profile) { p.Phone = "(416) 555-0123 ext. 45" }, nil},
		{"phone international", func(p *Profile) { p.Phone = "+33 1 23 45 67 89" }, nil},
		{"phone plus in the middle", func(p *Profile) { p.Phone = "416+555+0123" }, []string{"phone"}},
		{"unknown city", func(p *Profile) { p.City, p.Province = "atlantis", "" }, []string{"city"}},
		{"city in another province", func(p *Profile) { p.City, p.Province = "gatineau", "ON" }, []string{"city"}},
		{"city without province", func(p *Profile) { p.Province = "" }, nil},
		{"unknown province", func(p *Profile) { p.City, p.Province = "", "ZZ" }, []string{"province"}},

		// Education.
		{"no institution", func(p *Profile) { p.Education[0].Institution = " " }, []string{"education_0_institution"}},
		{"institution too long", func(p *Profile) { p.Education[1].Institution = long(MaxShort + 1) }, []string{"education_1_institution"}},
		{"no program", func(p *Profile) { p.Education[0].Program = "" }, []string{"education_0_program"}},
		{"program too long", func(p *Profile) { p.Education[0].Program = long(MaxShort + 1) }, []string{"education_0_program"}},
		{"unknown level", func(p *Profile) { p.Education[0].Level = "kindergarten" }, []string{"education_0_level"}},
		{"no level", func(p *Profile) { p.Education[0].Level = "" }, []string{"education_0_level"}},
		{"unknown status", func(p *Profile) { p.Education[0].Status = "dropped" }, []string{"education_0_status"}},
		{"graduated without date", func(p *Profile) { p.Education[1].Graduated = "" }, []string{"education_1_graduated"}},
		{"enrolled without date", func(p *Profile) { p.Education[0].Graduated = "" }, nil},
		{"graduation date not a month", func(p *Profile) { p.Education[1].Graduated = "June 2024" }, []string{"education_1_graduated"}},
		{"graduation date with a day", func(p *Profile) { p.Education[1].Graduated = "2024-06-15" }, []string{"education_1_graduated"}},
		{"graduation month 13", func(p *Profile) { p.Education[1].Graduated = "2024-13" }, []string{"education_1_graduated"}},
		{"graduation month 00", func(p *Profile) { p.Education[1].Graduated = "2024-00" }, []string{"education_1_graduated"}},
		{"graduation too long ago", func(p *Profile) { p.Education[1].Graduated = "1900-06" }, []string{"education_1_graduated"}},
		{"graduated within a year", func(p *Profile) { p.Education[1].Graduated = "2027-11" }, nil},
		{"graduated in the far future", func(p *Profile) { p.Education[1].Graduated = "2027-12" }, []string{"education_1_graduated"}},
		{"expected graduation in 10 years", func(p *Profile) { p.Education[0].Graduated = "2036-11" }, nil},
		{"expected graduation in 11 years", func(p *Profile) { p.Education[0].Graduated = "2037-12" }, []string{"education_0_graduated"}},
		{"too many programs", func(p *Profile) {
			for len(p.Education) <= MaxEducation {
				p.Education = append(p.Education, Education{Institution: "X", Program: "Y", Level: College, Status: Enrolled})
			}
		}, []string{"education"}},

		// Experiences.
		{"unknown kind", func(p *Profile) { p.Experiences[0].Kind = "hobby" }, []string{"experience_0_kind"}},
		{"no title", func(p *Profile) { p.Experiences[1].Title = "" }, []string{"experience_1_title"}},
		{"title too long", func(p *Profile) { p.Experiences[1].Title = long(MaxShort + 1) }, []string{"experience_1_title"}},
		{"organization too long", func(p *Profile) { p.Experiences[0].Organization = long(MaxShort + 1) }, []string{"experience_0_organization"}},
		{"description at limit with line breaks", func(p *Profile) { p.Experiences[0].Description = long(MaxDescription-2) + "\r\n" }, nil},
		{"description too long", func(p *Profile) { p.Experiences[0].Description = long(MaxDescription + 1) }, []string{"experience_0_description"}},
		{"description with control character", func(p *Profile) { p.Experiences[0].Description = "a\x07b" }, []string{"experience_0_description"}},
		{"bad start", func(p *Profile) { p.Experiences[0].Start = "2025/05" }, []string{"experience_0_start"}},
		{"bad end", func(p *Profile) { p.Experiences[0].End = "soon" }, []string{"experience_0_end"}},
		{"end before start", func(p *Profile) { p.Experiences[0].End = "2025-04" }, []string{"experience_0_end"}},
		{"end same month as start", func(p *Profile) { p.Experiences[0].End = "2025-05" }, nil},
		{"end without start", func(p *Profile) { p.Experiences[0].Start = "" }, []string{"experience_0_start"}},
		{"ongoing", func(p *Profile) { p.Experiences[0].End = "" }, nil},
		{"no dates", func(p *Profile) { p.Experiences[0].Start, p.Experiences[0].End = "", "" }, nil},
		{"start more than a year ahead", func(p *Profile) { p.Experiences[1].Start = "2027-12" }, []string{"experience_1_start"}},
		{"end more than ten years ahead", func(p *Profile) { p.Experiences[0].End = "2037-01" }, []string{"experience_0_end"}},
		{"too many experiences", func(p *Profile) {
			for len(p.Experiences) <= MaxExperiences {
				p.Experiences = append(p.Experiences, Experience{Kind: Personal, Title: "X"})
			}
		}, []string{"experiences"}},

		// Skills and evidence.
		{"skill not chosen", func(p *Profile) { p.Skills[1].Competency = "" }, []string{"skill_1_competency"}},
		{"unknown skill", func(p *Profile) { p.Skills[1].Competency = "juggling" }, []string{"skill_1_competency"}},
		{"duplicate skill", func(p *Profile) { p.Skills[1].Competency = "research" }, []string{"skill_1_competency"}},
		{"evidence without experience", func(p *Profile) { p.Skills[0].Evidence[0].ExperienceID = 0 }, []string{"skill_0_evidence_0_experience"}},
		{"evidence for a missing experience", func(p *Profile) { p.Skills[0].Evidence[0].ExperienceID = 99 }, []string{"skill_0_evidence_0_experience"}},
		{"evidence for an education entry", func(p *Profile) { p.Skills[0].Evidence[0].ExperienceID = 1 }, []string{"skill_0_evidence_0_experience"}},
		{"evidence without text", func(p *Profile) { p.Skills[0].Evidence[0].Text = "  " }, []string{"skill_0_evidence_0_text"}},
		{"evidence too long", func(p *Profile) { p.Skills[0].Evidence[0].Text = long(MaxEvidence + 1) }, []string{"skill_0_evidence_0_text"}},
		{"same experience twice for a skill", func(p *Profile) {
			p.Skills[0].Evidence = append(p.Skills[0].Evidence, Evidence{ExperienceID: 3, Text: "Again."})
		}, []string{"skill_0_evidence_1_experience"}},
		{"same experience for two skills", func(p *Profile) {
			p.Skills[1].Evidence = []Evidence{{ExperienceID: 3, Text: "Wrote the report."}}
		}, nil},
		{"too much evidence", func(p *Profile) {
			p.Experiences = nil
			p.Skills[0].Evidence = nil
			for i := range MaxEvidencePerSkill + 1 {
				p.Experiences = append(p.Experiences, Experience{ID: int64(10 + i), Kind: Work, Title: "X"})
				p.Skills[0].Evidence = append(p.Skills[0].Evidence, Evidence{ExperienceID: int64(10 + i), Text: "Y"})
			}
			p.LastID = 20
		}, []string{"skill_0_evidence"}},
		{"too many skills", func(p *Profile) {
			for len(p.Skills) <= MaxSkills {
				p.Skills = append(p.Skills, Skill{Competency: "research"})
			}
		}, func() []string {
			out := []string{"skills"}
			for i := 2; i <= MaxSkills; i++ {
				out = append(out, SkillField(i, "competency")) // and each is a duplicate
			}
			return out
		}()},

		// Languages and eligibility.
		{"first language other", func(p *Profile) { p.Languages.First = "de" }, []string{"first_language"}},
		{"unknown English level", func(p *Profile) { p.Languages.English = "native" }, []string{"english"}},
		{"unknown French level", func(p *Profile) { p.Languages.French = "B" }, []string{"french"}},
		{"no languages", func(p *Profile) { p.Languages = Languages{} }, nil},
		{"unknown eligibility", func(p *Profile) { p.WorkEligibility = "maybe" }, []string{"work_eligibility"}},
		{"no eligibility (see Missing)", func(p *Profile) { p.WorkEligibility = "" }, nil},

		// Preferred locations.
		{"unknown location", func(p *Profile) { p.PreferredLocations[1] = "narnia" }, []string{"location_1"}},
		{"empty location", func(p *Profile) { p.PreferredLocations[0] = "" }, []string{"location_0"}},
		{"duplicate location", func(p *Profile) { p.PreferredLocations = []string{"toronto", "QC", "toronto"} }, []string{"location_2"}},
		{"five locations", func(p *Profile) { p.PreferredLocations = []string{"toronto", "QC", "ON", "gatineau"} }, nil},
		{"six locations", func(p *Profile) {
			p.PreferredLocations = []string{"toronto", "QC", "ON", "gatineau", "toronto", "QC"}
		}, []string{"locations", "location_4", "location_5"}},

		// Ids.
		{"new entries without ids", func(p *Profile) { p.Education[0].ID, p.Experiences[1].ID = 0, 0 }, nil},
		{"duplicate id", func(p *Profile) { p.Experiences[1].ID = 3 }, []string{"experiences"}},
		{"id shared by education and experience", func(p *Profile) { p.Experiences[1].ID = 1 }, []string{"experiences"}},
		{"negative id", func(p *Profile) { p.Education[0].ID = -1 }, []string{"education"}},
		{"id above the counter", func(p *Profile) { p.Education[0].ID = 9 }, []string{"education"}},

		// Several problems at once come in field order.
		{"several", func(p *Profile) {
			p.Email, p.Education[0].Program, p.Experiences[0].End, p.WorkEligibility = "x", "", "1999-01", "?"
		}, []string{"email", "education_0_program", "experience_0_end", "work_eligibility"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := good()
			c.change(p)
			ps := p.Validate(fakeRefs{})
			if got := fields(ps); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("problems on %v, want %v (%v)", got, c.want, ps)
			}
			for _, pr := range ps {
				if pr.Msg.EN == "" || pr.Msg.FR == "" || pr.Msg.EN == pr.Msg.FR {
					t.Errorf("problem on %s is not in both languages: %+v", pr.Field, pr.Msg)
				}
			}
			if ps != nil && ps.Err() == nil {
				t.Fatal("problems are not an error")
			}
		})
	}
}

func TestValidPhone(t *testing.T) {
	for s, want := range map[string]bool{
		"416-555-0123": true, "(416) 555-0123": true, "416.555.0123": true, "+1 416 555 0123": true,
		"1-800-555-0199 x1234": true, "613 555 0199 poste 12": true, "5550123": true, "+44 20 7946 0958": true,
		"": false, "555-012": false, "abc": false, "416-555-0123 ext": false, "++1 416 555 0123": false,
		"1234567890123456": false, "416_555_0123": false, strings.Repeat("1", 31): false,
	} {
		if got := ValidPhone(s); got != want {
			t.Errorf("ValidPhone(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRequireContact(t *testing.T) {
	if ps := good().RequireContact(); ps != nil {
		t.Fatalf("good profile: %v", ps)
	}
	p := &Profile{Name: " ", Phone: "416-555-0123"}
	if got := fields(p.RequireContact()); !reflect.DeepEqual(got, []string{"name", "email"}) {
		t.Fatalf("RequireContact = %v", got)
	}
}

func TestNormalize(t *testing.T) {
	p := &Profile{
		Name: "  Amara ", Email: " Amara@Example.CA ", Phone: " 416-555-0123 ", City: " toronto", Province: "ON ",
		Education:          []Education{{Institution: " Carleton ", Program: " CS ", Graduated: " 2024-06 "}},
		Experiences:        []Experience{{Title: " T ", Organization: " O ", Start: " 2024-01", End: "2024-02 ", Description: "\n D \n"}},
		Skills:             []Skill{{Competency: "research", Evidence: []Evidence{{ExperienceID: 1, Text: " E "}}}},
		PreferredLocations: []string{" toronto "},
	}
	p.Normalize()
	want := &Profile{
		Name: "Amara", Email: "amara@example.ca", Phone: "416-555-0123", City: "toronto", Province: "ON",
		Education:          []Education{{Institution: "Carleton", Program: "CS", Graduated: "2024-06"}},
		Experiences:        []Experience{{Title: "T", Organization: "O", Start: "2024-01", End: "2024-02", Description: "D"}},
		Skills:             []Skill{{Competency: "research", Evidence: []Evidence{{ExperienceID: 1, Text: "E"}}}},
		PreferredLocations: []string{"toronto"},
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("Normalize =\n%+v\nwant\n%+v", p, want)
	}
}

func TestMissing(t *testing.T) {
	if m := good().Missing(); m != nil {
		t.Fatalf("good profile misses %v", m)
	}
	if m := (&Profile{}).Missing(); !reflect.DeepEqual(m, []string{"name", "email", "work_eligibility"}) {
		t.Fatalf("empty profile misses %v", m)
	}
	p := good()
	p.Email = " "
	if m := p.Missing(); !reflect.DeepEqual(m, []string{"email"}) {
		t.Fatalf("missing %v", m)
	}
	for _, f := range (&Profile{}).Missing() {
		if Label(f, lang.EN) == "" || Label(f, lang.FR) == "" || Section(f) == "" {
			t.Errorf("field %s has no label or section", f)
		}
	}
}

func TestSection(t *testing.T) {
	for field, want := range map[string]string{
		"name": "contact", "province": "contact", "english": "languages", "work_eligibility": "eligibility",
		"education_3_program": "education", "experience_0_end": "experiences", "skill_2_evidence_1_text": "skills",
		"location_4": "locations", "locations": "locations", "skills": "skills", "version": "",
	} {
		if got := Section(field); got != want {
			t.Errorf("Section(%q) = %q, want %q", field, got, want)
		}
	}
}

// Every value of every enumeration has a name in both languages, distinct
// from the other values' names; unknown values have none.
func TestNames(t *testing.T) {
	type named interface {
		Valid() bool
		Name(lang.Lang) string
	}
	groups := map[string][]named{}
	for _, v := range EducationLevels {
		groups["education level"] = append(groups["education level"], v)
	}
	for _, v := range EducationStatuses {
		groups["education status"] = append(groups["education status"], v)
	}
	for _, v := range ExperienceKinds {
		groups["experience kind"] = append(groups["experience kind"], v)
	}
	for _, v := range Levels {
		groups["language level"] = append(groups["language level"], v)
	}
	for _, v := range WorkEligibilities {
		groups["work eligibility"] = append(groups["work eligibility"], v)
	}
	for _, v := range EquityGroups {
		groups["equity group"] = append(groups["equity group"], v)
	}
	for g, vs := range groups {
		for _, l := range lang.All {
			var names []string
			for _, v := range vs {
				if !v.Valid() || v.Name(l) == "" {
					t.Errorf("%s %v: valid %v, name in %s %q", g, v, v.Valid(), l, v.Name(l))
				}
				names = append(names, v.Name(l))
			}
			slices.Sort(names)
			if len(slices.Compact(names)) != len(vs) {
				t.Errorf("%s: names in %s are not distinct: %v", g, l, names)
			}
		}
	}
	for _, v := range []named{EducationLevel("x"), EducationStatus("x"), ExperienceKind("x"), Level("x"), WorkEligibility("x"), EquityGroup("x")} {
		if v.Valid() || v.Name(lang.EN) != "" {
			t.Errorf("%T x is valid or named", v)
		}
	}
	for _, c := range FirstLanguages {
		if FirstLanguageName(c, lang.EN) == "" || FirstLanguageName(c, lang.FR) == "" {
			t.Errorf("first language %s has no name", c)
		}
	}
}

func TestDeleteExperienceRemovesItsEvidence(t *testing.T) {
	p := good()
	p.Skills[1].Evidence = []Evidence{{ExperienceID: 4, Text: "Kept grades up."}, {ExperienceID: 3, Text: "Reports."}}
	if n := p.EvidenceCount(3); n != 2 {
		t.Fatalf("EvidenceCount(3) = %d", n)
	}
	if !p.DeleteExperience(3) || p.DeleteExperience(3) {
		t.Fatal("DeleteExperience should succeed once")
	}
	if len(p.Experiences) != 1 || p.Experiences[0].ID != 4 {
		t.Fatalf("experiences left: %+v", p.Experiences)
	}
	if len(p.Skills[0].Evidence) != 0 || !reflect.DeepEqual(p.Skills[1].Evidence, []Evidence{{ExperienceID: 4, Text: "Kept grades up."}}) {
		t.Fatalf("evidence left: %+v", p.Skills)
	}
	if ps := p.Validate(fakeRefs{}); ps != nil {
		t.Fatalf("after delete: %v", ps)
	}
	if !p.DeleteEducation(2) || p.DeleteEducation(2) || len(p.Education) != 1 || p.Education[0].ID != 1 {
		t.Fatalf("DeleteEducation: %+v", p.Education)
	}
	if p.DeleteExperience(0) || p.DeleteEducation(0) {
		t.Fatal("id 0 names nothing")
	}
}

func TestCloneIsDeep(t *testing.T) {
	p := good()
	c := p.Clone()
	if !reflect.DeepEqual(p, c) {
		t.Fatal("clone differs")
	}
	c.Education[0].Program = "x"
	c.Experiences[0].Title = "x"
	c.Skills[0].Evidence[0].Text = "x"
	c.PreferredLocations[0] = "x"
	if !reflect.DeepEqual(p, good()) {
		t.Fatal("changing the clone changed the original")
	}
}

func TestAssignIDs(t *testing.T) {
	p := &Profile{
		LastID:      2,
		Education:   []Education{{ID: 5}, {}},
		Experiences: []Experience{{}, {ID: 1}, {}},
	}
	if n := p.AssignIDs(); n != 3 {
		t.Fatalf("assigned %d", n)
	}
	got := []int64{p.Education[0].ID, p.Education[1].ID, p.Experiences[0].ID, p.Experiences[1].ID, p.Experiences[2].ID}
	if !reflect.DeepEqual(got, []int64{5, 6, 7, 1, 8}) || p.LastID != 8 {
		t.Fatalf("ids %v, last %d", got, p.LastID)
	}
	if n := p.AssignIDs(); n != 0 || p.LastID != 8 {
		t.Fatalf("second pass assigned %d", n)
	}
}
