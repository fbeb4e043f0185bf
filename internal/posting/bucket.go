package posting

import "github.com/pathways-gov/pathways/internal/lang"

// Bucket is the coarse public count of applications. Exact small numbers are
// never shown: they could identify applicants.
type Bucket int

// The buckets.
const (
	FewerThan10 Bucket = iota
	From10To49
	From50To99
	HundredOrMore
)

// BucketOf returns the bucket for n submitted applications.
func BucketOf(n int) Bucket {
	switch {
	case n < 10:
		return FewerThan10
	case n < 50:
		return From10To49
	case n < 100:
		return From50To99
	}
	return HundredOrMore
}

// Code is the bucket's stable identifier, used by the API.
func (b Bucket) Code() string {
	return [...]string{"lt10", "10-49", "50-99", "100+"}[b]
}

// Sentence states the bucket for the public page, as the Ontario posting does.
func (b Bucket) Sentence(l lang.Lang) string {
	return [...]lang.Text{
		lang.T("We have received fewer than 10 applications for this job opportunity.", "Nous avons reçu moins de 10 candidatures pour cette possibilité d'emploi."),
		lang.T("We have received 10 to 49 applications for this job opportunity.", "Nous avons reçu de 10 à 49 candidatures pour cette possibilité d'emploi."),
		lang.T("We have received 50 to 99 applications for this job opportunity.", "Nous avons reçu de 50 à 99 candidatures pour cette possibilité d'emploi."),
		lang.T("We have received 100 or more applications for this job opportunity.", "Nous avons reçu 100 candidatures ou plus pour cette possibilité d'emploi."),
	}[b].In(l)
}
