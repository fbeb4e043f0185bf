package posting

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// SynthRefs are the codes the generator may use (from the catalog), and the
// instant the generated postings are open or closed relative to.
type SynthRefs struct {
	Orgs     []string // organization codes
	Programs []SynthProgram
	// Now is the reference instant: about 70% of the postings close after it,
	// 30% before. The zero time means SynthDefaultNow, so that results never
	// depend on the clock.
	Now time.Time
}

// SynthProgram is a catalog program with the streams and levels it offers and
// the employment types its postings may have (all types when empty).
type SynthProgram struct {
	Code    string
	Streams []string
	Levels  []string
	Types   []EmploymentType
}

// SynthDefaultNow is the reference instant used when SynthRefs.Now is zero.
var SynthDefaultNow = time.Date(2025, time.January, 15, 15, 0, 0, 0, time.UTC)

// synthOpenShare is the share of generated postings that close after Now.
const synthOpenShare = 0.7

// Synth generates n realistic, bilingual, published or closed postings for
// benchmarks and demonstrations. The same seed and refs give identical
// postings. Every posting passes CheckDraft and CheckPublishable at its
// PublishedAt; its codes come from refs and Cities. Texts are shared between
// postings (strings are immutable), but every posting has its own slices.
// The postings are allocated in one block: keeping one keeps them all alive.
//
// Synth returns nil when n < 1 or refs has no organization. Empty codes are
// ignored; without programs, postings name no program, stream or level.
// Contact addresses use the reserved .example domain, so that demonstrations
// never email anyone.
func Synth(seed int64, n int, refs SynthRefs) []*Posting {
	refs.Orgs = slices.DeleteFunc(slices.Clone(refs.Orgs), func(o string) bool { return o == "" })
	if n < 1 || len(refs.Orgs) == 0 {
		return nil
	}
	g := newSynthesizer(seed, n, refs)
	out := make([]*Posting, n)
	for i := range out {
		p := &g.postings[i]
		g.fill(p)
		out[i] = p
	}
	return out
}

// synthesizer holds the state of one Synth call.
type synthesizer struct {
	r        *rand.Rand
	now      time.Time
	tx       *synthTables
	orgs     []string
	emails   []string // contact address of each org
	programs []synthProgram

	postings []Posting
	strs     arena[string]
	locs     arena[Location]
	reqs     arena[Requirement]
	groups   arena[QualificationGroup]
	quals    arena[Qualification]
}

// synthProgram is a SynthProgram with, for each stream, the job families
// whose work it covers.
type synthProgram struct {
	SynthProgram
	families [][]int // per stream: indexes into tables.families
}

func newSynthesizer(seed int64, n int, refs SynthRefs) *synthesizer {
	now := refs.Now
	if now.IsZero() {
		now = SynthDefaultNow
	}
	tx := tables()
	g := &synthesizer{
		r:        rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		now:      now,
		tx:       tx,
		orgs:     refs.Orgs,
		emails:   make([]string, len(refs.Orgs)),
		postings: make([]Posting, n),
	}
	for i, o := range refs.Orgs {
		g.emails[i] = "careers@" + slug(o) + ".example"
	}
	for _, p := range refs.Programs {
		if p.Code == "" {
			continue
		}
		sp := synthProgram{SynthProgram: p, families: make([][]int, len(p.Streams))}
		for i, s := range p.Streams {
			sp.families[i] = tx.familiesFor(s)
		}
		g.programs = append(g.programs, sp)
	}
	return g
}

// slug keeps the lowercase letters, digits and hyphens of s, for an email domain.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	for _, c := range []byte(strings.ToLower(s)) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "org"
	}
	return string(b)
}

// fill makes p a complete posting.
func (g *synthesizer) fill(p *Posting) {
	prog := g.pickProgram()
	p.Type = g.pickType(prog)
	fam := g.pickStreamsAndLevel(p, prog)
	p.OrgCode, p.ContactEmail = g.pickOrg()
	p.AccommodationEmail = p.ContactEmail
	p.Title = g.pickTitle(fam, p.Type)
	p.Locations = g.pickLocations()
	p.WorkMode = WorkModes[weighted(g.r, synthModeWeights)]
	p.Languages = g.pickLanguages(p.Locations[0])
	g.setSchedule(p)
	g.setSalary(p, fam)
	g.setDates(p)
	g.setTerm(p)
	g.setContent(p, fam)
	p.Eligibility = g.pickEligibility(p)
	p.Groups = g.pickGroups(fam)
	p.ApplicationsReceived = g.pickApplications(p)
}

func (g *synthesizer) pickProgram() *synthProgram {
	if len(g.programs) == 0 {
		return nil
	}
	return &g.programs[g.r.IntN(len(g.programs))]
}

func (g *synthesizer) pickType(prog *synthProgram) EmploymentType {
	types := EmploymentTypes
	if prog != nil && len(prog.Types) > 0 {
		types = prog.Types
	}
	t := types[g.r.IntN(len(types))]
	if !t.Valid() {
		return Term
	}
	return t
}

// pickStreamsAndLevel sets the program, streams and level of p and returns
// the job family its title and texts come from.
func (g *synthesizer) pickStreamsAndLevel(p *Posting, prog *synthProgram) *synthFamily {
	fams := g.tx.families
	var candidates []int
	if prog != nil {
		p.Program = prog.Code
		if n := len(prog.Streams); n > 0 {
			k := 1
			if n > 1 && g.chance(0.2) {
				k = 2
			}
			var buf [2]int
			idx := g.distinct(n, k, buf[:0])
			p.Streams = g.strs.take(k)
			for i, s := range idx {
				p.Streams[i] = prog.Streams[s]
			}
			candidates = prog.families[idx[0]]
		}
		if n := len(prog.Levels); n > 0 && !isStudentType(p.Type) && g.chance(0.85) {
			p.Level = prog.Levels[g.r.IntN(n)]
		}
	}
	student := isStudentType(p.Type)
	if !student && strings.HasPrefix(p.Level, "ex-") {
		return fams[g.tx.leadership]
	}
	if len(candidates) > 0 {
		return fams[candidates[g.r.IntN(len(candidates))]]
	}
	for {
		if f := fams[g.r.IntN(len(fams))]; !f.seniorOnly {
			return f
		}
	}
}

func isStudentType(t EmploymentType) bool { return t == CoOp || t == Student || t == Internship }

func (g *synthesizer) pickOrg() (code, email string) {
	i := g.r.IntN(len(g.orgs))
	return g.orgs[i], g.emails[i]
}

// pickTitle chooses a title of the family, marked for student types; senior
// titles go only to term and permanent postings.
// The first title of every family is not senior.
func (g *synthesizer) pickTitle(f *synthFamily, t EmploymentType) lang.Text {
	for range 8 {
		if title := &f.titles[g.r.IntN(len(f.titles))]; !title.senior || !isStudentType(t) {
			return title.forType(t)
		}
	}
	return f.titles[0].forType(t)
}

func (g *synthesizer) pickLocations() []Location {
	k := 1
	if g.chance(0.1) {
		k = 2
	}
	locs := g.locs.take(k)
	first := -1
	for i := range locs {
		c := weighted(g.r, g.tx.cityWeights)
		for c == first {
			c = weighted(g.r, g.tx.cityWeights)
		}
		first = c
		locs[i] = Location{City: Cities[c].Code, Province: Cities[c].Province}
	}
	return locs
}

func (g *synthesizer) pickLanguages(l Location) LanguageRequirement {
	if l.Province == "QC" || l.City == "ottawa" || l.Province == "NB" {
		return LanguageRequirements[weighted(g.r, synthBilingualRegionWeights)]
	}
	return LanguageRequirements[weighted(g.r, synthLanguageWeights)]
}

func (g *synthesizer) setSchedule(p *Posting) {
	h := synthHours[weighted(g.r, synthHoursWeights)]
	p.Hours = h.hours
	p.Content.Schedule = h.schedule
}

// setSalary sets a realistic pay range: hourly or weekly for students and
// co-ops, annual for interns, term and permanent employees, higher with the
// level's rank in its program.
func (g *synthesizer) setSalary(p *Posting, f *synthFamily) {
	var s Salary
	switch p.Type {
	case Student:
		s = Salary{Min: int64(g.between(1720, 2400)), Period: Hourly}
		s.Max = s.Min + int64(g.between(100, 400))
	case CoOp:
		if g.chance(0.6) {
			s = Salary{Min: int64(g.between(60000, 75000)), Period: Weekly}
			s.Max = s.Min + int64(g.between(8000, 22000))
		} else {
			s = Salary{Min: int64(g.between(1800, 2600)), Period: Hourly}
			s.Max = s.Min + int64(g.between(200, 600))
		}
	case Internship:
		s = Salary{Min: int64(g.between(45000, 55000)) * 100, Period: Annual}
		s.Max = s.Min + int64(g.between(0, 6000))*100
	default:
		base := f.annual + int64(g.between(0, 15000))
		base += int64(float64(f.annualStep) * g.levelRank(p))
		s = Salary{Min: base * 100, Period: Annual}
		s.Max = s.Min + s.Min/100*int64(g.between(8, 25))/100*100
	}
	p.Salary = s
	if g.chance(0.4) {
		notes := g.tx.salaryNotes[isStudentType(p.Type)]
		p.Content.SalaryNote = notes[g.r.IntN(len(notes))]
	}
}

// levelRank is the position of the posting's level among its program's
// levels, from 0 (lowest or none) to 1 (highest).
func (g *synthesizer) levelRank(p *Posting) float64 {
	for _, prog := range g.programs {
		if prog.Code != p.Program || len(prog.Levels) < 2 {
			continue
		}
		if i := slices.Index(prog.Levels, p.Level); i >= 0 {
			return float64(i) / float64(len(prog.Levels)-1)
		}
	}
	return 0
}

// setDates sets the closing instant (after Now for about 70% of postings, on a
// later day at 4 or 5 p.m. or 11:59 p.m. local time; before Now otherwise), the
// publication and the status.
func (g *synthesizer) setDates(p *Posting) {
	zone := provinceZones[p.Locations[0].Province]
	if g.chance(0.1) {
		zone = "America/Vancouver" // federal postings often close at midnight Pacific
	}
	p.TimeZone = zone
	local := g.now.In(g.location(zone))
	open := g.chance(synthOpenShare)
	days := g.between(1, 60)
	if !open {
		days = -g.between(1, 240)
	}
	clock := synthClocks[weighted(g.r, synthClockWeights)]
	p.ClosesAt = time.Date(local.Year(), local.Month(), local.Day()+days, clock[0], clock[1], 0, 0, local.Location()).UTC()

	if open {
		p.PublishedAt = g.now.Add(-time.Duration(g.between(0, 30*24*60)) * time.Minute).Truncate(time.Minute)
	} else {
		p.PublishedAt = p.ClosesAt.Add(-time.Duration(g.between(14*24*60, 60*24*60)) * time.Minute).Truncate(time.Minute)
	}
	p.Status = Published
	if !open && g.chance(0.5) {
		p.Status, p.ClosedAt = Closed, p.ClosesAt
	}
	p.Version = 1
	p.CreatedAt = p.PublishedAt.Add(-time.Duration(g.between(60, 10*24*60)) * time.Minute)
	p.UpdatedAt = p.PublishedAt
}

// location returns an IANA zone; an unknown zone falls back to UTC for computing the closing instant.
func (g *synthesizer) location(zone string) *time.Location {
	loc, err := LoadZone(zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// setTerm sets the work term: dates for co-ops and students (starting some
// weeks after closing), a duration for interns and term employees.
func (g *synthesizer) setTerm(p *Posting) {
	switch p.Type {
	case CoOp, Student:
		months := 4
		if p.Type == CoOp && g.chance(0.35) {
			months = 8
		}
		start := p.ClosesAt.In(g.location(p.TimeZone)).AddDate(0, 0, 7*g.between(4, 10))
		start = start.AddDate(0, 0, (8-int(start.Weekday()))%7) // on a Monday
		end := start.AddDate(0, months, 0)
		end = end.AddDate(0, 0, -((int(end.Weekday()) + 2) % 7)) // the Friday on or before
		p.TermStart, p.TermEnd = start.Format(time.DateOnly), end.Format(time.DateOnly)
	case Internship:
		p.TermMonths = 12 * g.between(1, 2)
	case Term:
		p.TermMonths = 6 * g.between(1, 4)
	}
	if notes := g.tx.termNotes[p.Type]; len(notes) > 0 && g.chance(0.8) {
		p.Content.TermNote = notes[g.r.IntN(len(notes))]
	}
}

// setContent picks the prose sections from the shared, prebuilt variants.
func (g *synthesizer) setContent(p *Posting, f *synthFamily) {
	tx, c := g.tx, &p.Content
	if g.chance(0.6) {
		c.Summary = f.summaries[g.r.IntN(len(f.summaries))]
	}
	team := f.team
	if g.chance(0.3) {
		team = g.r.IntN(len(synthTeams))
	}
	c.About = tx.about[team*len(synthInclusion)+g.r.IntN(len(synthInclusion))]
	c.Duties = f.duties[g.r.IntN(len(f.duties))]
	c.Impact = pick(g.r, synthImpact)
	c.Bring = pick(g.r, tx.bring)
	if g.chance(0.7) {
		c.WhyJoin = pick(g.r, synthWhyJoin)
	}
	c.Offer = pick(g.r, tx.offer)
	c.HowToApply = pick(g.r, synthHowToApply)
	c.Screening = pick(g.r, synthScreening)
	c.Accommodation = pick(g.r, synthAccommodation)
	if g.chance(0.7) {
		c.DocumentsRequired = pick(g.r, synthDocuments)
	}
	p.KeepOnFile = g.chance(0.6)
	if p.KeepOnFile && g.chance(0.7) {
		c.KeepOnFileNote = pick(g.r, synthKeepOnFile)
	}
	if notes := synthLanguageNotes[p.Languages]; len(notes) > 0 {
		c.LanguageNote = pick(g.r, notes)
	}
}

// pickEligibility lists 1 to 3 requirements: the one the employment type
// implies, if any, then general ones (Ontario residency only for Ontario work).
func (g *synthesizer) pickEligibility(p *Posting) []Requirement {
	var first lang.Text
	switch p.Type {
	case CoOp:
		first = synthEligibilityCoOp
	case Student:
		first = synthEligibilityStudent
	case Internship:
		first = synthEligibilityGraduate
	default:
		if g.chance(0.5) {
			first = synthEligibilityDegree
		}
	}
	k := g.between(1, 3)
	reqs := g.reqs.take(k)
	i := 0
	if !first.IsZero() {
		reqs[0].Text = first
		i = 1
	}
	inOntario := p.Locations[0].Province == "ON"
	var buf [3]int
	chosen := buf[:0]
	for i < k {
		j := g.r.IntN(len(synthEligibility))
		e := synthEligibility[j]
		if (e.ontario && !inOntario) || slices.Contains(chosen, j) {
			continue
		}
		chosen = append(chosen, j)
		reqs[i].Text = e.text
		i++
	}
	return reqs
}

// pickGroups lists 2 or 3 qualification groups of 2 to 4 items: the family's
// own, then general ones. Each item but the first is an asset one time in
// four; assets come after the essential items.
func (g *synthesizer) pickGroups(f *synthFamily) []QualificationGroup {
	k := g.between(2, 3)
	groups := g.groups.take(k)
	groups[0] = g.group(f.heading, f.skills)
	var buf [2]int
	for i, j := range g.distinct(len(synthGroups), k-1, buf[:0]) {
		groups[i+1] = g.group(synthGroups[j].heading, synthGroups[j].items)
	}
	return groups
}

func (g *synthesizer) group(heading lang.Text, items []lang.Text) QualificationGroup {
	var buf [4]int
	idx := g.distinct(len(items), g.between(2, 4), buf[:0])
	qs := g.quals.take(len(idx))
	assets := 0
	for range len(idx) - 1 {
		if g.chance(0.25) {
			assets++
		}
	}
	for i, j := range idx {
		kind := Essential
		if i >= len(idx)-assets {
			kind = Asset // listed after the essential ones, as postings do
		}
		qs[i] = Qualification{Kind: kind, Text: items[j]}
	}
	return QualificationGroup{Heading: heading, Items: qs}
}

// pickApplications draws a skewed count: most postings get few applications,
// closed ones more than open ones.
func (g *synthesizer) pickApplications(p *Posting) int {
	limit := 80.0
	if !p.IsOpen(g.now) {
		limit = 250
	}
	u := g.r.Float64()
	return int(u * u * limit)
}

func (g *synthesizer) chance(p float64) bool { return g.r.Float64() < p }

// between returns an integer in [lo, hi].
func (g *synthesizer) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// distinct appends to dst k distinct indexes below n (fewer when n < k), in
// random order.
func (g *synthesizer) distinct(n, k int, dst []int) []int {
	k = min(k, n)
	for len(dst) < k {
		if i := g.r.IntN(n); !slices.Contains(dst, i) {
			dst = append(dst, i)
		}
	}
	return dst
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// weighted picks an index with probability proportional to its weight, given
// the cumulative weights.
func weighted(r *rand.Rand, cumulative []int) int {
	x := r.IntN(cumulative[len(cumulative)-1])
	i, _ := slices.BinarySearch(cumulative, x+1)
	return i
}

func cumulate(weights ...int) []int {
	out := make([]int, len(weights))
	sum := 0
	for i, w := range weights {
		sum += w
		out[i] = sum
	}
	return out
}

// arena hands out small slices cut from large blocks, so that n postings cost
// a few allocations. Each slice is capped: appending to it never overwrites a
// neighbour.
type arena[T any] struct{ block []T }

func (a *arena[T]) take(k int) []T {
	if len(a.block) < k {
		a.block = make([]T, max(k, 4096))
	}
	s := a.block[:k:k]
	a.block = a.block[k:]
	return s
}

// Weights of the random choices.
var (
	synthModeWeights            = cumulate(30, 45, 15, 10) // WorkModes order
	synthLanguageWeights        = cumulate(55, 4, 21, 10, 10)
	synthBilingualRegionWeights = cumulate(15, 20, 15, 30, 20) // Quebec, Ottawa, New Brunswick
	synthHoursWeights           = cumulate(40, 35, 15, 10)
	synthClockWeights           = cumulate(50, 10, 40)
	synthClocks                 = [][2]int{{17, 0}, {16, 0}, {23, 59}}
)

// synthCityWeights skews locations to where public servants work: Toronto and
// Ottawa first. Cities not listed weigh 1.
var synthCityWeights = map[string]int{
	"toronto": 30, "ottawa": 24, "gatineau": 5, "montreal": 4, "hamilton": 3, "london": 3,
	"kingston": 3, "sudbury": 3, "kitchener": 3, "halifax": 3, "edmonton": 3, "vancouver": 3,
	"thunder-bay": 2, "peterborough": 2, "guelph": 2, "oshawa": 2, "windsor": 2, "quebec-city": 2,
	"winnipeg": 2, "regina": 2, "calgary": 2, "victoria": 2,
}

// provinceZones gives the zone postings located in a province close in.
var provinceZones = map[string]string{
	"ON": "America/Toronto", "QC": "America/Toronto", "NU": "America/Toronto",
	"NS": "America/Halifax", "NB": "America/Halifax", "PE": "America/Halifax",
	"NL": "America/St_Johns", "MB": "America/Winnipeg", "SK": "America/Regina",
	"AB": "America/Edmonton", "NT": "America/Edmonton", "BC": "America/Vancouver",
	"YT": "America/Whitehorse",
}

var synthHours = []struct {
	hours    float64
	schedule lang.Text
}{
	{36.25, bi("Schedule 6", "Horaire 6")},
	{37.5, lang.Text{}},
	{35, lang.Text{}},
	{40, bi("Schedule 4", "Horaire 4")},
}

// synthTables are the texts built once from the phrase tables: every
// combination a posting may show is a shared string.
type synthTables struct {
	families    []*synthFamily
	leadership  int // index of the executive family
	cityWeights []int
	about       []lang.Text // team paragraph × inclusion paragraph
	bring       []lang.Text
	offer       []lang.Text
	termNotes   map[EmploymentType][]lang.Text
	salaryNotes map[bool][]lang.Text // by isStudentType
}

var (
	synthOnce  sync.Once
	synthBuilt *synthTables
)

// tables builds the shared texts on first use, always the same way.
func tables() *synthTables {
	synthOnce.Do(func() { synthBuilt = buildTables() })
	return synthBuilt
}

func buildTables() *synthTables {
	r := rand.New(rand.NewPCG(2023, 11)) // fixed: the tables never vary
	tx := &synthTables{families: synthFamilies()}
	for i, f := range tx.families {
		f.build(r)
		if f.seniorOnly {
			tx.leadership = i
		}
	}
	weights := make([]int, len(Cities))
	for i, c := range Cities {
		weights[i] = max(1, synthCityWeights[c.Code])
	}
	tx.cityWeights = cumulate(weights...)
	for _, team := range synthTeams {
		for _, inc := range synthInclusion {
			tx.about = append(tx.about, join("\n\n", team, inc))
		}
	}
	tx.bring = variants(r, 16, synthBringTraits, 3, 5, false)
	tx.offer = variants(r, 8, synthOfferItems, 3, 5, true)
	tx.termNotes = synthTermNotes
	tx.salaryNotes = map[bool][]lang.Text{true: synthStudentSalaryNotes, false: synthSalaryNotes}
	return tx
}

// familiesFor returns the families whose keywords occur in a stream code.
func (tx *synthTables) familiesFor(stream string) []int {
	var out []int
	for i, f := range tx.families {
		for _, k := range f.keywords {
			if strings.Contains(stream, k) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// join joins the English and the French versions of texts with sep.
func join(sep string, texts ...lang.Text) lang.Text {
	en, fr := make([]string, len(texts)), make([]string, len(texts))
	for i, t := range texts {
		en[i], fr[i] = t.EN, t.FR
	}
	return lang.T(strings.Join(en, sep), strings.Join(fr, sep))
}

// variants builds n bulleted lists of lo to hi items chosen among items. With
// ordered, items keep their order.
func variants(r *rand.Rand, n int, items []lang.Text, lo, hi int, ordered bool) []lang.Text {
	out := make([]lang.Text, n)
	for v := range out {
		idx := r.Perm(len(items))[:min(len(items), lo+r.IntN(hi-lo+1))]
		if ordered {
			slices.Sort(idx)
		}
		out[v] = bullets(lang.Text{}, items, idx)
	}
	return out
}

// bullets renders items[idx] as "- " lines after an optional intro line.
func bullets(intro lang.Text, items []lang.Text, idx []int) lang.Text {
	var en, fr strings.Builder
	if !intro.IsZero() {
		en.WriteString(intro.EN)
		fr.WriteString(intro.FR)
	}
	for _, i := range idx {
		if en.Len() > 0 {
			en.WriteByte('\n')
			fr.WriteByte('\n')
		}
		en.WriteString("- " + items[i].EN)
		fr.WriteString("- " + items[i].FR)
	}
	return lang.T(en.String(), fr.String())
}

// synthFamily is a family of jobs: its titles, the duties and qualifications
// its postings list, and its pay.
type synthFamily struct {
	keywords   []string // parts of stream codes that call for the family
	seniorOnly bool     // executives: only for term or permanent postings at an executive level
	team       int      // index in synthTeams of the family's usual team paragraph
	annual     int64    // entry annual salary, dollars, for term and permanent postings
	annualStep int64    // added at the program's top level, dollars

	titles    []synthTitle
	summaries []lang.Text
	dutyItems []lang.Text // what the job involves, as bullet items
	heading   lang.Text   // heading of the family's qualification group
	skills    []lang.Text // the family's qualifications

	duties []lang.Text // built: bulleted variants of dutyItems
}

// synthTitle is a job title; typed holds the co-op, student and intern forms.
type synthTitle struct {
	text   lang.Text
	senior bool
	typed  [3]lang.Text
}

var synthTitleSuffixes = [3]lang.Text{
	bi(" (co-op)", " (stage coop)"),
	bi(" (student)", " (emploi étudiant)"),
	bi(" (intern)", " (stage)"),
}

func (t *synthTitle) forType(e EmploymentType) lang.Text {
	switch e {
	case CoOp:
		return t.typed[0]
	case Student:
		return t.typed[1]
	case Internship:
		return t.typed[2]
	}
	return t.text
}

// build prepares the family's shared texts: title forms and duty lists.
func (f *synthFamily) build(r *rand.Rand) {
	for i := range f.titles {
		t := &f.titles[i]
		for j, s := range synthTitleSuffixes {
			t.typed[j] = lang.T(t.text.EN+s.EN, t.text.FR+s.FR)
		}
	}
	items := append(slices.Clip(f.dutyItems), synthCommonDuties...)
	own := len(f.dutyItems)
	f.duties = make([]lang.Text, 12)
	for v := range f.duties {
		idx := r.Perm(own)[:min(own, 4+r.IntN(2))]
		if r.IntN(10) < 3 {
			idx = append(idx, own+r.IntN(len(synthCommonDuties)))
		}
		f.duties[v] = bullets(pick(r, synthDutyIntros), items, idx)
	}
}

// job builds a title; senior titles are only for term and permanent postings.
func job(en, fr string) synthTitle       { return synthTitle{text: bi(en, fr)} }
func seniorJob(en, fr string) synthTitle { return synthTitle{text: bi(en, fr), senior: true} }

// textList turns alternating English and French strings into texts.
func textList(pairs ...string) []lang.Text {
	out := make([]lang.Text, len(pairs)/2)
	for i := range out {
		out[i] = bi(pairs[2*i], pairs[2*i+1])
	}
	return out
}

// synthFamilies returns the job families, built anew for each table build.
func synthFamilies() []*synthFamily {
	return []*synthFamily{
		synthData(), synthDevelopment(), synthDesign(), synthPolicy(), synthSecurity(), synthInfrastructure(),
		synthProject(), synthCommunications(), synthInformation(), synthPrograms(), synthExecutive(),
	}
}

func synthData() *synthFamily {
	return &synthFamily{
		keywords: []string{"data-science", "analytics", "data-systems", "information-technology"},
		team:     4, annual: 68000, annualStep: 45000,
		titles: []synthTitle{
			job("Data Analyst", "Analyste de données"),
			job("Junior Data Scientist", "Scientifique des données junior"),
			job("Data Scientist", "Scientifique des données"),
			job("Data Engineer", "Ingénieur de données"),
			job("Business Intelligence Analyst", "Analyste en intelligence d'affaires"),
			job("Statistical Analyst", "Analyste en statistique"),
			seniorJob("Senior Data Scientist", "Scientifique principal des données"),
		},
		summaries: textList(
			"Turn program data into evidence that shapes public services.", "Transformez les données de programmes en données probantes qui façonnent les services publics.",
			"Analyze data and build dashboards that guide decisions.", "Analysez des données et concevez des tableaux de bord qui orientent les décisions.",
		),
		dutyItems: textList(
			"clean, validate and document data sets from program and administrative systems", "nettoyer, valider et documenter des ensembles de données provenant des systèmes administratifs et des systèmes de programmes",
			"build dashboards and visualizations that help managers track program results", "concevoir des tableaux de bord et des visualisations qui aident les gestionnaires à suivre les résultats des programmes",
			"write SQL queries and Python or R scripts to extract and analyze data", "rédiger des requêtes SQL et des scripts Python ou R pour extraire et analyser des données",
			"apply statistical methods and machine learning models to answer policy questions", "appliquer des méthodes statistiques et des modèles d'apprentissage automatique pour répondre à des questions stratégiques",
			"prepare data for publication in the open data catalogue", "préparer des données en vue de leur publication dans le catalogue de données ouvertes",
			"document data lineage, definitions and quality issues", "documenter la provenance des données, leurs définitions et les problèmes de qualité",
			"automate recurring reports and data pipelines", "automatiser les rapports récurrents et les pipelines de données",
			"explain findings to non-technical audiences in plain language", "expliquer les résultats à des publics non spécialisés dans un langage clair",
		),
		heading: bi("Data and analytics", "Données et analytique"),
		skills: textList(
			"Knowledge of statistical analysis and data visualization techniques.", "Connaissance des techniques d'analyse statistique et de visualisation des données.",
			"Experience querying relational databases with SQL.", "Expérience de l'interrogation de bases de données relationnelles au moyen de SQL.",
			"Experience with Python, R or a similar language for data analysis.", "Expérience de Python, de R ou d'un langage semblable pour l'analyse de données.",
			"Knowledge of data quality, privacy and the ethical use of data.", "Connaissance de la qualité des données, de la protection de la vie privée et de l'utilisation éthique des données.",
			"Experience with business intelligence tools such as Power BI or Tableau.", "Expérience des outils d'intelligence d'affaires comme Power BI ou Tableau.",
			"Knowledge of machine learning methods and of how to assess their bias.", "Connaissance des méthodes d'apprentissage automatique et de la façon d'en évaluer les biais.",
		),
	}
}

func synthDevelopment() *synthFamily {
	return &synthFamily{
		keywords: []string{"software", "solutions", "information-technology"},
		team:     0, annual: 70000, annualStep: 50000,
		titles: []synthTitle{
			job("Junior Developer", "Développeur junior"),
			job("Software Developer", "Développeur de logiciels"),
			job("Full-Stack Developer", "Développeur pile complète"),
			job("Front-End Developer", "Développeur frontal"),
			job("Back-End Developer", "Développeur de services dorsaux"),
			job("Mobile Application Developer", "Développeur d'applications mobiles"),
			job("Quality Assurance Analyst", "Analyste de l'assurance de la qualité"),
			seniorJob("Senior Software Developer", "Développeur principal de logiciels"),
		},
		summaries: textList(
			"Build and maintain the digital services people rely on.", "Créez et maintenez les services numériques sur lesquels la population compte.",
			"Write code in the open for modern government services.", "Écrivez du code ouvert pour des services gouvernementaux modernes.",
		),
		dutyItems: textList(
			"write, test and review code for web applications and APIs", "écrire, tester et réviser du code pour des applications Web et des API",
			"build accessible user interfaces that meet WCAG 2.1 level AA", "créer des interfaces utilisateur accessibles conformes aux WCAG 2.1, niveau AA",
			"automate tests and deployments in a continuous integration pipeline", "automatiser les tests et les déploiements dans un pipeline d'intégration continue",
			"fix defects and improve the performance of existing systems", "corriger des anomalies et améliorer le rendement des systèmes existants",
			"take part in code reviews, sprint planning and retrospectives", "participer aux revues de code, à la planification des sprints et aux rétrospectives",
			"work in the open on GitHub and reuse open-source components", "travailler de façon ouverte sur GitHub et réutiliser des composants en source ouverte",
			"write technical documentation for developers and operators", "rédiger de la documentation technique destinée aux développeurs et aux exploitants",
			"integrate services with identity, payment and notification platforms", "intégrer des services aux plateformes d'identification, de paiement et de notification",
		),
		heading: bi("Technical skills", "Compétences techniques"),
		skills: textList(
			"Experience developing web applications in a language such as Go, Java, Python or JavaScript.", "Expérience du développement d'applications Web dans un langage comme Go, Java, Python ou JavaScript.",
			"Knowledge of version control with Git and of code review practices.", "Connaissance du contrôle de version avec Git et des pratiques de revue de code.",
			"Experience with automated testing and continuous integration.", "Expérience des tests automatisés et de l'intégration continue.",
			"Knowledge of web accessibility standards (WCAG) and of how to test for them.", "Connaissance des normes d'accessibilité du Web (WCAG) et de la façon d'en vérifier le respect.",
			"Experience designing and using RESTful APIs.", "Expérience de la conception et de l'utilisation d'API REST.",
			"Knowledge of relational databases and SQL.", "Connaissance des bases de données relationnelles et de SQL.",
			"Familiarity with cloud platforms and containers.", "Connaissance des plateformes infonuagiques et des conteneurs.",
		),
	}
}

func synthDesign() *synthFamily {
	return &synthFamily{
		keywords: []string{"design", "user-"},
		team:     0, annual: 66000, annualStep: 42000,
		titles: []synthTitle{
			job("User Experience Designer", "Concepteur de l'expérience utilisateur"),
			job("User Researcher", "Chercheur en expérience utilisateur"),
			job("Service Designer", "Concepteur de services"),
			job("Content Designer", "Concepteur de contenu"),
			job("Interaction Designer", "Concepteur d'interactions"),
			job("Accessibility Specialist", "Spécialiste de l'accessibilité"),
			seniorJob("Senior Service Designer", "Concepteur principal de services"),
		},
		summaries: textList(
			"Design services that work for everyone who needs them.", "Concevez des services qui fonctionnent pour toutes les personnes qui en ont besoin.",
			"Research what people need and design simpler services.", "Étudiez les besoins des gens et concevez des services plus simples.",
		),
		dutyItems: textList(
			"plan and conduct user research with the public and front-line staff", "planifier et mener des recherches auprès des utilisateurs, du public et du personnel de première ligne",
			"map user journeys and service blueprints to find pain points", "cartographier les parcours des utilisateurs et les plans de service pour repérer les points de friction",
			"design and test prototypes, from paper sketches to interactive mock-ups", "concevoir et mettre à l'essai des prototypes, des croquis sur papier aux maquettes interactives",
			"write clear, plain-language content in English and French", "rédiger un contenu clair, en langage simple, en français et en anglais",
			"run usability tests, including with people who use assistive technologies", "effectuer des tests d'utilisabilité, notamment auprès de personnes qui utilisent des technologies d'assistance",
			"share research findings with product teams and decision makers", "communiquer les résultats de recherche aux équipes de produit et aux décideurs",
			"apply the design system and contribute new patterns to it", "appliquer le système de conception et y ajouter de nouveaux modèles",
		),
		heading: bi("Design and research", "Conception et recherche"),
		skills: textList(
			"Experience with user-centred design methods and usability testing.", "Expérience des méthodes de conception centrée sur l'utilisateur et des tests d'utilisabilité.",
			"Knowledge of accessibility and inclusive design principles.", "Connaissance des principes d'accessibilité et de conception inclusive.",
			"Experience with prototyping tools such as Figma.", "Expérience des outils de prototypage comme Figma.",
			"Ability to turn research findings into design decisions.", "Capacité à traduire les résultats de recherche en décisions de conception.",
			"Experience writing plain-language content for the web.", "Expérience de la rédaction de contenu Web en langage clair.",
			"Knowledge of service design methods such as journey mapping.", "Connaissance des méthodes de conception de services comme la cartographie des parcours.",
		),
	}
}

func synthPolicy() *synthFamily {
	return &synthFamily{
		keywords: []string{"policy", "strategy"},
		team:     1, annual: 67000, annualStep: 45000,
		titles: []synthTitle{
			job("Policy Advisor", "Conseiller en politiques"),
			job("Policy Analyst", "Analyste des politiques"),
			job("Junior Policy Analyst", "Analyste des politiques junior"),
			job("Research Analyst", "Analyste de recherche"),
			job("Economist", "Économiste"),
			job("Regulatory Policy Analyst", "Analyste des politiques de réglementation"),
			seniorJob("Senior Policy Advisor", "Conseiller principal en politiques"),
		},
		summaries: textList(
			"Research issues and advise on options that shape public policy.", "Étudiez des enjeux et proposez des options qui façonnent les politiques publiques.",
			"Turn evidence into clear advice for decision makers.", "Transformez les données probantes en conseils clairs pour les décideurs.",
		),
		dutyItems: textList(
			"research and analyze policy issues and options", "rechercher et analyser des enjeux et des options stratégiques",
			"draft briefing notes, decision notes and presentations for senior management", "rédiger des notes d'information, des notes de décision et des présentations pour la haute direction",
			"conduct jurisdictional scans and literature reviews", "effectuer des analyses comparatives des administrations et des revues de la littérature",
			"consult stakeholders, Indigenous partners and other ministries", "consulter les parties prenantes, les partenaires autochtones et d'autres ministères",
			"track legislative and regulatory developments", "suivre l'évolution législative et réglementaire",
			"support the development of Cabinet submissions and regulations", "contribuer à l'élaboration de présentations au Conseil des ministres et de règlements",
			"assess the impact of proposals on people, businesses and communities", "évaluer l'incidence des propositions sur les personnes, les entreprises et les collectivités",
		),
		heading: bi("Policy and research", "Politiques et recherche"),
		skills: textList(
			"Knowledge of the policy development process in government.", "Connaissance du processus d'élaboration des politiques au gouvernement.",
			"Research and analytical skills to assess options and make recommendations.", "Compétences en recherche et en analyse pour évaluer des options et formuler des recommandations.",
			"Excellent writing skills to prepare clear briefing material.", "Excellentes compétences en rédaction pour préparer des documents d'information clairs.",
			"Knowledge of evaluation and performance measurement methods.", "Connaissance des méthodes d'évaluation et de mesure du rendement.",
			"Ability to synthesize complex information from many sources.", "Capacité à synthétiser des renseignements complexes provenant de nombreuses sources.",
			"Knowledge of the legislative and regulatory process.", "Connaissance du processus législatif et réglementaire.",
		),
	}
}

func synthSecurity() *synthFamily {
	return &synthFamily{
		keywords: []string{"security", "information-technology"},
		team:     5, annual: 72000, annualStep: 50000,
		titles: []synthTitle{
			job("IT Security Analyst", "Analyste de la sécurité des TI"),
			job("Cyber Security Specialist", "Spécialiste de la cybersécurité"),
			job("Security Operations Analyst", "Analyste des opérations de sécurité"),
			job("Identity and Access Management Analyst", "Analyste de la gestion des identités et des accès"),
			seniorJob("Senior Security Architect", "Architecte principal de la sécurité"),
		},
		summaries: textList(
			"Protect government systems and the information people trust us with.", "Protégez les systèmes gouvernementaux et les renseignements que la population nous confie.",
			"Detect, assess and respond to cyber threats.", "Détectez les cybermenaces, évaluez-les et intervenez.",
		),
		dutyItems: textList(
			"monitor systems for security events and respond to incidents", "surveiller les systèmes pour détecter les événements de sécurité et intervenir en cas d'incident",
			"conduct threat and risk assessments of new systems", "effectuer des évaluations de la menace et des risques de nouveaux systèmes",
			"review access rights and manage identity and access controls", "examiner les droits d'accès et gérer les contrôles d'identité et d'accès",
			"advise project teams on security requirements and controls", "conseiller les équipes de projet sur les exigences et les contrôles de sécurité",
			"track vulnerabilities and coordinate patching", "suivre les vulnérabilités et coordonner l'application des correctifs",
			"contribute to security awareness training for employees", "contribuer à la formation de sensibilisation à la sécurité destinée au personnel",
			"support the security assessment and authorization of cloud services", "appuyer l'évaluation et l'autorisation de sécurité des services infonuagiques",
		),
		heading: bi("Security knowledge", "Connaissances en sécurité"),
		skills: textList(
			"Knowledge of IT security principles, threats and controls.", "Connaissance des principes, des menaces et des contrôles en matière de sécurité des TI.",
			"Experience with security information and event management tools.", "Expérience des outils de gestion des informations et des événements de sécurité.",
			"Knowledge of network protocols, firewalls and encryption.", "Connaissance des protocoles réseau, des pare-feu et du chiffrement.",
			"Knowledge of risk management frameworks such as ITSG-33 or NIST.", "Connaissance des cadres de gestion des risques comme l'ITSG-33 ou le NIST.",
			"Ability to investigate incidents methodically and document findings.", "Capacité à enquêter méthodiquement sur les incidents et à documenter les constatations.",
			"A security certification such as CompTIA Security+ or CISSP.", "Une certification en sécurité comme CompTIA Security+ ou CISSP.",
		),
	}
}

func synthInfrastructure() *synthFamily {
	return &synthFamily{
		keywords: []string{"infrastructure", "database", "data-systems", "information-technology"},
		team:     2, annual: 66000, annualStep: 48000,
		titles: []synthTitle{
			job("Systems Administrator", "Administrateur de systèmes"),
			job("Cloud Engineer", "Ingénieur infonuagique"),
			job("Network Analyst", "Analyste de réseaux"),
			job("Database Administrator", "Administrateur de bases de données"),
			job("Service Desk Analyst", "Analyste du centre de services"),
			job("DevOps Engineer", "Ingénieur DevOps"),
			seniorJob("Senior Infrastructure Architect", "Architecte principal de l'infrastructure"),
		},
		summaries: textList(
			"Keep the systems behind public services running.", "Assurez le bon fonctionnement des systèmes qui soutiennent les services publics.",
			"Build and operate reliable cloud infrastructure.", "Bâtissez et exploitez une infrastructure infonuagique fiable.",
		),
		dutyItems: textList(
			"install, configure and maintain servers, networks and storage", "installer, configurer et entretenir des serveurs, des réseaux et des systèmes de stockage",
			"automate infrastructure with scripts and infrastructure-as-code tools", "automatiser l'infrastructure au moyen de scripts et d'outils d'infrastructure en tant que code",
			"monitor system availability and performance", "surveiller la disponibilité et le rendement des systèmes",
			"manage database backups, recovery and upgrades", "gérer les sauvegardes, la restauration et les mises à niveau des bases de données",
			"respond to service requests and resolve incidents", "répondre aux demandes de service et résoudre les incidents",
			"migrate applications to cloud hosting", "migrer des applications vers l'hébergement infonuagique",
			"maintain configuration records and operating procedures", "tenir à jour les dossiers de configuration et les procédures d'exploitation",
		),
		heading: bi("Technical knowledge", "Connaissances techniques"),
		skills: textList(
			"Experience administering Linux or Windows servers.", "Expérience de l'administration de serveurs Linux ou Windows.",
			"Knowledge of cloud services from providers such as Azure, AWS or Google Cloud.", "Connaissance des services infonuagiques de fournisseurs comme Azure, AWS ou Google Cloud.",
			"Experience with scripting in PowerShell, Bash or Python.", "Expérience de l'écriture de scripts en PowerShell, en Bash ou en Python.",
			"Knowledge of networking: TCP/IP, DNS and load balancing.", "Connaissance des réseaux : TCP/IP, DNS et répartition de charge.",
			"Experience with database administration (PostgreSQL, SQL Server or Oracle).", "Expérience de l'administration de bases de données (PostgreSQL, SQL Server ou Oracle).",
			"Knowledge of IT service management practices such as ITIL.", "Connaissance des pratiques de gestion des services de TI comme ITIL.",
		),
	}
}

func synthProject() *synthFamily {
	return &synthFamily{
		keywords: []string{"project", "portfolio", "business-line", "planning-reporting", "enterprise-architecture"},
		team:     0, annual: 70000, annualStep: 45000,
		titles: []synthTitle{
			job("Business Analyst", "Analyste d'affaires"),
			job("Project Coordinator", "Coordonnateur de projets"),
			job("Project Manager", "Gestionnaire de projets"),
			job("Product Manager", "Gestionnaire de produits"),
			job("Scrum Master", "Animateur Scrum"),
			job("Enterprise Architect", "Architecte d'entreprise"),
			seniorJob("Senior Business Analyst", "Analyste d'affaires principal"),
		},
		summaries: textList(
			"Turn program needs into clear requirements and delivered projects.", "Transformez les besoins des programmes en exigences claires et en projets réalisés.",
			"Keep digital projects on time, on budget and focused on users.", "Veillez à ce que les projets numériques respectent l'échéancier et le budget et restent axés sur les utilisateurs.",
		),
		dutyItems: textList(
			"gather and document business requirements with program areas", "recueillir et documenter les exigences opérationnelles auprès des secteurs de programme",
			"map current and future business processes", "cartographier les processus opérationnels actuels et futurs",
			"prepare project plans, schedules and status reports", "préparer des plans de projet, des calendriers et des rapports d'étape",
			"track risks, issues, budgets and decisions", "suivre les risques, les problèmes, les budgets et les décisions",
			"facilitate workshops and agile ceremonies", "animer des ateliers et des cérémonies agiles",
			"prepare business cases and options analyses", "préparer des analyses de rentabilisation et des analyses d'options",
			"coordinate vendors, procurement and contract deliverables", "coordonner les fournisseurs, l'approvisionnement et les livrables contractuels",
			"support portfolio reporting to governance committees", "appuyer la production de rapports sur le portefeuille destinés aux comités de gouvernance",
		),
		heading: bi("Business analysis and project management", "Analyse opérationnelle et gestion de projets"),
		skills: textList(
			"Experience eliciting and documenting requirements.", "Expérience de la collecte et de la documentation des exigences.",
			"Knowledge of project management methods, both agile and traditional.", "Connaissance des méthodes de gestion de projets, agiles et traditionnelles.",
			"Experience with process mapping and business process improvement.", "Expérience de la cartographie et de l'amélioration des processus opérationnels.",
			"Ability to manage competing priorities and tight deadlines.", "Capacité à gérer des priorités concurrentes et des échéances serrées.",
			"Knowledge of financial and risk management in projects.", "Connaissance de la gestion financière et de la gestion des risques dans les projets.",
			"A project management certification such as PMP or Certified ScrumMaster.", "Une certification en gestion de projets comme PMP ou Certified ScrumMaster.",
		),
	}
}

func synthCommunications() *synthFamily {
	return &synthFamily{
		keywords: []string{"communications"},
		team:     6, annual: 64000, annualStep: 40000,
		titles: []synthTitle{
			job("Communications Advisor", "Conseiller en communications"),
			job("Communications Officer", "Agent de communications"),
			job("Digital Communications Officer", "Agent des communications numériques"),
			job("Writer-Editor", "Rédacteur-réviseur"),
			job("Social Media Coordinator", "Coordonnateur des médias sociaux"),
			job("Web Content Coordinator", "Coordonnateur du contenu Web"),
			seniorJob("Senior Communications Advisor", "Conseiller principal en communications"),
		},
		summaries: textList(
			"Tell people clearly about the programs and services they can use.", "Informez clairement la population des programmes et services à sa disposition.",
			"Write, edit and plan content across digital channels.", "Rédigez, révisez et planifiez du contenu pour les canaux numériques.",
		),
		dutyItems: textList(
			"write and edit web content, news releases and speeches", "rédiger et réviser du contenu Web, des communiqués et des discours",
			"plan and schedule social media content", "planifier et programmer le contenu des médias sociaux",
			"develop communications plans for programs and announcements", "élaborer des plans de communication pour les programmes et les annonces",
			"monitor media coverage and public feedback", "surveiller la couverture médiatique et les commentaires du public",
			"coordinate translation and make sure content is accessible", "coordonner la traduction et veiller à l'accessibilité du contenu",
			"measure the reach of campaigns with web analytics", "mesurer la portée des campagnes à l'aide de l'analytique Web",
			"prepare issues notes and media lines", "préparer des notes sur les enjeux et des messages à l'intention des médias",
		),
		heading: bi("Communications", "Communications"),
		skills: textList(
			"Excellent writing and editing skills in plain language.", "Excellentes compétences en rédaction et en révision en langage clair.",
			"Knowledge of strategic communications planning.", "Connaissance de la planification des communications stratégiques.",
			"Experience managing social media accounts for an organization.", "Expérience de la gestion des comptes de médias sociaux d'une organisation.",
			"Knowledge of web publishing and content management systems.", "Connaissance de la publication Web et des systèmes de gestion de contenu.",
			"Ability to explain complex subjects to a general audience.", "Capacité à expliquer des sujets complexes au grand public.",
			"Experience with web analytics tools.", "Expérience des outils d'analytique Web.",
		),
	}
}

func synthInformation() *synthFamily {
	return &synthFamily{
		keywords: []string{"information-data", "information-operations"},
		team:     4, annual: 64000, annualStep: 45000,
		titles: []synthTitle{
			job("Information Management Analyst", "Analyste de la gestion de l'information"),
			job("Records Management Officer", "Agent de gestion des documents"),
			job("Data Governance Analyst", "Analyste de la gouvernance des données"),
			job("Privacy Analyst", "Analyste de la protection de la vie privée"),
			job("Archivist", "Archiviste"),
			job("Access to Information Officer", "Agent de l'accès à l'information"),
			seniorJob("Senior Data Architect", "Architecte principal des données"),
		},
		summaries: textList(
			"Help manage government information and data as strategic assets.", "Contribuez à gérer l'information et les données gouvernementales comme des actifs stratégiques.",
			"Protect privacy and keep records findable and trustworthy.", "Protégez la vie privée et veillez à ce que les documents soient faciles à trouver et fiables.",
		),
		dutyItems: textList(
			"classify records and apply retention schedules", "classer les documents et appliquer les calendriers de conservation",
			"develop data standards, metadata and data dictionaries", "élaborer des normes de données, des métadonnées et des dictionnaires de données",
			"conduct privacy impact assessments", "effectuer des évaluations des facteurs relatifs à la vie privée",
			"process access to information requests within legislated timelines", "traiter les demandes d'accès à l'information dans les délais prévus par la loi",
			"support data sharing agreements between organizations", "appuyer les ententes d'échange de données entre organisations",
			"train staff on information management practices", "former le personnel aux pratiques de gestion de l'information",
			"maintain the inventory of data assets", "tenir à jour l'inventaire des actifs de données",
		),
		heading: bi("Information and data management", "Gestion de l'information et des données"),
		skills: textList(
			"Knowledge of information management principles and the records lifecycle.", "Connaissance des principes de gestion de l'information et du cycle de vie des documents.",
			"Knowledge of access to information and privacy legislation.", "Connaissance des lois sur l'accès à l'information et la protection de la vie privée.",
			"Experience developing metadata, taxonomies or data standards.", "Expérience de l'élaboration de métadonnées, de taxonomies ou de normes de données.",
			"Knowledge of data governance frameworks.", "Connaissance des cadres de gouvernance des données.",
			"Experience with electronic document and records management systems.", "Expérience des systèmes de gestion électronique des documents et des dossiers.",
			"Ability to interpret legislation and policy and apply them to cases.", "Capacité à interpréter les lois et les politiques et à les appliquer à des cas concrets.",
		),
	}
}

func synthPrograms() *synthFamily {
	return &synthFamily{
		keywords: []string{"financial", "human-resources", "labour", "program-service", "service-delivery"},
		team:     3, annual: 60000, annualStep: 40000,
		titles: []synthTitle{
			job("Program Officer", "Agent de programme"),
			job("Program Coordinator", "Coordonnateur de programme"),
			job("Financial Analyst", "Analyste financier"),
			job("Client Services Officer", "Agent des services à la clientèle"),
			job("Procurement Officer", "Agent d'approvisionnement"),
			job("Human Resources Advisor", "Conseiller en ressources humaines"),
			job("Labour Relations Advisor", "Conseiller en relations de travail"),
			seniorJob("Senior Financial Analyst", "Analyste financier principal"),
		},
		summaries: textList(
			"Deliver programs and services that matter to communities.", "Offrez des programmes et des services qui comptent pour les collectivités.",
			"Support the finances, people and operations behind public services.", "Soutenez les finances, les ressources humaines et les opérations qui appuient les services publics.",
		),
		dutyItems: textList(
			"review applications and assess eligibility for program funding", "examiner les demandes et évaluer l'admissibilité au financement des programmes",
			"prepare budgets, forecasts and variance reports", "préparer des budgets, des prévisions et des rapports d'écarts",
			"respond to enquiries from clients and partners", "répondre aux demandes de renseignements des clients et des partenaires",
			"monitor transfer payment agreements and recipient reports", "surveiller les ententes de paiements de transfert et les rapports des bénéficiaires",
			"support recruitment, classification and staffing processes", "appuyer les processus de recrutement, de classification et de dotation",
			"prepare procurement documents and evaluate bids", "préparer des documents d'approvisionnement et évaluer les soumissions",
			"research collective agreement provisions and grievance files", "examiner les dispositions des conventions collectives et les dossiers de griefs",
			"improve service delivery processes using client feedback", "améliorer les processus de prestation des services à partir des commentaires des clients",
		),
		heading: bi("Program and corporate knowledge", "Connaissance des programmes et des services ministériels"),
		skills: textList(
			"Knowledge of financial management and budgeting in the public sector.", "Connaissance de la gestion financière et de l'établissement des budgets dans le secteur public.",
			"Experience delivering programs or services to the public.", "Expérience de la prestation de programmes ou de services au public.",
			"Knowledge of procurement rules and contract management.", "Connaissance des règles d'approvisionnement et de la gestion des contrats.",
			"Knowledge of human resources policies, staffing and labour relations.", "Connaissance des politiques de ressources humaines, de la dotation et des relations de travail.",
			"Proficiency with spreadsheets and financial systems.", "Maîtrise des tableurs et des systèmes financiers.",
			"Ability to apply rules and guidelines consistently and fairly.", "Capacité à appliquer les règles et les lignes directrices de façon uniforme et équitable.",
		),
	}
}

func synthExecutive() *synthFamily {
	return &synthFamily{
		seniorOnly: true,
		team:       0, annual: 125000, annualStep: 90000,
		titles: []synthTitle{
			job("Director, Digital Services", "Directeur, Services numériques"),
			job("Director, Data and Analytics", "Directeur, Données et analytique"),
			job("Chief Data Officer", "Dirigeant principal des données"),
			job("Chief Information Security Officer", "Dirigeant principal de la sécurité de l'information"),
			job("Executive Director, Digital Transformation", "Directeur exécutif, Transformation numérique"),
			job("Director General, Information Technology", "Directeur général, Technologie de l'information"),
		},
		summaries: textList(
			"Lead the teams that are transforming how government serves people.", "Dirigez les équipes qui transforment la façon dont le gouvernement sert la population.",
			"Set the direction for digital, data and technology across the organization.", "Définissez l'orientation en matière de numérique, de données et de technologie pour l'ensemble de l'organisation.",
		),
		dutyItems: textList(
			"lead multidisciplinary teams that design and deliver digital services", "diriger des équipes multidisciplinaires qui conçoivent et offrent des services numériques",
			"set the strategy, priorities and budget of the branch", "établir la stratégie, les priorités et le budget de la direction",
			"advise deputy ministers and senior executives on digital and data issues", "conseiller les sous-ministres et les cadres supérieurs sur les enjeux liés au numérique et aux données",
			"build partnerships across government, industry and academia", "établir des partenariats au sein du gouvernement, avec l'industrie et avec le milieu universitaire",
			"champion diversity, inclusion and employee well-being", "promouvoir la diversité, l'inclusion et le mieux-être du personnel",
			"oversee risk, security and compliance for major programs", "superviser la gestion des risques, la sécurité et la conformité des grands programmes",
			"report on results to governance committees", "rendre compte des résultats aux comités de gouvernance",
		),
		heading: bi("Leadership", "Leadership"),
		skills: textList(
			"Experience leading large teams and managing budgets.", "Expérience de la direction de grandes équipes et de la gestion de budgets.",
			"Experience leading digital transformation in a complex organization.", "Expérience de la direction d'une transformation numérique au sein d'une organisation complexe.",
			"Ability to provide strategic advice to senior decision makers.", "Capacité à fournir des conseils stratégiques aux hauts dirigeants.",
			"Knowledge of government policy on service, digital and data.", "Connaissance des politiques gouvernementales sur le service, le numérique et les données.",
			"Ability to build trust and partnerships with diverse stakeholders.", "Capacité à établir des relations de confiance et des partenariats avec des intervenants variés.",
		),
	}
}

// Lists shared by every family.
var (
	synthDutyIntros = textList(
		"In this role, you will:", "Dans ce poste, vous devrez :",
		"On any given day you may:", "Au quotidien, vous pourriez :",
		"As a member of the team, you will:", "Au sein de l'équipe, vous devrez :",
		"Your main tasks will be to:", "Vos principales tâches consisteront à :",
	)
	synthCommonDuties = textList(
		"prepare briefing notes and presentations for management", "préparer des notes d'information et des présentations pour la direction",
		"take part in team meetings, planning and retrospectives", "participer aux réunions d'équipe, à la planification et aux rétrospectives",
		"share your work openly and document what you learn", "partager votre travail ouvertement et documenter vos apprentissages",
	)

	synthGroups = []struct {
		heading lang.Text
		items   []lang.Text
	}{
		{bi("Communication", "Communication"), textList(
			"Strong written and oral communication skills.", "Solides compétences en communication écrite et orale.",
			"Ability to explain technical information to non-technical audiences.", "Capacité à expliquer des renseignements techniques à des publics non spécialisés.",
			"Ability to prepare clear reports, briefing notes and presentations.", "Capacité à préparer des rapports, des notes d'information et des présentations clairs.",
			"Ability to communicate in both official languages.", "Capacité à communiquer dans les deux langues officielles.",
			"Active listening and the ability to adapt messages to the audience.", "Écoute active et capacité à adapter les messages au public.",
		)},
		{bi("Collaboration and partnerships", "Collaboration et partenariats"), textList(
			"Ability to work as part of a multidisciplinary team.", "Capacité à travailler au sein d'une équipe multidisciplinaire.",
			"Ability to build and maintain relationships with partners and stakeholders.", "Capacité à établir et à entretenir des relations avec des partenaires et des intervenants.",
			"You work in the open, sharing information and ideas.", "Vous travaillez de façon ouverte et partagez l'information et les idées.",
			"Ability to resolve disagreements respectfully and find common ground.", "Capacité à résoudre les désaccords avec respect et à trouver un terrain d'entente.",
		)},
		{bi("Analytical and problem-solving skills", "Compétences en analyse et en résolution de problèmes"), textList(
			"Ability to analyze complex problems and recommend practical solutions.", "Capacité à analyser des problèmes complexes et à recommander des solutions pratiques.",
			"Attention to detail and accuracy in your work.", "Souci du détail et exactitude dans votre travail.",
			"Ability to support recommendations with evidence and data.", "Capacité à étayer des recommandations par des faits et des données.",
			"Critical thinking and sound judgment.", "Esprit critique et bon jugement.",
		)},
		{bi("Organization and time management", "Organisation et gestion du temps"), textList(
			"Ability to manage several files at once and meet deadlines.", "Capacité à gérer plusieurs dossiers à la fois et à respecter les échéances.",
			"Ability to plan work and set priorities with little supervision.", "Capacité à planifier le travail et à établir les priorités avec peu de supervision.",
			"Experience with Microsoft 365 or similar office tools.", "Expérience de Microsoft 365 ou d'outils de bureautique semblables.",
			"Flexibility to adapt to changing priorities.", "Souplesse pour s'adapter à l'évolution des priorités.",
		)},
		{bi("Client service", "Service à la clientèle"), textList(
			"Commitment to excellent, client-focused service.", "Engagement à offrir un excellent service axé sur la clientèle.",
			"Tact and diplomacy when dealing with the public.", "Tact et diplomatie dans les rapports avec le public.",
			"Ability to handle sensitive information with discretion.", "Capacité à traiter des renseignements de nature délicate avec discrétion.",
			"Knowledge of accessible and inclusive service delivery.", "Connaissance de la prestation de services accessibles et inclusifs.",
		)},
		{bi("Learning and adaptability", "Apprentissage et adaptabilité"), textList(
			"Curiosity and eagerness to learn new tools and methods.", "Curiosité et désir d'apprendre de nouveaux outils et de nouvelles méthodes.",
			"Openness to feedback and to new ways of working.", "Ouverture à la rétroaction et aux nouvelles façons de travailler.",
			"Ability to work independently and take initiative.", "Capacité à travailler de façon autonome et à faire preuve d'initiative.",
			"Interest in public service and in improving services for people.", "Intérêt pour la fonction publique et pour l'amélioration des services à la population.",
		)},
	}

	synthEligibilityCoOp = bi("You must be enrolled in a co-operative education program approved by a college or university.",
		"Vous devez être inscrit à un programme d'enseignement coopératif approuvé par un collège ou une université.")
	synthEligibilityStudent = bi("You must be enrolled as a full-time student and returning to full-time studies in the next academic term.",
		"Vous devez être aux études à temps plein et poursuivre des études à temps plein au prochain trimestre.")
	synthEligibilityGraduate = bi("You must have graduated from a college or university within the last five years.",
		"Vous devez avoir obtenu un diplôme d'un collège ou d'une université au cours des cinq dernières années.")
	synthEligibilityDegree = bi("You must have a degree from a recognized post-secondary institution in a relevant field, or an acceptable combination of education and experience.",
		"Vous devez posséder un diplôme d'un établissement postsecondaire reconnu dans un domaine pertinent, ou une combinaison acceptable d'études et d'expérience.")
	synthEligibility = []struct {
		text    lang.Text
		ontario bool // only for work located in Ontario
	}{
		{bi("You must be legally entitled to work in Canada.", "Vous devez avoir le droit de travailler au Canada."), false},
		{bi("You must be available to work from a location within the province of Ontario.", "Vous devez pouvoir travailler à partir d'un lieu situé en Ontario."), true},
		{bi("You must be able to obtain and maintain a reliability status security clearance.", "Vous devez pouvoir obtenir et conserver une cote de fiabilité."), false},
		{bi("You must be able to obtain and maintain a secret security clearance.", "Vous devez pouvoir obtenir et conserver une cote de sécurité de niveau Secret."), false},
		{bi("You must be willing to travel occasionally within the province or the region.", "Vous devez être disposé à voyager à l'occasion dans la province ou la région."), false},
	}

	synthTeams = textList(
		"Our team designs and delivers digital services that make it simpler for people and businesses to deal with government. We work in multidisciplinary teams of designers, developers, researchers and policy experts, using agile methods and open standards.",
		"Notre équipe conçoit et offre des services numériques qui simplifient les rapports de la population et des entreprises avec le gouvernement. Nous travaillons en équipes multidisciplinaires réunissant designers, développeurs, chercheurs et spécialistes des politiques, selon des méthodes agiles et des normes ouvertes.",
		"The branch provides analysis, advice and data to support decisions across the ministry. We are a small, collaborative team that values evidence, clear writing and learning from each other.",
		"La direction fournit des analyses, des conseils et des données pour appuyer les décisions de l'ensemble du ministère. Nous formons une petite équipe collaborative qui valorise les données probantes, la rédaction claire et l'apprentissage mutuel.",
		"We run the technology that keeps essential public services available around the clock: networks, data centres, cloud platforms and the service desk that supports thousands of employees.",
		"Nous exploitons la technologie qui assure la disponibilité continue des services publics essentiels : réseaux, centres de données, plateformes infonuagiques et centre de services qui soutient des milliers d'employés.",
		"Our division delivers programs that reach communities across the province, from funding for local organizations to services for families, students and businesses.",
		"Notre division offre des programmes qui rejoignent les collectivités de toute la province, du financement d'organismes locaux aux services destinés aux familles, aux étudiants et aux entreprises.",
		"The office leads the organization's work on data: strategy, governance, analytics and open data. We help teams use data responsibly to improve programs and measure results.",
		"Le bureau dirige les travaux de l'organisation en matière de données : stratégie, gouvernance, analytique et données ouvertes. Nous aidons les équipes à utiliser les données de façon responsable pour améliorer les programmes et en mesurer les résultats.",
		"We protect the information and systems that people trust government with. Our security team works with every program to find and reduce risks before they become incidents.",
		"Nous protégeons l'information et les systèmes que la population confie au gouvernement. Notre équipe de sécurité collabore avec chaque programme pour cerner et réduire les risques avant qu'ils ne deviennent des incidents.",
		"Our communications team tells people about the programs and services available to them, in both official languages and on every channel they use.",
		"Notre équipe des communications informe la population des programmes et des services qui lui sont offerts, dans les deux langues officielles et sur tous les canaux qu'elle utilise.",
		"The corporate services branch supports the people, finances and operations of the organization, so that program teams can focus on serving the public across the country.",
		"La direction des services ministériels soutient les ressources humaines, les finances et les opérations de l'organisation, afin que les équipes de programmes puissent se consacrer au service à la population partout au pays.",
	)
	synthInclusion = textList(
		"We are committed to diversity, equity and inclusion. We encourage applications from Indigenous, Black and racialized people, people with disabilities, women and 2SLGBTQIA+ people.",
		"Nous sommes résolus à favoriser la diversité, l'équité et l'inclusion. Nous encourageons les candidatures des personnes autochtones, noires et racisées, des personnes handicapées, des femmes et des personnes 2ELGBTQIA+.",
		"We value the skills and perspectives that people from every background bring to public service, and we build teams that reflect the people we serve.",
		"Nous valorisons les compétences et les points de vue que les personnes de tous horizons apportent à la fonction publique, et nous formons des équipes qui reflètent la population que nous servons.",
		"We are an inclusive employer and welcome applicants from a diversity of cultures, abilities, gender identities and expressions.",
		"Nous sommes un employeur inclusif et accueillons les candidatures de personnes de cultures, de capacités, d'identités et d'expressions de genre diverses.",
	)
	synthImpact = textList(
		"Your work will help people get the services they need faster and with less effort.",
		"Votre travail aidera la population à obtenir plus rapidement et plus facilement les services dont elle a besoin.",
		"You will help decision makers base their choices on evidence and on what people tell us they need.",
		"Vous aiderez les décideurs à fonder leurs choix sur des données probantes et sur les besoins exprimés par la population.",
		"You will make government services more accessible, secure and reliable for everyone.",
		"Vous rendrez les services gouvernementaux plus accessibles, plus sûrs et plus fiables pour tous.",
		"You will help modernize how the public service works, and share what you learn with colleagues across government.",
		"Vous contribuerez à moderniser le fonctionnement de la fonction publique et ferez profiter vos collègues de l'ensemble du gouvernement de vos apprentissages.",
		"Your work will support programs that reach thousands of people and communities every year.",
		"Votre travail soutiendra des programmes qui rejoignent chaque année des milliers de personnes et de collectivités.",
		"You will help protect public trust by making sure information is managed responsibly.",
		"Vous contribuerez à préserver la confiance du public en veillant à ce que l'information soit gérée de façon responsable.",
	)
	synthBringTraits = textList(
		"You are curious and eager to learn.", "Vous faites preuve de curiosité et avez soif d'apprendre.",
		"You are comfortable with ambiguity and changing priorities.", "Vous êtes à l'aise avec l'ambiguïté et l'évolution des priorités.",
		"You put the needs of users first.", "Vous placez les besoins des utilisateurs au premier plan.",
		"You enjoy working with people from different disciplines.", "Vous aimez travailler avec des personnes de différentes disciplines.",
		"You write clearly and explain complex ideas simply.", "Vous rédigez clairement et expliquez simplement des idées complexes.",
		"You take initiative and follow through on your commitments.", "Vous faites preuve d'initiative et respectez vos engagements.",
		"You share what you know and ask for help when you need it.", "Vous partagez vos connaissances et demandez de l'aide au besoin.",
		"You believe diversity and inclusion make teams stronger.", "Vous croyez que la diversité et l'inclusion renforcent les équipes.",
		"You are organized and pay attention to detail.", "Vous avez le sens de l'organisation et le souci du détail.",
		"You want to improve the lives of people in your community.", "Vous souhaitez améliorer la vie des gens de votre collectivité.",
	)
	synthWhyJoin = textList(
		"We are a supportive, collaborative team that makes government work better for people, and has fun doing it.",
		"Nous formons une équipe solidaire et collaborative qui améliore le fonctionnement du gouvernement pour la population, tout en ayant du plaisir à le faire.",
		"You will learn from experienced colleagues, work on real problems and see the results of your work in services people use.",
		"Vous apprendrez auprès de collègues d'expérience, travaillerez sur des problèmes réels et verrez les résultats de votre travail dans des services utilisés par la population.",
		"The public service offers meaningful work, stability and room to grow your career in many fields.",
		"La fonction publique offre un travail porteur de sens, de la stabilité et des possibilités d'avancement dans de nombreux domaines.",
		"Our team values balance, flexibility and continuous learning.",
		"Notre équipe valorise l'équilibre, la souplesse et l'apprentissage continu.",
		"Join a community of public servants who are changing how government designs and delivers services.",
		"Joignez-vous à une communauté de fonctionnaires qui transforment la façon dont le gouvernement conçoit et offre ses services.",
	)
	synthOfferItems = textList(
		"work that makes an impact on people", "un travail qui a une incidence sur la vie des gens",
		"learning and development opportunities", "des possibilités d'apprentissage et de perfectionnement",
		"an open and inclusive work environment", "un milieu de travail ouvert et inclusif",
		"flexible work arrangements", "des modalités de travail flexibles",
		"a defined benefit pension plan", "un régime de retraite à prestations déterminées",
		"health, dental and vision care benefits", "des assurances maladie, soins dentaires et soins de la vue",
		"paid vacation and personal days", "des vacances et des congés personnels payés",
		"mentoring and a network of peers across government", "du mentorat et un réseau de pairs dans l'ensemble du gouvernement",
	)
	synthHowToApply = textList(
		"Apply online through this website. Answer each screening question with concrete examples that show how you meet the qualifications.",
		"Postulez en ligne sur ce site Web. Répondez à chaque question de présélection en donnant des exemples concrets qui montrent comment vous satisfaites aux qualifications.",
		"Send us an email at the contact address of this posting with:\n- your cover letter and résumé in one attached file\n- the job title in the subject line",
		"Envoyez-nous un courriel à l'adresse de contact de cette offre avec :\n- votre lettre de présentation et votre curriculum vitæ en un seul fichier joint\n- le titre du poste dans la ligne d'objet",
		"Submit your application online. In your cover letter, explain how your education and experience meet the essential qualifications.\n\nApplications must be received by the closing date.",
		"Soumettez votre candidature en ligne. Dans votre lettre de présentation, expliquez comment vos études et votre expérience répondent aux qualifications essentielles.\n\nLes candidatures doivent être reçues au plus tard à la date de clôture.",
		"Apply online and upload your résumé. You will be asked to confirm that you meet each eligibility requirement.",
		"Postulez en ligne et téléversez votre curriculum vitæ. On vous demandera de confirmer que vous satisfaites à chaque exigence d'admissibilité.",
	)
	synthScreening = []lang.Text{
		dataCoopScreening,
		bi("Applicants are screened against the essential qualifications. Those who meet them may be invited to a written test, an interview or both.",
			"Les candidatures sont évaluées en fonction des qualifications essentielles. Les personnes qui y satisfont pourraient être invitées à passer un examen écrit, une entrevue, ou les deux."),
		bi("Asset qualifications may be used to choose among applicants who meet the essential qualifications. Only applicants selected for further assessment will be contacted.",
			"Les qualifications constituant un atout pourraient servir à choisir parmi les personnes qui satisfont aux qualifications essentielles. Nous communiquerons uniquement avec les personnes retenues pour la suite du processus."),
	}
	synthAccommodation = []lang.Text{
		ontarioAccommodation,
		bi("The public service is committed to an inclusive, barrier-free hiring process. If you need an accommodation at any stage, tell us as early as possible.",
			"La fonction publique s'est engagée à offrir un processus d'embauche inclusif et exempt d'obstacles. Si vous avez besoin d'une mesure d'adaptation à une étape ou à une autre, informez-nous-en le plus tôt possible."),
		bi("Accommodation is available on request for applicants with disabilities throughout the assessment process. Information you share is kept confidential.",
			"Des mesures d'adaptation sont offertes sur demande aux personnes handicapées tout au long du processus d'évaluation. Les renseignements que vous communiquez demeurent confidentiels."),
	}
	synthDocuments = textList(
		"Your cover letter and résumé in one attached file", "Votre lettre de présentation et votre curriculum vitæ en un seul fichier joint",
		"Your résumé and a copy of your most recent transcript", "Votre curriculum vitæ et une copie de votre plus récent relevé de notes",
		"Your résumé; a cover letter is optional", "Votre curriculum vitæ; la lettre de présentation est facultative",
	)
	synthKeepOnFile = []lang.Text{
		dataCoopKeepOnFile,
		bi("We keep applications on file for 12 months and may consider them for similar roles. Tell us in your application if you would rather we did not.",
			"Nous conservons les candidatures au dossier pendant 12 mois et pourrions les prendre en considération pour des postes semblables. Indiquez-nous dans votre candidature si vous préférez que nous ne le fassions pas."),
	}
	synthLanguageNotes = map[LanguageRequirement][]lang.Text{
		BilingualImperative: textList(
			"Second language levels: BBB/BBB", "Niveaux de compétence en langue seconde : BBB/BBB",
			"Second language levels: CBC/CBC", "Niveaux de compétence en langue seconde : CBC/CBC",
		),
		BilingualNonImperative: textList(
			"Second language levels: BBB/BBB", "Niveaux de compétence en langue seconde : BBB/BBB",
			"Second language levels: BBC/BBC", "Niveaux de compétence en langue seconde : BBC/BBC",
		),
	}
	synthTermNotes = map[EmploymentType][]lang.Text{
		CoOp: textList(
			"Temporary, generally four months or eight months", "Temporaire, généralement quatre ou huit mois",
			"Co-op work term", "Stage d'enseignement coopératif",
		),
		Student:    textList("Temporary student position, full time", "Emploi étudiant temporaire à temps plein"),
		Internship: textList("Temporary, full time, for the length of the internship", "Temporaire, à temps plein, pour la durée du stage"),
		Term: textList(
			"Temporary, with possibility of extension", "Temporaire, avec possibilité de prolongation",
			"Temporary assignment or secondment", "Affectation ou détachement temporaire",
		),
		Permanent: textList("Permanent, full time", "Permanent, à temps plein"),
	}
	synthStudentSalaryNotes = textList(
		"before tax, depending on work term", "avant impôt, selon le stage",
		"depending on year of study", "selon l'année d'études",
	)
	synthSalaryNotes = textList(
		"before tax", "avant impôt",
		"starting salary depends on experience", "le salaire de départ dépend de l'expérience",
	)
)
