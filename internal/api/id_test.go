package api

import "testing"

func TestParseID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		id   int64
		want bool
	}{
		{"1", 1, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false},
		{"0", 0, false},
		{"00", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{"1-data-co-op", 0, false},
		{"1.0", 0, false},
		{"", 0, false},
		{"１", 0, false}, // a full-width digit
	} {
		id, ok := parseID(tc.in)
		if ok != tc.want || (ok && id != tc.id) {
			t.Errorf("parseID(%q) = %d, %v", tc.in, id, ok)
		}
	}
}
