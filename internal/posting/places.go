package posting

import (
	"sort"

	"github.com/pathways-gov/pathways/internal/lang"
)

// Province is a Canadian province or territory.
type Province struct {
	Code string // two-letter postal abbreviation
	Name lang.Text
}

// City is a place where public servants work.
type City struct {
	Code     string // lowercase slug, used in URLs and search facets
	Name     lang.Text
	Province string
}

// Provinces lists Canada's provinces and territories.
var Provinces = []Province{
	{"AB", lang.T("Alberta", "Alberta")},
	{"BC", lang.T("British Columbia", "Colombie-Britannique")},
	{"MB", lang.T("Manitoba", "Manitoba")},
	{"NB", lang.T("New Brunswick", "Nouveau-Brunswick")},
	{"NL", lang.T("Newfoundland and Labrador", "Terre-Neuve-et-Labrador")},
	{"NS", lang.T("Nova Scotia", "Nouvelle-Écosse")},
	{"NT", lang.T("Northwest Territories", "Territoires du Nord-Ouest")},
	{"NU", lang.T("Nunavut", "Nunavut")},
	{"ON", lang.T("Ontario", "Ontario")},
	{"PE", lang.T("Prince Edward Island", "Île-du-Prince-Édouard")},
	{"QC", lang.T("Quebec", "Québec")},
	{"SK", lang.T("Saskatchewan", "Saskatchewan")},
	{"YT", lang.T("Yukon", "Yukon")},
}

// Cities lists the cities postings may name, Ontario's first.
var Cities = []City{
	{"toronto", lang.T("Toronto", "Toronto"), "ON"},
	{"ottawa", lang.T("Ottawa", "Ottawa"), "ON"},
	{"hamilton", lang.T("Hamilton", "Hamilton"), "ON"},
	{"london", lang.T("London", "London"), "ON"},
	{"kingston", lang.T("Kingston", "Kingston"), "ON"},
	{"sudbury", lang.T("Sudbury", "Sudbury"), "ON"},
	{"thunder-bay", lang.T("Thunder Bay", "Thunder Bay"), "ON"},
	{"peterborough", lang.T("Peterborough", "Peterborough"), "ON"},
	{"guelph", lang.T("Guelph", "Guelph"), "ON"},
	{"north-bay", lang.T("North Bay", "North Bay"), "ON"},
	{"sault-ste-marie", lang.T("Sault Ste. Marie", "Sault Ste. Marie"), "ON"},
	{"oshawa", lang.T("Oshawa", "Oshawa"), "ON"},
	{"kitchener", lang.T("Kitchener", "Kitchener"), "ON"},
	{"windsor", lang.T("Windsor", "Windsor"), "ON"},
	{"st-catharines", lang.T("St. Catharines", "St. Catharines"), "ON"},
	{"barrie", lang.T("Barrie", "Barrie"), "ON"},
	{"gatineau", lang.T("Gatineau", "Gatineau"), "QC"},
	{"montreal", lang.T("Montréal", "Montréal"), "QC"},
	{"quebec-city", lang.T("Québec City", "Québec"), "QC"},
	{"sherbrooke", lang.T("Sherbrooke", "Sherbrooke"), "QC"},
	{"halifax", lang.T("Halifax", "Halifax"), "NS"},
	{"moncton", lang.T("Moncton", "Moncton"), "NB"},
	{"fredericton", lang.T("Fredericton", "Fredericton"), "NB"},
	{"charlottetown", lang.T("Charlottetown", "Charlottetown"), "PE"},
	{"st-johns", lang.T("St. John's", "St. John's"), "NL"},
	{"winnipeg", lang.T("Winnipeg", "Winnipeg"), "MB"},
	{"regina", lang.T("Regina", "Regina"), "SK"},
	{"saskatoon", lang.T("Saskatoon", "Saskatoon"), "SK"},
	{"edmonton", lang.T("Edmonton", "Edmonton"), "AB"},
	{"calgary", lang.T("Calgary", "Calgary"), "AB"},
	{"vancouver", lang.T("Vancouver", "Vancouver"), "BC"},
	{"victoria", lang.T("Victoria", "Victoria"), "BC"},
	{"whitehorse", lang.T("Whitehorse", "Whitehorse"), "YT"},
	{"yellowknife", lang.T("Yellowknife", "Yellowknife"), "NT"},
	{"iqaluit", lang.T("Iqaluit", "Iqaluit"), "NU"},
}

var cityIndex = func() map[string]City {
	m := make(map[string]City, len(Cities))
	for _, c := range Cities {
		m[c.Code] = c
	}
	return m
}()

// CityByCode returns the city with code.
func CityByCode(code string) (City, bool) {
	c, ok := cityIndex[code]
	return c, ok
}

// ProvinceByCode returns the province with code.
func ProvinceByCode(code string) (Province, bool) {
	i := sort.Search(len(Provinces), func(i int) bool { return Provinces[i].Code >= code })
	if i < len(Provinces) && Provinces[i].Code == code {
		return Provinces[i], true
	}
	return Province{}, false
}

// Place renders a location as "Toronto, Ontario".
func (l Location) Place(in lang.Lang) string {
	c, ok := CityByCode(l.City)
	if !ok {
		return l.City
	}
	p, _ := ProvinceByCode(c.Province)
	return c.Name.In(in) + ", " + p.Name.In(in)
}
