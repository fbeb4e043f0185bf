package catalog

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestRecordsRoundTrip(t *testing.T) {
	c := mustBuiltin(t)
	rs := c.Records()
	back, err := FromRecords(rs)
	if err != nil {
		t.Fatalf("FromRecords: %v", err)
	}
	if !reflect.DeepEqual(c, back) {
		t.Fatal("FromRecords(c.Records()) differs from c")
	}
	if !reflect.DeepEqual(rs, back.Records()) {
		t.Error("Records of the rebuilt catalog differ")
	}
}

func TestRecordsCoverEveryEntryInOrder(t *testing.T) {
	c := mustBuiltin(t)
	rs := c.Records()
	e := c.Entries()
	want := len(e.Programs) + len(e.Streams) + len(e.Levels) + len(e.Competencies) + len(e.Organizations) + len(e.Guidance)
	if len(rs) != want {
		t.Fatalf("%d records, want %d", len(rs), want)
	}
	rank := map[Kind]int{}
	for i, k := range Kinds {
		rank[k] = i
	}
	for i := 1; i < len(rs); i++ {
		if rank[rs[i-1].Kind] > rank[rs[i].Kind] {
			t.Fatalf("record %d (%s) comes after a %s", i, rs[i].Kind, rs[i-1].Kind)
		}
	}
	if rs[0].Kind != KindProgram || rs[0].Code != "oip" {
		t.Errorf("first record = %s %s, want program oip", rs[0].Kind, rs[0].Code)
	}
	if !bytes.Contains(rs[0].Data, []byte(`"Programme de stages de l'Ontario"`)) {
		t.Errorf("program record data lacks the French name: %s", rs[0].Data)
	}
}

func TestFromRecordsIgnoresOrder(t *testing.T) {
	c := mustBuiltin(t)
	rs := c.Records()
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
	back, err := FromRecords(rs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, back) {
		t.Error("shuffled records rebuild a different catalog")
	}
}

func TestFromRecordsAppliesEdits(t *testing.T) {
	c := mustBuiltin(t)
	e := c.Entries()
	l := level(t, &e, "it-02")
	l.PayMin, l.PayMax = intPtr(70000), intPtr(85000)
	edited, err := New(e)
	if err != nil {
		t.Fatal(err)
	}
	back, err := FromRecords(edited.Records())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(edited, back) {
		t.Error("round trip lost the edit")
	}
	got, _ := back.Level("it-02")
	if got.PayMin == nil || *got.PayMin != 70000 || got.PayMax == nil || *got.PayMax != 85000 {
		t.Errorf("pay range after round trip = %v..%v", got.PayMin, got.PayMax)
	}
	if orig, _ := c.Level("it-02"); orig.PayMin != nil {
		t.Error("editing Entries changed the original catalog")
	}
}

func TestEntriesIsADeepCopy(t *testing.T) {
	c := mustBuiltin(t)
	e := c.Entries()
	stream(t, &e, "information-technology").Careers[0].EN = "Changed"
	level(t, &e, "it-01").Paths[0].Streams[0] = "changed"
	s, _ := c.StreamByCode("information-technology")
	l, _ := c.Level("it-01")
	if s.Careers[0].EN == "Changed" || l.Paths[0].Streams[0] == "changed" {
		t.Error("Entries shares memory with the catalog")
	}
}

func TestFromRecordsRejectsBadRecords(t *testing.T) {
	good := mustBuiltin(t).Records()
	tests := []struct {
		name   string
		record Record
		want   string
	}{
		{"unknown kind", Record{Kind: "planet", Code: "mars", Data: []byte(`{"code":"mars"}`)}, "unknown kind"},
		{"code mismatch", Record{Kind: KindProgram, Code: "other", Data: good[0].Data}, `data has code "oip"`},
		{"malformed JSON", Record{Kind: KindProgram, Code: "x", Data: []byte(`{"code":`)}, "decode"},
		{"unknown field", Record{Kind: KindGuidance, Code: "g", Data: []byte(`{"code":"g","colour":"red"}`)}, "unknown field"},
		{"trailing data", Record{Kind: KindGuidance, Code: "g", Data: []byte(`{"code":"g"} {}`)}, "after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := append(good[:len(good):len(good)], tt.record)
			_, err := FromRecords(rs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.record.Code) {
				t.Errorf("err = %v, want it to name the record", err)
			}
		})
	}
}

func TestFromRecordsValidates(t *testing.T) {
	rs := mustBuiltin(t).Records()
	var kept []Record
	for _, r := range rs {
		if !(r.Kind == KindCompetency && r.Code == "collaboration") {
			kept = append(kept, r)
		}
	}
	_, err := FromRecords(kept)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	for _, p := range verr.Problems {
		if p.Fault != FaultUnknownRef || p.Kind != KindStream {
			t.Errorf("unexpected problem %v", p)
		}
	}
	if len(verr.Problems) != 3 {
		t.Errorf("got %d dangling links, want 3 (one per detailed focus area): %v", len(verr.Problems), verr.Problems)
	}
}
