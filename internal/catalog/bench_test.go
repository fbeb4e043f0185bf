package catalog

import "testing"

func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecords(b *testing.B) {
	c := mustBuiltin(b)
	for b.Loop() {
		_ = c.Records()
	}
}

func BenchmarkFromRecords(b *testing.B) {
	rs := mustBuiltin(b).Records()
	for b.Loop() {
		if _, err := FromRecords(rs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLevelsInStream(b *testing.B) {
	c := mustBuiltin(b)
	for b.Loop() {
		if len(c.LevelsInStream("it-security")) == 0 {
			b.Fatal("no levels")
		}
	}
}
