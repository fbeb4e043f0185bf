package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRealIP(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.5")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"direct client, no header", "203.0.113.7:5555", nil, "203.0.113.7:5555"},
		{"direct client forging the header", "203.0.113.7:5555", []string{"1.2.3.4"}, "203.0.113.7:5555"},
		{"through the proxy", "10.1.2.3:4000", []string{"198.51.100.9"}, "198.51.100.9:0"},
		{"client forged a hop before the proxy's", "10.1.2.3:4000", []string{"1.2.3.4, 198.51.100.9"}, "198.51.100.9:0"},
		{"two trusted proxies in a row", "10.1.2.3:4000", []string{"198.51.100.9, 192.168.1.5"}, "198.51.100.9:0"},
		{"header split over two lines", "10.1.2.3:4000", []string{"1.2.3.4", "198.51.100.9"}, "198.51.100.9:0"},
		{"only proxies: the leftmost", "10.1.2.3:4000", []string{"10.9.9.9, 10.8.8.8"}, "10.9.9.9:0"},
		{"proxy without the header", "10.1.2.3:4000", nil, "10.1.2.3:4000"},
		{"malformed hop", "10.1.2.3:4000", []string{"198.51.100.9, garbage"}, "10.1.2.3:4000"},
		{"IPv6 client", "10.1.2.3:4000", []string{"2001:db8::1"}, "[2001:db8::1]:0"},
	}
	for _, c := range cases {
		var got string
		h := realIP(trusted, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }))
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got != c.want {
			t.Errorf("%s: client %q, want %q", c.name, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0.1/8/2"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
	if ps, err := ParseTrustedProxies(""); err != nil || len(ps) != 0 {
		t.Errorf("empty list: %v %v", ps, err)
	}
}
