package catalog

import (
	"slices"
	"strings"
	"testing"
)

func mustBuiltin(t testing.TB) *Catalog {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	return c
}

func streamCodes(list []Stream) []string {
	return codesOf(list, func(s Stream) string { return s.Code })
}

func levelCodes(list []Level) []string {
	return codesOf(list, func(l Level) string { return l.Code })
}

func mustStream(t *testing.T, c *Catalog, program, code string) Stream {
	t.Helper()
	s, ok := c.Stream(program, code)
	if !ok {
		t.Fatalf("stream %s/%s not found", program, code)
	}
	return s
}

func mustLevel(t *testing.T, c *Catalog, code string) Level {
	t.Helper()
	l, ok := c.Level(code)
	if !ok {
		t.Fatalf("level %s not found", code)
	}
	return l
}

func TestBuiltinPrograms(t *testing.T) {
	c := mustBuiltin(t)
	got := codesOf(c.Programs(), func(p Program) string { return p.Code })
	want := []string{"oip", "ods-coop", "gc-it", "gc-idm", "gc-data", "gc-ex"}
	if !slices.Equal(got, want) {
		t.Fatalf("programs = %v, want %v", got, want)
	}
	for _, p := range c.Programs() {
		wantJur := Canada
		if strings.HasPrefix(p.Code, "o") { // oip, ods-coop
			wantJur = Ontario
		}
		if p.Jurisdiction != wantJur {
			t.Errorf("%s jurisdiction = %q, want %q", p.Code, p.Jurisdiction, wantJur)
		}
	}
	it, _ := c.Program("gc-it")
	if !strings.Contains(it.Education.EN, "two-year program") || !strings.Contains(it.Education.FR, "deux ans") {
		t.Errorf("gc-it education standard = %+v", it.Education)
	}
	oip, _ := c.Program("oip")
	if oip.Name.FR != "Programme de stages de l'Ontario" {
		t.Errorf("oip French name = %q", oip.Name.FR)
	}
	if _, ok := c.Program("nope"); ok {
		t.Error("Program(nope) found")
	}
}

func TestBuiltinOIPFocusAreas(t *testing.T) {
	c := mustBuiltin(t)
	streams := c.Streams("oip")
	if len(streams) != 7 {
		t.Fatalf("OIP has %d focus areas, want 7: %v", len(streams), streamCodes(streams))
	}
	var detailed []string
	for _, s := range streams {
		if s.Details {
			detailed = append(detailed, s.Code)
		}
	}
	want := []string{"communications", "information-technology", "program-service-delivery"}
	if !slices.Equal(detailed, want) {
		t.Errorf("detailed focus areas = %v, want %v", detailed, want)
	}
}

func TestBuiltinIAndIT(t *testing.T) {
	c := mustBuiltin(t)
	s := mustStream(t, c, "oip", "information-technology")
	if len(s.Expertise) != 4 {
		t.Errorf("I&IT areas of expertise = %d, want 4", len(s.Expertise))
	}
	if len(s.Careers) != 14 {
		t.Errorf("I&IT careers = %d, want 14", len(s.Careers))
	}
	if got := groupSizes(s.Duties); !slices.Equal(got, []int{3, 3, 3, 4}) {
		t.Errorf("I&IT duty group sizes = %v, want [3 3 3 4]", got)
	}
	if n := countCategory(s, Knowledge); n != 4 {
		t.Errorf("I&IT knowledge links = %d, want 4", n)
	}
	if len(s.Competencies) != 12 {
		t.Errorf("I&IT competency links = %d, want 12", len(s.Competencies))
	}
}

func TestBuiltinProgramServiceDelivery(t *testing.T) {
	c := mustBuiltin(t)
	s := mustStream(t, c, "oip", "program-service-delivery")
	if len(s.Careers) != 3 {
		t.Errorf("PSD careers = %d, want 3", len(s.Careers))
	}
	if got := groupSizes(s.Duties); !slices.Equal(got, []int{9}) {
		t.Errorf("PSD duty group sizes = %v, want [9]", got)
	}
	if n := countCategory(s, Knowledge); n != 3 {
		t.Errorf("PSD knowledge links = %d, want 3", n)
	}
	if len(s.Competencies) != 13 {
		t.Errorf("PSD competency links = %d, want 13", len(s.Competencies))
	}
	if !strings.Contains(s.Placement.EN, "preferred work location") {
		t.Errorf("PSD placement note = %q", s.Placement.EN)
	}
}

func TestBuiltinCommunications(t *testing.T) {
	c := mustBuiltin(t)
	s := mustStream(t, c, "oip", "communications")
	if len(s.Careers) != 5 {
		t.Errorf("Communications careers = %d, want 5", len(s.Careers))
	}
	if len(s.Duties) != 4 {
		t.Fatalf("Communications duty groups = %d, want 4", len(s.Duties))
	}
	for i, g := range s.Duties {
		if !g.Heading.Complete() {
			t.Errorf("Communications duty group %d has no heading", i)
		}
	}
	if len(s.Scope) != 5 {
		t.Errorf("Communications scope items = %d, want 5", len(s.Scope))
	}
	if n := countCategory(s, Knowledge); n != 2 {
		t.Errorf("Communications knowledge links = %d, want 2", n)
	}
}

func TestBuiltinComingSoonFocusAreas(t *testing.T) {
	c := mustBuiltin(t)
	for _, code := range []string{"business-financial-planning", "human-resources", "labour-relations", "policy-development"} {
		s := mustStream(t, c, "oip", code)
		if s.Details || len(s.Careers) > 0 || !s.Summary.IsZero() {
			t.Errorf("%s should be name-only and flagged as more to come: %+v", code, s)
		}
		if !s.Name.Complete() {
			t.Errorf("%s has no bilingual name", code)
		}
	}
}

func groupSizes(groups []Group) []int {
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = len(g.Items)
	}
	return out
}

func countCategory(s Stream, cat Category) int {
	n := 0
	for _, l := range s.Competencies {
		if l.Category == cat {
			n++
		}
	}
	return n
}

var itStreams = []string{
	"it-business-line-advisory", "it-database-management", "it-enterprise-architecture",
	"it-infrastructure-operations", "it-planning-reporting", "it-project-portfolio-management",
	"it-security", "it-software-solutions",
}

func TestBuiltinITWorkStreams(t *testing.T) {
	c := mustBuiltin(t)
	streams := c.Streams("gc-it")
	if got := streamCodes(streams); !slices.Equal(got, itStreams) {
		t.Fatalf("IT work streams = %v, want %v", got, itStreams)
	}
	for _, s := range streams {
		if !s.Details || len(s.Responsibilities) == 0 {
			t.Errorf("%s has no responsibilities", s.Code)
		}
	}
	bla := mustStream(t, c, "gc-it", "it-business-line-advisory")
	if len(bla.FunctionalAreas) != 4 {
		t.Errorf("business line advisory functional areas = %d, want 4", len(bla.FunctionalAreas))
	}
	infra := mustStream(t, c, "gc-it", "it-infrastructure-operations")
	if len(infra.Responsibilities[0].Items) != 4 {
		t.Errorf("infrastructure sub-items = %d, want 4 (networks, mainframes, servers, storage)", len(infra.Responsibilities[0].Items))
	}
	sec := mustStream(t, c, "gc-it", "it-security")
	if sec.Name.FR != "Sécurité de la TI" {
		t.Errorf("IT Security French name = %q", sec.Name.FR)
	}
}

func TestBuiltinITLevels(t *testing.T) {
	c := mustBuiltin(t)
	want := []string{"it-01", "it-02", "it-03", "it-04", "it-05"}
	if got := levelCodes(c.Levels("gc-it")); !slices.Equal(got, want) {
		t.Fatalf("IT levels = %v, want %v", got, want)
	}
	for i, l := range c.Levels("gc-it") {
		n := i + 1
		if l.Label.EN != "IT-0"+string(rune('0'+n)) || l.Label.FR != "TI-0"+string(rune('0'+n)) {
			t.Errorf("%s label = %+v", l.Code, l.Label)
		}
		if l.PayMin != nil || l.PayMax != nil {
			t.Errorf("%s pay range is set; the sources give no figures", l.Code)
		}
		if !l.PayNote.Complete() {
			t.Errorf("%s has no pay note", l.Code)
		}
	}

	it01 := mustLevel(t, c, "it-01")
	if len(it01.Paths) != 1 || it01.Paths[0].AllStreams {
		t.Fatalf("IT-01 paths = %+v", it01.Paths)
	}
	gotStreams := slices.Sorted(slices.Values(it01.Paths[0].Streams))
	wantStreams := []string{"it-infrastructure-operations", "it-security", "it-software-solutions"}
	if !slices.Equal(gotStreams, wantStreams) {
		t.Errorf("IT-01 streams = %v, want %v", gotStreams, wantStreams)
	}

	it02 := mustLevel(t, c, "it-02")
	if len(it02.Paths) != 1 || !it02.Paths[0].AllStreams {
		t.Errorf("IT-02 should be found in all work streams: %+v", it02.Paths)
	}
	it03 := mustLevel(t, c, "it-03")
	if len(it03.Paths) != 2 || !it03.Paths[0].AllStreams || !it03.Paths[1].AllStreams {
		t.Errorf("IT-03 should have two paths, both in all work streams: %+v", it03.Paths)
	}
	it04 := mustLevel(t, c, "it-04")
	if len(it04.Paths) != 2 || !it04.Paths[0].AllStreams || len(it04.Paths[1].Streams) != 6 {
		t.Errorf("IT-04: managers in all streams, senior advisors in six: %+v", it04.Paths)
	}
	it05 := mustLevel(t, c, "it-05")
	if len(it05.Paths) != 2 || len(it05.Paths[0].Streams) != 6 || !it05.Paths[1].Pilot {
		t.Errorf("IT-05: directors in six streams plus the senior strategist pilot: %+v", it05.Paths)
	}
}

func TestBuiltinInformationDataAndExecutives(t *testing.T) {
	c := mustBuiltin(t)
	idm := []string{"information-data-strategy", "information-data-architecture", "information-operations"}
	if got := streamCodes(c.Streams("gc-idm")); !slices.Equal(got, idm) {
		t.Errorf("information and data streams = %v, want %v", got, idm)
	}
	data := []string{"data-systems-operations", "data-science-analytics"}
	if got := streamCodes(c.Streams("gc-data")); !slices.Equal(got, data) {
		t.Errorf("data centre streams = %v, want %v", got, data)
	}
	ex := []string{"ex-01", "ex-02", "ex-03", "ex-04", "ex-05"}
	if got := levelCodes(c.Levels("gc-ex")); !slices.Equal(got, ex) {
		t.Errorf("executive levels = %v, want %v", got, ex)
	}
	for _, l := range c.Levels("gc-ex") {
		if len(l.Paths) > 0 || l.PayMin != nil || !l.PayNote.IsZero() {
			t.Errorf("%s says more than the source: %+v", l.Code, l)
		}
	}
}

func TestLevelsInStream(t *testing.T) {
	c := mustBuiltin(t)
	tests := []struct {
		stream string
		want   []string
	}{
		{"it-security", []string{"it-01", "it-02", "it-03", "it-04", "it-05"}},
		{"it-business-line-advisory", []string{"it-02", "it-03", "it-04"}},
		{"it-planning-reporting", []string{"it-02", "it-03", "it-04"}},
		{"it-database-management", []string{"it-02", "it-03", "it-04", "it-05"}},
		{"information-operations", nil},
		{"information-technology", nil},
		{"no-such-stream", nil},
	}
	for _, tt := range tests {
		if got := levelCodes(c.LevelsInStream(tt.stream)); !slices.Equal(got, tt.want) {
			t.Errorf("LevelsInStream(%s) = %v, want %v", tt.stream, got, tt.want)
		}
	}
}

func TestStreamLookups(t *testing.T) {
	c := mustBuiltin(t)
	if _, ok := c.Stream("gc-it", "information-technology"); ok {
		t.Error("Stream found under the wrong program")
	}
	s, ok := c.StreamByCode("information-technology")
	if !ok || s.Program != "oip" {
		t.Errorf("StreamByCode(information-technology) = %v, %v", s.Program, ok)
	}
	if _, ok := c.StreamByCode("levels"); ok {
		t.Error(`a stream is coded "levels"`)
	}
	if got := c.Streams("nope"); got != nil {
		t.Errorf("Streams(nope) = %v", got)
	}
	l, ok := c.Level("it-03")
	if !ok || l.Program != "gc-it" {
		t.Errorf("Level(it-03) = %v, %v", l.Program, ok)
	}
	if _, ok := c.Level("it-06"); ok {
		t.Error("Level(it-06) found")
	}
}

func TestCompetencyLibraryDeduplicates(t *testing.T) {
	c := mustBuiltin(t)
	detailed := []string{"information-technology", "program-service-delivery", "communications"}
	shared := []string{"collaboration", "communication", "customer-service", "influencing",
		"problem-solving", "relationship-management", "work-management"}
	for _, code := range shared {
		if _, ok := c.Competency(code); !ok {
			t.Fatalf("competency %s missing from the library", code)
		}
		for _, sc := range detailed {
			if !linksTo(mustStream(t, c, "oip", sc), code) {
				t.Errorf("%s does not link to %s", sc, code)
			}
		}
	}
	for _, sc := range []string{"program-service-delivery", "communications"} {
		if !linksTo(mustStream(t, c, "oip", sc), "research") {
			t.Errorf("%s does not link to research", sc)
		}
	}

	names := map[string]string{}
	for _, x := range c.Competencies() {
		key := strings.ToLower(x.Name.EN)
		if other, dup := names[key]; dup {
			t.Errorf("competencies %s and %s share the name %q", other, x.Code, x.Name.EN)
		}
		names[key] = x.Code
		if !linkedAnywhere(c, x.Code) {
			t.Errorf("competency %s is linked from no stream", x.Code)
		}
	}
}

func TestCompetencyCategoryIsPerLink(t *testing.T) {
	c := mustBuiltin(t)
	want := map[string]Category{
		"information-technology":   Ability, // "Influencing: refers to the ability…"
		"program-service-delivery": Ability, // "Influence: refers to the ability…"
		"communications":           Skill,   // "Influencing skills: …"
	}
	for sc, cat := range want {
		for _, l := range mustStream(t, c, "oip", sc).Competencies {
			if l.Code == "influencing" && l.Category != cat {
				t.Errorf("%s: influencing is a %s, want %s", sc, l.Category, cat)
			}
		}
	}
}

func linksTo(s Stream, code string) bool {
	return slices.ContainsFunc(s.Competencies, func(l CompetencyLink) bool { return l.Code == code })
}

func linkedAnywhere(c *Catalog, code string) bool {
	for _, p := range c.Programs() {
		for _, s := range c.Streams(p.Code) {
			if linksTo(s, code) {
				return true
			}
		}
	}
	return false
}

func TestOrganizations(t *testing.T) {
	c := mustBuiltin(t)
	orgs := c.Organizations()
	if len(orgs) < 35 || len(orgs) > 50 {
		t.Errorf("%d organizations, want about 40", len(orgs))
	}
	want := map[string]Jurisdiction{
		"ods": Ontario, "ontario-finance": Ontario,
		"statcan": Canada, "esdc": Canada, "ssc": Canada, "tbs": Canada, "cra": Canada,
	}
	for code, jur := range want {
		o, ok := c.Organization(code)
		if !ok {
			t.Errorf("organization %s missing", code)
			continue
		}
		if o.Jurisdiction != jur {
			t.Errorf("%s jurisdiction = %q, want %q", code, o.Jurisdiction, jur)
		}
	}
	if o, _ := c.Organization("esdc"); o.Name.FR != "Emploi et Développement social Canada" {
		t.Errorf("ESDC French name = %q", o.Name.FR)
	}
	perJur := map[Jurisdiction]int{}
	for _, o := range orgs {
		perJur[o.Jurisdiction]++
	}
	if perJur[Ontario] < 10 || perJur[Canada] < 10 {
		t.Errorf("organizations per jurisdiction = %v, want both well represented", perJur)
	}
}

func TestGuidance(t *testing.T) {
	c := mustBuiltin(t)
	got := codesOf(c.Guidance(), func(g Guidance) string { return g.Code })
	for _, code := range []string{"screening-questions", "concrete-examples", "language-requirements", "citizenship", "application-status"} {
		if !slices.Contains(got, code) {
			t.Errorf("guidance %s missing (have %v)", code, got)
		}
	}
	for _, g := range c.Guidance() {
		if g.Code == "citizenship" && g.Jurisdiction != Canada {
			t.Errorf("citizenship guidance applies to %q, want gc only", g.Jurisdiction)
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	c := mustBuiltin(t)
	ps := c.Programs()
	ps[0] = Program{Code: "changed"}
	if p := c.Programs()[0]; p.Code != "oip" {
		t.Errorf("Programs() exposes the catalog's slice: first is now %q", p.Code)
	}
}
