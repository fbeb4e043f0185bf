package auth

import (
	"net/netip"
	"slices"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// LimiterConfig sets how many sign-in attempts a Limiter lets through.
type LimiterConfig struct {
	EmailEvery time.Duration // one attempt per account email regained every EmailEvery
	EmailBurst int           // attempts an account email may make at once
	IPEvery    time.Duration // one attempt per client address regained every IPEvery
	IPBurst    int           // attempts a client address may make at once
	MaxKeys    int           // keys remembered per kind before the least recent are forgotten
	Now        func() time.Time
}

// DefaultLimiterConfig allows an account email 5 attempts a minute (5 at once)
// and a client address 20 a minute (20 at once), remembering at most 50,000
// emails and 50,000 addresses (a few MiB).
func DefaultLimiterConfig() LimiterConfig {
	return LimiterConfig{
		EmailEvery: 12 * time.Second, EmailBurst: 5,
		IPEvery: 3 * time.Second, IPBurst: 20,
		MaxKeys: 50_000, Now: time.Now,
	}
}

// Limiter throttles sign-in attempts by client address and by account email,
// so neither one address trying many accounts nor many addresses trying one
// account get far. It is safe for concurrent use and its memory is bounded.
type Limiter struct {
	mu        sync.Mutex
	now       func() time.Time
	ip, email *buckets
}

// NewLimiter returns a Limiter with DefaultLimiterConfig.
func NewLimiter() *Limiter { return NewLimiterWith(DefaultLimiterConfig()) }

// NewLimiterWith returns a Limiter with c; zero fields take their default.
func NewLimiterWith(c LimiterConfig) *Limiter {
	d := DefaultLimiterConfig()
	if c.EmailEvery <= 0 || c.EmailBurst <= 0 {
		c.EmailEvery, c.EmailBurst = d.EmailEvery, d.EmailBurst
	}
	if c.IPEvery <= 0 || c.IPBurst <= 0 {
		c.IPEvery, c.IPBurst = d.IPEvery, d.IPBurst
	}
	if c.MaxKeys <= 0 {
		c.MaxKeys = d.MaxKeys
	}
	if c.Now == nil {
		c.Now = d.Now
	}
	return &Limiter{
		now:   c.Now,
		ip:    newBuckets(c.IPEvery, c.IPBurst, c.MaxKeys),
		email: newBuckets(c.EmailEvery, c.EmailBurst, c.MaxKeys),
	}
}

// Allow reports whether a sign-in attempt from client address ip for account
// email may go ahead, and counts it. The address is checked first: an attempt
// refused for its address does not use up the account's allowance, so a
// throttled address cannot lock a user out. An empty email is limited by
// address only.
func (l *Limiter) Allow(ip, email string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.ip.allow(ipKey(ip), now) {
		return false
	}
	if email = NormalizeEmail(email); email == "" {
		return true
	}
	return l.email.allow(email, now)
}

// ipKey groups IPv6 addresses by /64, the block one subscriber usually holds.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// buckets are token buckets by key, forgetting keys once they are full again
// (a full bucket is the same as a new one) and, when more than max keys are
// active, the least recently used.
type buckets struct {
	every     time.Duration
	burst     int
	max       int
	refill    time.Duration // time for an empty bucket to fill up
	m         map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newBuckets(every time.Duration, burst, maxKeys int) *buckets {
	return &buckets{every: every, burst: burst, max: maxKeys,
		refill: every * time.Duration(burst), m: make(map[string]*bucket)}
}

func (b *buckets) allow(key string, now time.Time) bool {
	if now.Sub(b.lastSweep) >= b.refill || len(b.m) >= b.max {
		b.sweep(now)
	}
	k, ok := b.m[key]
	if !ok {
		k = &bucket{lim: rate.NewLimiter(rate.Every(b.every), b.burst)}
		b.m[key] = k
	}
	k.seen = now
	return k.lim.AllowN(now, 1)
}

// sweep forgets full buckets, then, if still at capacity, the least recently
// used tenth (and any excess).
func (b *buckets) sweep(now time.Time) {
	b.lastSweep = now
	for key, k := range b.m {
		if now.Sub(k.seen) >= b.refill {
			delete(b.m, key)
		}
	}
	if len(b.m) < b.max {
		return
	}
	keys := make([]string, 0, len(b.m))
	for key := range b.m {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(x, y string) int { return b.m[x].seen.Compare(b.m[y].seen) })
	drop := len(keys) - b.max + max(1, b.max/10)
	for _, key := range keys[:min(drop, len(keys))] {
		delete(b.m, key)
	}
}

// len returns how many keys are remembered (for tests).
func (b *buckets) len() int { return len(b.m) }
