package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// clock is a manual clock for the limiter.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)} }
func testLimiter(c *clock, maxKeys int) *Limiter {
	cfg := DefaultLimiterConfig()
	cfg.Now, cfg.MaxKeys = c.now, maxKeys
	return NewLimiterWith(cfg)
}

// allowed counts how many of n attempts pass, all at the current instant.
func allowed(l *Limiter, n int, ip, email string) int {
	k := 0
	for range n {
		if l.Allow(ip, email) {
			k++
		}
	}
	return k
}

func TestLimiterPerEmail(t *testing.T) {
	c := newClock()
	l := testLimiter(c, 1000)
	// Burst of 5 for one account, from different addresses.
	for i := range 5 {
		if !l.Allow(fmt.Sprintf("10.0.0.%d", i), "ann@ontario.ca") {
			t.Fatalf("attempt %d refused within the burst", i+1)
		}
	}
	if l.Allow("10.0.0.9", "ANN@ontario.ca ") {
		t.Fatal("6th attempt on one account (email in other case) allowed")
	}
	if !l.Allow("10.0.0.9", "bob@ontario.ca") {
		t.Fatal("another account is not affected")
	}
	// One token comes back every 12 s: 11.9 s is not enough, 12 s is.
	c.advance(11900 * time.Millisecond)
	if l.Allow("10.0.0.9", "ann@ontario.ca") {
		t.Fatal("allowed before a token came back")
	}
	c.advance(100 * time.Millisecond)
	if !l.Allow("10.0.0.9", "ann@ontario.ca") {
		t.Fatal("refused after a token came back")
	}
	if l.Allow("10.0.0.9", "ann@ontario.ca") {
		t.Fatal("only one token came back")
	}
	// A minute on, the account has its 5 attempts again.
	c.advance(time.Minute)
	if got := allowed(l, 10, "10.0.1.1", "ann@ontario.ca"); got != 5 {
		t.Fatalf("after a minute %d attempts passed, want 5", got)
	}
}

func TestLimiterPerIP(t *testing.T) {
	c := newClock()
	l := testLimiter(c, 1000)
	for i := range 20 {
		if !l.Allow("192.0.2.1", fmt.Sprintf("user%d@ontario.ca", i)) {
			t.Fatalf("attempt %d from one address refused within the burst", i+1)
		}
	}
	if l.Allow("192.0.2.1", "fresh@ontario.ca") {
		t.Fatal("21st attempt from one address allowed")
	}
	if !l.Allow("192.0.2.2", "fresh@ontario.ca") {
		t.Fatal("an address refused for the first one's attempts")
	}
	// The refusal from 192.0.2.1 did not use fresh@'s allowance: 4 left of 5 after the one above.
	if got := allowed(l, 10, "192.0.2.3", "fresh@ontario.ca"); got != 4 {
		t.Fatalf("account had %d attempts left, want 4", got)
	}
	// 20 a minute: one every 3 s.
	c.advance(3 * time.Second)
	if got := allowed(l, 5, "192.0.2.1", ""); got != 1 {
		t.Fatalf("%d attempts after 3 s, want 1", got)
	}
}

func TestLimiterGroupsIPv6By64(t *testing.T) {
	c := newClock()
	l := testLimiter(c, 1000)
	for i := range 20 {
		if !l.Allow(fmt.Sprintf("2001:db8:1:2::%x", i+1), "") {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.Allow("2001:db8:1:2:ffff::1", "") {
		t.Fatal("another address of the same /64 should share the limit")
	}
	if !l.Allow("2001:db8:1:3::1", "") {
		t.Fatal("another /64 should have its own limit")
	}
	if !l.Allow("::ffff:192.0.2.7", "") || ipKey("::ffff:192.0.2.7") != "192.0.2.7" {
		t.Fatal("IPv4-mapped addresses count as IPv4")
	}
}

func TestLimiterMemoryBounded(t *testing.T) {
	c := newClock()
	l := testLimiter(c, 100)
	const busy = "10.200.0.1" // an address that keeps trying, exhausted from the start
	if got := allowed(l, 25, busy, ""); got != 20 {
		t.Fatalf("burst %d, want 20", got)
	}
	for i := range 1000 {
		c.advance(time.Millisecond)
		l.Allow(fmt.Sprintf("10.1.%d.%d", i/256, i%256), fmt.Sprintf("u%d@x.ca", i))
		if l.ip.len() > 100 || l.email.len() > 100 {
			t.Fatalf("after %d keys: %d addresses, %d emails remembered; max 100", i+1, l.ip.len(), l.email.len())
		}
		if i%10 == 0 && l.Allow(busy, "") {
			t.Fatalf("busy address allowed at step %d", i)
		}
	}
	// Least recently used keys go first: the busy address, though the oldest, is still limited.
	if l.Allow(busy, "") {
		t.Fatal("a recently used address was forgotten while 1,000 new ones came in")
	}
	// Keys whose buckets are full again are forgotten on the next sweep.
	c.advance(2 * time.Minute)
	l.Allow("10.9.9.9", "late@x.ca")
	if l.ip.len() != 1 || l.email.len() != 1 {
		t.Fatalf("after idle: %d addresses, %d emails; want 1 each", l.ip.len(), l.email.len())
	}
}

func BenchmarkLimiterAllow(b *testing.B) {
	l := NewLimiter()
	i := 0
	for b.Loop() {
		i++
		l.Allow(fmt.Sprintf("10.0.%d.%d", i/256%256, i%256), "ann@ontario.ca")
	}
}

func TestLimiterConcurrent(t *testing.T) {
	c := newClock()
	l := testLimiter(c, 1000)
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for g := range 8 {
		wg.Go(func() {
			n := 0
			for i := range 10 {
				if l.Allow("203.0.113.5", fmt.Sprintf("g%d-%d@x.ca", g, i)) {
					n++
				}
			}
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	if total != 20 {
		t.Fatalf("%d of 80 concurrent attempts from one address passed, want exactly 20", total)
	}
}
