package format

import (
	"strconv"
	"strings"
	"testing"
)

// The table returns one symbol per distinct id, across growth, for short and
// long ids, including ids that differ only in trailing zero bytes or length.
func TestIDTable(t *testing.T) {
	tab := newIDTable()
	ids := []string{"", "\x00", "\x00\x00", "a", "a\x00", strings.Repeat("x", 16), strings.Repeat("x", 17), strings.Repeat("x", 40)}
	for i := 0; i < 5000; i++ {
		ids = append(ids, "A"+strconv.Itoa(i), "id-with-a-long-prefix-"+strconv.Itoa(i))
	}
	for round := 0; round < 2; round++ {
		for i, id := range ids {
			sym, added, _ := tab.lookup([]byte(id), int32(i))
			if sym != int32(i) || added != (round == 0) {
				t.Fatalf("round %d: %q -> %d added %v, want %d", round, id, sym, added, i)
			}
		}
	}
}

// A list mark set right when the table grows is the one seen next time.
func TestMarksSurviveGrowth(t *testing.T) {
	s := newSymbols("applicant")
	for i := 0; i < 3000; i++ {
		id := []byte("A" + strconv.Itoa(i))
		if _, first := s.mentioned(id, position{}, 7); !first {
			t.Fatalf("%s reported as repeated", id)
		}
		if _, first := s.mentioned(id, position{}, 7); first {
			t.Fatalf("%s repeated in list 7 not caught", id)
		}
	}
}
