package catalog

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// find returns a pointer to the entry with the given code, failing the test if absent.
func find[T any](t *testing.T, list []T, code string, codeOf func(T) string) *T {
	t.Helper()
	for i := range list {
		if codeOf(list[i]) == code {
			return &list[i]
		}
	}
	t.Fatalf("entry %q not found", code)
	return nil
}

func program(t *testing.T, e *Entries, code string) *Program {
	return find(t, e.Programs, code, func(p Program) string { return p.Code })
}

func stream(t *testing.T, e *Entries, code string) *Stream {
	return find(t, e.Streams, code, func(s Stream) string { return s.Code })
}

func level(t *testing.T, e *Entries, code string) *Level {
	return find(t, e.Levels, code, func(l Level) string { return l.Code })
}

func competency(t *testing.T, e *Entries, code string) *Competency {
	return find(t, e.Competencies, code, func(c Competency) string { return c.Code })
}

func intPtr(n int) *int { return &n }

func TestValidateAcceptsBuiltin(t *testing.T) {
	c := mustBuiltin(t)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := New(c.Entries()); err != nil {
		t.Fatalf("New(Entries()) = %v", err)
	}
}

func TestValidateRejectsBrokenData(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(t *testing.T, e *Entries)
		want   Problem
	}{
		{"missing French", func(t *testing.T, e *Entries) { program(t, e, "oip").Name.FR = "" },
			Problem{KindProgram, "oip", "name", FaultMissingFR}},
		{"blank French", func(t *testing.T, e *Entries) { program(t, e, "gc-it").Summary.FR = "  \n" },
			Problem{KindProgram, "gc-it", "summary", FaultMissingFR}},
		{"missing English in a list", func(t *testing.T, e *Entries) { stream(t, e, "communications").Careers[2].EN = "" },
			Problem{KindStream, "communications", "careers[2]", FaultMissingEN}},
		{"missing required text", func(t *testing.T, e *Entries) {
			d := &competency(t, e, "collaboration").Definition
			d.EN, d.FR = "", ""
		}, Problem{KindCompetency, "collaboration", "definition", FaultMissing}},
		{"half-translated optional note", func(t *testing.T, e *Entries) {
			stream(t, e, "communications").Competencies[0].Note.FR = "Seulement en français"
		}, Problem{KindStream, "communications", "competencies[0].note", FaultMissingEN}},
		{"half-translated sub-item", func(t *testing.T, e *Entries) {
			stream(t, e, "it-security").Responsibilities[0].Items[1].FR = ""
		}, Problem{KindStream, "it-security", "responsibilities[0].items[1]", FaultMissingFR}},
		{"duplicate stream code", func(t *testing.T, e *Entries) {
			dup := *stream(t, e, "it-security")
			dup.Program, dup.Position = "gc-idm", 9
			e.Streams = append(e.Streams, dup)
		}, Problem{KindStream, "it-security", "code", FaultDuplicate}},
		{"duplicate competency code", func(t *testing.T, e *Entries) {
			e.Competencies = append(e.Competencies, *competency(t, e, "research"))
		}, Problem{KindCompetency, "research", "code", FaultDuplicate}},
		{"duplicate competency link", func(t *testing.T, e *Entries) {
			s := stream(t, e, "communications")
			s.Competencies = append(s.Competencies, CompetencyLink{Code: "research", Category: Skill})
		}, Problem{KindStream, "communications", "competencies[10].code", FaultDuplicate}},
		{"stream of an unknown program", func(t *testing.T, e *Entries) { stream(t, e, "human-resources").Program = "nope" },
			Problem{KindStream, "human-resources", "program", FaultUnknownRef}},
		{"link to an unknown competency", func(t *testing.T, e *Entries) {
			stream(t, e, "information-technology").Competencies[4].Code = "telepathy"
		}, Problem{KindStream, "information-technology", "competencies[4].code", FaultUnknownRef}},
		{"level of an unknown program", func(t *testing.T, e *Entries) { level(t, e, "ex-03").Program = "gc-nope" },
			Problem{KindLevel, "ex-03", "program", FaultUnknownRef}},
		{"level in an unknown stream", func(t *testing.T, e *Entries) { level(t, e, "it-01").Paths[0].Streams[1] = "it-nope" },
			Problem{KindLevel, "it-01", "paths[0].streams[1]", FaultUnknownRef}},
		{"level in another program's stream", func(t *testing.T, e *Entries) {
			level(t, e, "it-04").Paths[1].Streams[0] = "information-technology"
		}, Problem{KindLevel, "it-04", "paths[1].streams[0]", FaultUnknownRef}},
		{"level path listed twice in a stream", func(t *testing.T, e *Entries) {
			p := &level(t, e, "it-01").Paths[0]
			p.Streams = append(p.Streams, p.Streams[0])
		}, Problem{KindLevel, "it-01", "paths[0].streams[3]", FaultDuplicate}},
		{"path in all streams and some", func(t *testing.T, e *Entries) {
			level(t, e, "it-02").Paths[0].Streams = []string{"it-security"}
		}, Problem{KindLevel, "it-02", "paths[0].all_streams", FaultInvalid}},
		{"path in no stream", func(t *testing.T, e *Entries) { level(t, e, "it-01").Paths[0].Streams = nil },
			Problem{KindLevel, "it-01", "paths[0].streams", FaultMissing}},
		{"pay range upside down", func(t *testing.T, e *Entries) {
			l := level(t, e, "it-02")
			l.PayMin, l.PayMax = intPtr(90000), intPtr(80000)
		}, Problem{KindLevel, "it-02", "pay_max", FaultInvalid}},
		{"negative pay", func(t *testing.T, e *Entries) { level(t, e, "it-02").PayMin = intPtr(-1) },
			Problem{KindLevel, "it-02", "pay_min", FaultInvalid}},
		{"upper-case code", func(t *testing.T, e *Entries) { program(t, e, "oip").Code = "OIP" },
			Problem{KindProgram, "OIP", "code", FaultBadCode}},
		{"underscore in code", func(t *testing.T, e *Entries) { e.Organizations[0].Code = "ontario_finance" },
			Problem{KindOrganization, "ontario_finance", "code", FaultBadCode}},
		{"reserved stream code", func(t *testing.T, e *Entries) {
			s := stream(t, e, "labour-relations")
			s.Code = "levels"
		}, Problem{KindStream, "levels", "code", FaultReserved}},
		{"unknown category", func(t *testing.T, e *Entries) {
			stream(t, e, "program-service-delivery").Competencies[0].Category = "talent"
		}, Problem{KindStream, "program-service-delivery", "competencies[0].category", FaultInvalid}},
		{"unknown jurisdiction", func(t *testing.T, e *Entries) {
			find(t, e.Organizations, "ods", func(o Organization) string { return o.Code }).Jurisdiction = "qc"
		}, Problem{KindOrganization, "ods", "jurisdiction", FaultInvalid}},
		{"details without content", func(t *testing.T, e *Entries) { stream(t, e, "policy-development").Details = true },
			Problem{KindStream, "policy-development", "summary", FaultMissing}},
		{"content but flagged as more to come", func(t *testing.T, e *Entries) { stream(t, e, "communications").Details = false },
			Problem{KindStream, "communications", "details", FaultInvalid}},
		{"empty duty group", func(t *testing.T, e *Entries) { stream(t, e, "communications").Duties[1].Items = nil },
			Problem{KindStream, "communications", "duties[1].items", FaultMissing}},
		{"guidance without title", func(t *testing.T, e *Entries) {
			e.Guidance[0].Title.EN, e.Guidance[0].Title.FR = "", ""
		}, Problem{KindGuidance, "screening-questions", "title", FaultMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustBuiltin(t).Entries()
			tt.break_(t, &e)
			c, err := New(e)
			if c != nil || err == nil {
				t.Fatalf("New accepted broken data")
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("error %v is not a *ValidationError", err)
			}
			if !slices.Contains(verr.Problems, tt.want) {
				t.Fatalf("problems = %v, want one of them to be %v", verr.Problems, tt.want)
			}
			if !strings.Contains(err.Error(), string(tt.want.Fault)) {
				t.Errorf("error text %q does not name the fault", err)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	e := mustBuiltin(t).Entries()
	program(t, &e, "oip").Name.FR = ""
	stream(t, &e, "human-resources").Program = "nope"
	level(t, &e, "it-05").Label.EN = ""
	_, err := New(e)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("err = %v", err)
	}
	if len(verr.Problems) != 3 {
		t.Errorf("got %d problems, want 3: %v", len(verr.Problems), verr.Problems)
	}
}

func TestValidationErrorTextIsBounded(t *testing.T) {
	e := mustBuiltin(t).Entries()
	for i := range e.Organizations {
		e.Organizations[i].Name.FR = ""
	}
	_, err := New(e)
	msg := err.Error()
	if !strings.Contains(msg, "more") || strings.Count(msg, string(FaultMissingFR)) != maxListed {
		t.Errorf("error text should list %d problems then summarize: %q", maxListed, msg)
	}
}

func TestIsSlug(t *testing.T) {
	good := []string{"oip", "it-01", "ods-coop", "a", "x9", strings.Repeat("a", maxCodeLen)}
	bad := []string{"", "OIP", "it_01", "-it", "it-", "it--01", "é", "it 01", "it/01", strings.Repeat("a", maxCodeLen+1)}
	for _, s := range good {
		if !IsSlug(s) {
			t.Errorf("IsSlug(%q) = false", s)
		}
	}
	for _, s := range bad {
		if IsSlug(s) {
			t.Errorf("IsSlug(%q) = true", s)
		}
	}
}
