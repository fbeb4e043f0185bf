package search

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// A synthetic corpus of public-service job postings: bilingual titles from
// real job titles, bodies drawn from a vocabulary of posting words with a
// Zipf distribution (a few words are in most postings, most words in few),
// and skewed facet values.

type pair struct{ en, fr string }

var (
	benchRoles = []pair{
		{"Data Analyst", "Analyste de données"}, {"Policy Advisor", "Conseiller en politiques"},
		{"Software Developer", "Développeur de logiciels"}, {"Communications Officer", "Agent des communications"},
		{"Program Coordinator", "Coordonnateur de programme"}, {"Business Analyst", "Analyste d'affaires"},
		{"Cybersecurity Specialist", "Spécialiste en cybersécurité"}, {"Web Developer", "Développeur Web"},
		{"Research Assistant", "Adjoint de recherche"}, {"Project Coordinator", "Coordonnateur de projet"},
		{"IT Support Technician", "Technicien de soutien informatique"}, {"Financial Analyst", "Analyste financier"},
		{"UX Designer", "Concepteur d'expérience utilisateur"}, {"Data Scientist", "Scientifique des données"},
		{"Database Administrator", "Administrateur de bases de données"}, {"Service Designer", "Concepteur de services"},
		{"Information Management Officer", "Agent de gestion de l'information"}, {"Network Analyst", "Analyste de réseau"},
		{"Program Officer", "Agent de programme"}, {"Content Designer", "Concepteur de contenu"},
		{"Cloud Engineer", "Ingénieur infonuagique"}, {"Product Manager", "Gestionnaire de produit"},
		{"Legal Research Assistant", "Adjoint de recherche juridique"}, {"Human Resources Advisor", "Conseiller en ressources humaines"},
		{"Economist", "Économiste"}, {"Statistician", "Statisticien"}, {"Writer-Editor", "Rédacteur-réviseur"},
		{"Procurement Officer", "Agent d'approvisionnement"}, {"Systems Analyst", "Analyste de systèmes"},
		{"Accessibility Specialist", "Spécialiste de l'accessibilité"},
	}
	benchSeniority = []pair{
		{"", ""}, {"Junior", "subalterne"}, {"Senior", "principal"}, {"Student", "étudiant"},
		{"Co-op", "stagiaire coop"}, {"Intern", "stagiaire"}, {"Lead", "chef"},
	}
	benchBodyEN = strings.Fields(`the and of to in a you will with for our team data service services
		digital government public ontario program policy support work experience skills knowledge
		ability develop analysis research project projects users information technology management
		business design delivery stakeholders ministry partners communication written oral reports
		collaborate learn training tools systems applications security cloud agile process processes
		improve deliver provide ensure review analyze create manage coordinate lead plan evaluate
		student students co-op internship term opportunity applicants candidates qualifications
		eligibility requirements diversity inclusion accessibility accommodation bilingual french
		english language canada province citizens clients people community indigenous equity
		strategic initiatives operations budget financial reporting statistics analytics insights
		visualization dashboards database databases software code testing deployment infrastructure
		network networks support helpdesk troubleshooting documentation standards compliance legislation
		legal regulations procurement contracts vendors evaluation metrics performance quality
		modern innovative responsible ai artificial intelligence machine learning models privacy
		open transparency trust engagement consultation outreach events presentations briefings
		notes memos correspondence research literature scans trends best practices recommendations
		problem solving critical thinking attention detail organized deadlines priorities
		independently collaboratively flexible hybrid remote office location travel schedule hours`)
	benchBodyFR = strings.Fields(`le la les de des du et à en un une vous nous notre équipe données
		service services numérique gouvernement public ontario programme politique soutien travail
		expérience compétences connaissances capacité développer analyse recherche projet projets
		utilisateurs information technologie gestion affaires conception prestation intervenants
		ministère partenaires communication écrite orale rapports collaborer apprendre formation
		outils systèmes applications sécurité nuage agile processus améliorer fournir assurer
		examiner analyser créer gérer coordonner diriger planifier évaluer étudiant étudiants stage
		stagiaire stages possibilité candidats qualifications admissibilité exigences diversité
		inclusion accessibilité adaptation bilingue français anglais langue canada province
		citoyens clients personnes communauté autochtones équité stratégique initiatives opérations
		budget financier financière rapports statistiques analytique visualisation tableaux bord
		base bases logiciel code essais déploiement infrastructure réseau réseaux documentation
		normes conformité législation juridique règlements approvisionnement contrats fournisseurs
		évaluation mesures rendement qualité moderne novateur responsable intelligence artificielle
		apprentissage automatique modèles confidentialité ouvert transparence confiance mobilisation
		consultation événements présentations notes correspondance littérature tendances pratiques
		recommandations résolution problèmes pensée critique souci détail organisé échéances
		priorités autonome collaboration souple hybride distance bureau emplacement déplacements horaire`)

	benchFacetValues = [NumFacets][]string{
		FacetProgram: {"oip", "ods", "gc-digital", "fswep", "itapip", "coop"},
		FacetStream: {"it-app-dev", "it-infrastructure", "it-security", "it-business", "it-planning",
			"it-project", "it-data", "it-ux", "data-science", "data-engineering", "data-analytics",
			"information-management", "policy", "communications", "program-delivery", "finance",
			"human-resources", "legal", "research", "service-design"},
		FacetLevel: {"student", "entry", "it-01", "it-02", "it-03", "it-04", "it-05", "ex-01", "ex-02", "ex-03"},
		FacetOrg:   numbered("org", 40),
		FacetCity: {"toronto", "ottawa", "sudbury", "thunder-bay", "kingston", "london", "hamilton",
			"guelph", "peterborough", "north-bay", "sault-ste-marie", "timmins", "windsor", "barrie",
			"oshawa", "st-catharines", "kitchener", "waterloo", "montreal", "gatineau", "quebec",
			"halifax", "winnipeg", "regina", "edmonton", "calgary", "vancouver", "victoria", "moncton",
			"iqaluit"},
		FacetMode: {"onsite", "hybrid", "remote", "flexible"},
		FacetType: {"internship", "coop", "term", "permanent", "casual"},
	}
)

func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%02d", prefix, i+1)
	}
	return out
}

// benchNow is the instant benchmark searches run at; about half the corpus is open then.
var benchNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// benchRareWords is the long tail of a real vocabulary (names, acronyms,
// product and team names): pseudo-words that each appear in few postings.
var benchRareWords = func() []string {
	r := rand.New(rand.NewPCG(9, 9))
	syllables := strings.Fields("ka lo mi ne ta ri so vu pe da gu fi ze bo ly cha tri ven mor sal")
	out := make([]string, 20_000)
	for i := range out {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		out[i] = b.String()
	}
	return out
}()

// corpusGen draws realistic documents.
type corpusGen struct {
	r      *rand.Rand
	en, fr *rand.Zipf
	rare   *rand.Zipf
	facets [NumFacets]*rand.Zipf
}

func newCorpusGen(seed uint64) *corpusGen {
	r := rand.New(rand.NewPCG(seed, 42))
	g := &corpusGen{
		r:    r,
		en:   rand.NewZipf(r, 1.1, 2, uint64(len(benchBodyEN)-1)),
		fr:   rand.NewZipf(r, 1.1, 2, uint64(len(benchBodyFR)-1)),
		rare: rand.NewZipf(r, 1.05, 10, uint64(len(benchRareWords)-1)),
	}
	for f, vals := range benchFacetValues {
		g.facets[f] = rand.NewZipf(r, 1.3, 1, uint64(len(vals)-1))
	}
	return g
}

// body draws 80 to 160 common words, 5 rare ones and the posting's own
// competition number, a term of its own.
func (g *corpusGen) body(id int64, vocab []string, z *rand.Zipf) string {
	var b strings.Builder
	for range 80 + g.r.IntN(80) {
		b.WriteString(vocab[z.Uint64()])
		b.WriteByte(' ')
	}
	for range 5 {
		b.WriteString(benchRareWords[g.rare.Uint64()])
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "JOB-ID %d", 1_000_000+id)
	return b.String()
}

func (g *corpusGen) doc(id int64) Doc {
	role, level := benchRoles[g.r.IntN(len(benchRoles))], benchSeniority[g.r.IntN(len(benchSeniority))]
	closes := benchNow.Add(time.Duration(g.r.IntN(120*24*60)-60*24*60) * time.Minute)
	d := Doc{
		ID:          id,
		Title:       lang.T(strings.TrimSpace(level.en+" "+role.en), strings.TrimSpace(role.fr+" "+level.fr)),
		Body:        lang.T(g.body(id, benchBodyEN, g.en), g.body(id, benchBodyFR, g.fr)),
		ClosesAt:    closes,
		PublishedAt: closes.Add(-time.Duration(14+g.r.IntN(31)) * 24 * time.Hour),
		Closed:      g.r.IntN(33) == 0,
	}
	if g.r.IntN(10) < 7 {
		d.AnnualSalaryMin = int64(40+g.r.IntN(90)) * 1000
		d.AnnualSalaryMax = d.AnnualSalaryMin + int64(10+g.r.IntN(20))*1000
	}
	for f := range d.Facets {
		n := 1
		if Facet(f) == FacetStream || Facet(f) == FacetCity {
			n += g.r.IntN(2)
		}
		for range n {
			d.Facets[f] = append(d.Facets[f], benchFacetValues[f][g.facets[f].Uint64()])
		}
	}
	return d
}

func (g *corpusGen) docs(n int) []Doc {
	out := make([]Doc, n)
	for i := range out {
		out[i] = g.doc(int64(i + 1))
	}
	return out
}

const benchDocs = 100_000

var benchIndex = sync.OnceValue(func() *Index {
	ix := New()
	for _, d := range newCorpusGen(1).docs(benchDocs) {
		ix.Upsert(d)
	}
	return ix
})

func benchQueries() []struct {
	name string
	q    Query
} {
	twoFacets := Query{Text: "analyst", Now: benchNow}
	twoFacets.Filters[FacetCity] = []string{"toronto"}
	twoFacets.Filters[FacetType] = []string{"internship"}
	facetsOnly := Query{Now: benchNow}
	facetsOnly.Filters[FacetCity] = []string{"toronto", "ottawa"}
	facetsOnly.Filters[FacetStream] = []string{"it-app-dev"}
	return []struct {
		name string
		q    Query
	}{
		{"keyword+two-facets", twoFacets},
		{"keyword-common", Query{Text: "data", Now: benchNow}},
		{"keyword-two-words", Query{Text: "données analyste", Now: benchNow}},
		{"facets-only", facetsOnly},
		{"no-filter", Query{Now: benchNow}},
		{"sort-closing", Query{Now: benchNow, Sort: SortClosing}},
		{"sort-salary-min", Query{Now: benchNow, Sort: SortSalary, SalaryMin: 62_500}},
		{"deep-page", Query{Text: "data", Now: benchNow, Status: StatusAll, Page: MaxWindow / 25, PerPage: 25}},
	}
}

// BenchmarkSearch searches an index of 100,000 synthetic postings, one
// query at a time. Run: go test -run XXX -bench BenchmarkSearch -benchmem -benchtime 2000x
func BenchmarkSearch(b *testing.B) {
	ix := benchIndex()
	for _, bq := range benchQueries() {
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			total := 0
			cpu := processCPU()
			for b.Loop() {
				total = ix.Search(bq.q).Total
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(total), "results")
		})
	}
}

// BenchmarkSearchParallel runs the keyword and two facets search from
// GOMAXPROCS goroutines at once.
func BenchmarkSearchParallel(b *testing.B) {
	ix := benchIndex()
	q := benchQueries()[0].q
	b.ReportAllocs()
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ix.Search(q)
		}
	})
	reportCPU(b, cpu)
}

// BenchmarkBuild indexes 100,000 synthetic postings and reports the heap
// the index holds after garbage collection. One build takes seconds, so it
// refuses to run more than once: run it with -benchtime 1x.
func BenchmarkBuild(b *testing.B) {
	if b.N > 1 {
		b.Skip("one build takes seconds: run with -benchtime 1x")
	}
	docs := newCorpusGen(1).docs(benchDocs)
	b.ResetTimer()
	ix := New()
	for _, d := range docs {
		ix.Upsert(d)
	}
	b.StopTimer()
	before := heapAfterGC()
	runtime.KeepAlive(ix)
	ix = nil
	after := heapAfterGC()
	b.ReportMetric(float64(before-after)/(1<<20), "index-MiB")
}

// reportCPU reports the process CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	if used := processCPU() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkUpsertReplace replaces one posting in an index of 100,000.
func BenchmarkUpsertReplace(b *testing.B) {
	ix := benchIndex()
	g := newCorpusGen(2)
	docs := make([]Doc, 1000)
	for i := range docs {
		docs[i] = g.doc(int64(1 + g.r.IntN(benchDocs)))
	}
	b.ReportAllocs()
	cpu := processCPU()
	i := 0
	for b.Loop() {
		ix.Upsert(docs[i%len(docs)])
		i++
	}
	reportCPU(b, cpu)
}
