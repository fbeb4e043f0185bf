package posting

import (
	"strings"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
)

// frTypography applies French typography to text typed with plain characters:
// a no-break space inside guillemets and before a colon, and the typographic
// apostrophe. Canadian usage puts no space before ; ! or ?.
var frTypography = strings.NewReplacer(
	"« ", "«\u00a0",
	" »", "\u00a0»",
	" :", "\u00a0:",
	"'", "’",
)

// bi builds a bilingual text, applying French typography to the French version.
func bi(en, fr string) lang.Text { return lang.T(en, frTypography.Replace(fr)) }

// Facts of the Data co-op posting that tests and the seed command refer to.
const (
	dataCoopEmail = "ODS.Data.Talent@ontario.ca"
	dataCoopZone  = "America/Toronto"
)

// dataCoopCloses is the closing instant of the Data co-op posting. The source
// says "Friday, November 10th, 2023 at 5:00 p.m. EDT", but Ontario left daylight
// time on November 5, 2023: on November 10 Toronto is on EST (UTC−5) and there
// is no EDT. We keep the wall-clock time the source meant, 5:00 p.m. in Toronto,
// which is 22:00 UTC; taken literally, "EDT" would be 4:00 p.m. local time.
var dataCoopCloses = time.Date(2023, time.November, 10, 22, 0, 0, 0, time.UTC)

// dataCoopPublished is assumed: the source does not say when the posting went
// up. Thursday, October 26, 2023, 9:00 a.m. EDT gives the usual two weeks.
var dataCoopPublished = time.Date(2023, time.October, 26, 13, 0, 0, 0, time.UTC)

// DataCoop returns the Ontario Digital Service "Data co-op" posting, the sample
// the platform was specified from (source: the closed posting of November
// 2023). It is closed; each call returns a new copy that the caller may change.
//
// The source is silent on language requirements: the posting says
// EnglishEssential and gives no language note. It does not show when the
// posting was published either: PublishedAt is an assumed date (see
// dataCoopPublished). Created and updated times are left zero.
func DataCoop() *Posting {
	return &Posting{
		Status:  Closed,
		Version: 1,
		Title:   bi("Data co-op", "Stagiaire coop en données"),
		OrgCode: "ods",
		Program: "ods-coop",

		Type:      CoOp,
		TermStart: "2024-01-02",
		TermEnd:   "2024-04-26",
		Hours:     36.25,
		Salary:    Salary{Min: 66957, Max: 89275, Period: Weekly},
		Locations: []Location{{City: "toronto", Province: "ON"}},
		WorkMode:  CurrentlyRemote,
		Languages: EnglishEssential,
		ClosesAt:  dataCoopCloses,
		TimeZone:  dataCoopZone,

		KeepOnFile:         true,
		Documents:          []DocumentKind{ResumeCoverLetter},
		AccommodationEmail: dataCoopEmail,
		ContactEmail:       dataCoopEmail,

		Content:     dataCoopContent(),
		Eligibility: dataCoopEligibility(),
		Groups:      dataCoopGroups(),

		ApplicationsReceived: 0, // the source says fewer than 10

		PublishedAt: dataCoopPublished,
		ClosedAt:    dataCoopCloses,
	}
}

func dataCoopContent() Content {
	return Content{
		About:             dataCoopAbout,
		Duties:            dataCoopDuties,
		Impact:            dataCoopImpact,
		Bring:             dataCoopBring,
		WhyJoin:           dataCoopWhyJoin,
		Offer:             dataCoopOffer,
		HowToApply:        dataCoopHowToApply,
		Screening:         dataCoopScreening,
		TermNote:          bi("Temporary, generally four months or eight months", "Temporaire, généralement quatre ou huit mois"),
		Schedule:          bi("Schedule 6", "Horaire 6"),
		SalaryNote:        bi("before tax, depending on work term", "avant impôt, selon le stage"),
		KeepOnFileNote:    dataCoopKeepOnFile,
		Accommodation:     ontarioAccommodation,
		DocumentsRequired: bi("Your cover letter and résumé in one attached file", "Votre lettre de présentation et votre curriculum vitæ en un seul fichier joint"),
	}
}

func dataCoopEligibility() []Requirement {
	return []Requirement{
		{Text: bi("You must be enrolled in a co-operative education program approved by a college or university.",
			"Vous devez être inscrit à un programme d'enseignement coopératif approuvé par un collège ou une université.")},
		{Text: bi("You must be eligible to work in Canada.",
			"Vous devez avoir le droit de travailler au Canada.")},
		{Text: bi("You must be available to work from a location within the province of Ontario.",
			"Vous devez pouvoir travailler à partir d'un lieu situé en Ontario.")},
	}
}

func dataCoopGroups() []QualificationGroup {
	return []QualificationGroup{
		{Heading: bi("Research and analysis", "Recherche et analyse"), Items: essentials(
			bi("You have a basic understanding of data analysis and visualization techniques with the ability to extract meaningful insights to inform decision making.",
				"Vous avez une compréhension de base des techniques d'analyse et de visualisation des données et savez en dégager des constats utiles pour éclairer la prise de décisions."),
			bi("You have strong research and analysis skills to develop evidence-based policy options.",
				"Vous possédez de solides compétences en recherche et en analyse pour élaborer des options stratégiques fondées sur des données probantes."),
			bi("You are comfortable and experienced in conducting literature reviews and researching complex topics.",
				"Vous êtes à l'aise avec les revues de la littérature et la recherche sur des sujets complexes, et vous en avez l'expérience."),
		)},
		{Heading: bi("Subject matter expertise", "Connaissances spécialisées"), Items: essentials(
			bi("You have some knowledge of – or an interest in – how digital approaches and technologies (e.g. agile, people-centred design, service design, etc.) can be applied to the design, development and implementation of new forward-looking policy.",
				"Vous avez une certaine connaissance – ou un intérêt pour la question – de la façon dont les approches et les technologies numériques (p. ex. méthodes agiles, conception centrée sur les personnes, conception de services) peuvent s'appliquer à la conception, à l'élaboration et à la mise en œuvre de nouvelles politiques tournées vers l'avenir."),
			bi("You have an understanding of – or an interest in learning about – how bias in data can impact evidence-informed decision making.",
				"Vous comprenez – ou souhaitez apprendre – comment les biais dans les données peuvent influer sur une prise de décisions éclairée par des données probantes."),
			bi("You have some knowledge of – or an interest in learning about – algorithmic bias and risks.",
				"Vous avez une certaine connaissance – ou souhaitez en apprendre davantage – des biais et des risques algorithmiques."),
		)},
		{Heading: bi("Collaboration and partnerships", "Collaboration et partenariats"), Items: essentials(
			bi("You can work as a part of a multidisciplinary team. This requires strong communication and collaboration skills to balance and mitigate tensions within team members as well as competing interests across a broad range of internal and external partners.",
				"Vous pouvez travailler au sein d'une équipe multidisciplinaire. Cela exige de solides compétences en communication et en collaboration pour équilibrer et apaiser les tensions entre les membres de l'équipe ainsi que les intérêts divergents d'un large éventail de partenaires internes et externes."),
			bi("You can develop and maintain strong partnerships with other parts of the OPS, other jurisdictions and external colleagues to share best practices and identify issues.",
				"Vous pouvez établir et entretenir de solides partenariats avec d'autres secteurs de la FPO, d'autres gouvernements et des collègues de l'extérieur pour échanger des pratiques exemplaires et cerner les enjeux."),
			bi("You work in the open: sharing information, ideas, solutions and encouraging discussion.",
				"Vous travaillez de façon ouverte : vous partagez l'information, les idées et les solutions, et vous encouragez la discussion."),
			bi("You work as part of a team, but can execute tasks thoroughly and independently.",
				"Vous travaillez en équipe, mais pouvez exécuter des tâches de façon rigoureuse et autonome."),
			bi("You take initiative and step up to support the team; no task is too big or small.",
				"Vous faites preuve d'initiative et n'hésitez pas à soutenir l'équipe; aucune tâche n'est trop grande ni trop petite."),
		)},
	}
}

// essentials lists texts as essential qualifications.
func essentials(texts ...lang.Text) []Qualification {
	qs := make([]Qualification, len(texts))
	for i, t := range texts {
		qs[i] = Qualification{Kind: Essential, Text: t}
	}
	return qs
}

var dataCoopAbout = bi(
	`The Ontario Digital Service (ODS) is a hub of technologists, designers and digital government experts who deliver user-centred products and digital policies using agile processes and data-driven methods. We collaborate with ministry partners to deliver services that make interacting with the government simpler and easier for people and businesses. We are responsible for leading the digital and data transformation of our province’s public sector — a transformation that has become even more important since the start of the COVID-19 pandemic. We tackle complex public problems, from digital identity to responsible use of AI technology, by building a people-centred approach to the design and delivery of government services, programs and policy.

The ODS is helping transform the Ontario Public Service (OPS) into a digital organization, and as a co-op you will apply your data analytics expertise within a variety of digital products, services and policies.

The ODS is relentless about diversity, equity, inclusion and belonging, and applies that lens to every piece of work. We invite all interested individuals to apply and encourage applications from people with disabilities, Indigenous, Black, and racialized individuals, as well as people from a diversity of ethnic and cultural origins, sexual orientations, gender identities and expressions.`,
	`Les Services numériques de l'Ontario (SNO) réunissent des technologues, des designers et des spécialistes du gouvernement numérique qui offrent des produits axés sur les utilisateurs et des politiques numériques grâce à des processus agiles et à des méthodes fondées sur les données. Nous collaborons avec les ministères partenaires pour offrir des services qui simplifient et facilitent les rapports de la population et des entreprises avec le gouvernement. Nous dirigeons la transformation numérique et la transformation des données du secteur public de la province — une transformation qui a pris encore plus d'importance depuis le début de la pandémie de COVID-19. Nous nous attaquons à des problèmes publics complexes, de l'identité numérique à l'utilisation responsable de l'intelligence artificielle, en adoptant une approche centrée sur les personnes pour concevoir et offrir les services, les programmes et les politiques du gouvernement.

Les SNO contribuent à faire de la Fonction publique de l'Ontario (FPO) une organisation numérique; à titre de stagiaire coop, vous mettrez votre expertise en analyse de données au service de divers produits, services et politiques numériques.

Les SNO sont résolument engagés envers la diversité, l'équité, l'inclusion et l'appartenance, et appliquent cette optique à chacun de leurs travaux. Nous invitons toutes les personnes intéressées à postuler et encourageons les candidatures de personnes handicapées, de personnes autochtones, noires et racisées, ainsi que de personnes de diverses origines ethniques et culturelles, orientations sexuelles, identités et expressions de genre.`)

var dataCoopDuties = bi(
	`As a Data co-op you will be directly involved in developing new, forward-looking training resources. On any given day you may:
- develop trainings for emerging digital and data tools
- review literature, conduct research and scans on data bias and algorithmic audits
- analyze data and create reports/infographic
- organize events and communicate with internal/external groups
- help people across government think about responsible use of AI

Our co-op students are interested in complex policy challenges, civic technology, open data and have a collaborative and early-adopter mindset and enthusiasm.`,
	`À titre de stagiaire coop en données, vous participerez directement à l'élaboration de nouvelles ressources de formation tournées vers l'avenir. Au quotidien, vous pourriez :
- concevoir des formations sur les nouveaux outils numériques et de données
- faire des revues de la littérature, des recherches et des analyses du contexte sur les biais dans les données et les audits algorithmiques
- analyser des données et produire des rapports et des infographies
- organiser des événements et communiquer avec des groupes internes et externes
- aider le personnel de l'ensemble du gouvernement à réfléchir à l'utilisation responsable de l'IA

Nos stagiaires coop s'intéressent aux défis stratégiques complexes, aux technologies civiques et aux données ouvertes; ils aiment collaborer, adoptent volontiers les nouveautés et font preuve d'enthousiasme.`)

var dataCoopImpact = bi(
	`You will help ensure that the work we do to deliver services for Ontarians is done using evidence, data and a focus on the needs of users. You will support public servants across government to learn new tools and understand how their programs, policies, and processes can be made better by engaging end users and following Ontario’s Digital and Data Directive and Artificial Intelligence (AI) Guidance.

You will learn how efficient and effective training resources and people-centred approaches impact how people use data and make decisions within the government. You will contribute evaluation and policy perspectives on leveraging data as a strategic asset.

You will contribute to building a culture of open communication and participatory methods to share, critique, and improve not only our work, but our way of working. Most of all, you will inspire your colleagues across the government to improve the experience for the people of Ontario.`,
	`Vous aiderez à faire en sorte que le travail que nous accomplissons pour offrir des services à la population ontarienne s'appuie sur des données probantes et des données, et demeure centré sur les besoins des utilisateurs. Vous aiderez les fonctionnaires de l'ensemble du gouvernement à s'approprier de nouveaux outils et à comprendre comment améliorer leurs programmes, leurs politiques et leurs processus en faisant participer les utilisateurs finaux et en suivant la « Directive sur le numérique et les données de l'Ontario » et les orientations en matière d'intelligence artificielle (IA).

Vous découvrirez comment des ressources de formation efficaces et efficientes et des approches centrées sur les personnes influent sur la façon dont les gens utilisent les données et prennent des décisions au sein du gouvernement. Vous apporterez un point de vue d'évaluation et de politique sur la mise en valeur des données en tant qu'actif stratégique.

Vous contribuerez à bâtir une culture de communication ouverte et de méthodes participatives pour partager, critiquer et améliorer non seulement notre travail, mais aussi notre façon de travailler. Surtout, vous inciterez vos collègues de l'ensemble du gouvernement à améliorer l'expérience de la population de l'Ontario.`)

var dataCoopBring = bi(
	`- You are enthusiastic and eager to learn.
- You are willing to pitch in where needed and can manage your time to provide support to a variety of different projects, with a variety of different tasks.
- You can familiarize yourself with the Ontario’s Digital and Data Directive, digital and data trends, and willingly embrace new ideas that put service users first to find the best solutions.
- You are eager to work in new ways and understand how technology and digital approaches can impact government service delivery and the changing demand for government services.
- You are collaborative by nature and have experience seeking knowledge from a variety of sources and perspectives.
- You believe diversity and inclusion help create the best conditions for people to achieve the best results. Good government services are built to support all users and diverse perspectives, ideas and opinions are essential to doing that.`,
	`- Vous faites preuve d'enthousiasme et avez soif d'apprendre.
- Vous êtes prêt à donner un coup de main là où il le faut et savez gérer votre temps pour appuyer des projets variés comportant des tâches diverses.
- Vous pouvez vous familiariser avec la « Directive sur le numérique et les données de l'Ontario » et les tendances en matière de numérique et de données, et vous accueillez volontiers les idées nouvelles qui placent les utilisateurs des services au premier plan pour trouver les meilleures solutions.
- Vous avez hâte de travailler autrement et comprenez comment la technologie et les approches numériques peuvent influer sur la prestation des services gouvernementaux et sur l'évolution de la demande de services gouvernementaux.
- Vous avez l'esprit de collaboration et l'habitude de chercher des connaissances auprès de sources et de points de vue variés.
- Vous croyez que la diversité et l'inclusion créent les meilleures conditions pour que chacun obtienne les meilleurs résultats. Les bons services gouvernementaux sont conçus pour répondre aux besoins de tous les utilisateurs, et la diversité des points de vue, des idées et des opinions est essentielle pour y parvenir.`)

var dataCoopWhyJoin = bi(
	`The policy and data teams at the ODS are an enthusiastic, supportive and collaborative group of individuals making government work better for people by delivering effective and simple digital services and products and having fun while doing it.`,
	`Les équipes des politiques et des données des SNO forment un groupe enthousiaste, solidaire et collaboratif qui améliore le fonctionnement du gouvernement pour la population en offrant des services et des produits numériques simples et efficaces, tout en ayant du plaisir à le faire.`)

var dataCoopOffer = bi(
	`- work that makes an impact on people
- learning and development opportunities
- open and inclusive work environment
- flexible work arrangements`,
	`- un travail qui a une incidence sur la vie des gens
- des possibilités d'apprentissage et de perfectionnement
- un milieu de travail ouvert et inclusif
- des modalités de travail flexibles`)

var dataCoopHowToApply = bi(
	`If you’re interested, send us an email with:
- Your cover letter and résumé in one attached file
- Highlight your experience in data governance and ethical application of AI

Submit your application by email to `+dataCoopEmail+` – put “Data co-op” as the subject line.`,
	`Si le poste vous intéresse, envoyez-nous un courriel comprenant :
- votre lettre de présentation et votre curriculum vitæ en un seul fichier joint
- une description de votre expérience en gouvernance des données et en application éthique de l'IA

Soumettez votre candidature par courriel à `+dataCoopEmail+` en inscrivant « Stagiaire coop en données » dans la ligne d'objet.`)

var dataCoopScreening = bi(
	`All applications received on or before the closing date are screened against the qualifications outlined below. Applicants who meet the qualifications will be invited to continue in the hiring process.

We regret that only shortlisted candidates will be contacted.`,
	`Toutes les candidatures reçues au plus tard à la date de clôture sont évaluées en fonction des qualifications énoncées ci-dessous. Les personnes qui satisfont aux qualifications seront invitées à poursuivre le processus d'embauche.

Nous communiquerons uniquement avec les personnes présélectionnées.`)

var dataCoopKeepOnFile = bi(
	`All applications will be kept on file, and considered for future roles. If you do not want us to keep you on file, please let us know in your application email.`,
	`Toutes les candidatures seront conservées au dossier et prises en considération pour de futurs postes. Si vous ne souhaitez pas que nous conservions votre candidature, veuillez nous en informer dans votre courriel de candidature.`)

// ontarioAccommodation is the Ontario Public Service accommodation statement.
// The email address is the posting's AccommodationEmail, shown with it.
var ontarioAccommodation = bi(
	`The Ontario Public Service is an inclusive employer.

Accommodation is available under the Ontario Human Rights Code.

If you require a disability-related accommodation in order to participate in the recruitment process, please let us know by email.`,
	`La Fonction publique de l'Ontario est un employeur inclusif.

Des mesures d'adaptation sont offertes en vertu du Code des droits de la personne de l'Ontario.

Si vous avez besoin d'une mesure d'adaptation liée à un handicap pour participer au processus de recrutement, veuillez nous en informer par courriel.`)
