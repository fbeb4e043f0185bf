package mail_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/mail"
)

func TestParseSMTPURL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want mail.SMTPConfig
		str  string
	}{
		{"smtp://mail.example.ca", mail.SMTPConfig{Host: "mail.example.ca", Port: 587}, "smtp://mail.example.ca:587"},
		{"smtp://relay:25", mail.SMTPConfig{Host: "relay", Port: 25}, "smtp://relay:25"},
		{"smtps://mail.example.ca", mail.SMTPConfig{Host: "mail.example.ca", Port: 465, Implicit: true}, "smtps://mail.example.ca:465"},
		{"smtp://user:s%40cr%C3%A9t%3A@mail.example.ca:2525/", mail.SMTPConfig{Host: "mail.example.ca", Port: 2525, User: "user", Password: "s@crét:"}, "smtp://user:xxxxx@mail.example.ca:2525"},
		{"smtps://apikey@[::1]:465", mail.SMTPConfig{Host: "::1", Port: 465, Implicit: true, User: "apikey"}, "smtps://apikey@[::1]:465"},
	} {
		got, err := mail.ParseSMTPURL(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseSMTPURL(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
			continue
		}
		if got.String() != c.str {
			t.Errorf("String() = %q, want %q", got.String(), c.str)
		}
		if got.Password != "" && strings.Contains(got.String(), got.Password) {
			t.Errorf("String() %q shows the password", got.String())
		}
	}
	for _, bad := range []string{"", "mail.example.ca", "http://mail.example.ca", "smtp://", "smtp://host:0", "smtp://host:99999",
		"smtp://host:x", "smtp://host/path", "smtp://host?tls=no", "smtp://user:pa ss@ho st"} {
		if _, err := mail.ParseSMTPURL(bad); err == nil {
			t.Errorf("ParseSMTPURL(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "pa ss") {
			t.Errorf("the error for %q shows the password: %v", bad, err)
		}
	}
}

func TestParseFrom(t *testing.T) {
	for _, ok := range []string{mail.DefaultFrom, "no-reply@example.ca", "Parcours – Ontario <noreply@ontario.ca>"} {
		if _, err := mail.ParseFrom(ok); err != nil {
			t.Errorf("ParseFrom(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Pathways", "no-reply", "<>", "a@b, c@d"} {
		if _, err := mail.ParseFrom(bad); err == nil {
			t.Errorf("ParseFrom(%q) accepted", bad)
		}
	}
}

func transport(t *testing.T, rawURL string, opts ...mail.SMTPOption) *mail.SMTP {
	t.Helper()
	cfg, err := mail.ParseSMTPURL(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	s, err := mail.NewSMTP(cfg, "Parcours Pathways <no-reply@pathways.example.ca>", append([]mail.SMTPOption{mail.WithTimeout(5 * time.Second)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var frenchBody = "Bonjour Éloïse,\n\nVotre candidature à « Analyste des données – coop » a été reçue.\nNuméro de confirmation : PW-7K3M-Q9TX\n\nÀ bientôt, l'équipe de Parcours\n" +
	strings.Repeat("Une ligne assez longue pour dépasser soixante-seize caractères et être coupée. ", 2) + "\n"

// parse reads a received message: its headers (decoded) and its body (decoded).
func parse(t *testing.T, r received) (*netmail.Message, string) {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatalf("received message does not parse: %v\n%s", err, r.Data)
	}
	raw, err := io.ReadAll(m.Body)
	if err != nil {
		t.Fatal(err)
	}
	if cte := m.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
		t.Fatalf("Content-Transfer-Encoding %q\n%s", cte, r.Data)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 76 {
			t.Errorf("body line longer than 76 characters: %q", line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("8-bit byte in a quoted-printable body: %q", line)
			}
		}
	}
	body, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return m, strings.ReplaceAll(string(body), "\r\n", "\n")
}

func decodeHeader(t *testing.T, v string) string {
	t.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(v)
	if err != nil {
		t.Fatalf("header %q: %v", v, err)
	}
	return s
}

func TestSMTPDeliversUTF8(t *testing.T) {
	srv := startSMTP(t, serverOpts{})
	s := transport(t, "smtp://"+srv.Addr) // no STARTTLS offered: plain, as the URL allows
	created := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	msgs := []mail.Outgoing{
		{ID: 41, Kind: "confirmation", To: "eloise.tremblay@example.ca", Lang: lang.FR, Subject: "Candidature reçue : « Analyste des données »", Body: frenchBody, CreatedAt: created},
		{ID: 42, Kind: "test", To: "second@example.ca", Lang: lang.EN, Subject: "Plain subject", Body: "Hello.\n", CreatedAt: created},
	}
	before := time.Now().Add(-time.Second)
	errs := s.Send(context.Background(), msgs)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	got := srv.Messages()
	if len(got) != 2 {
		t.Fatalf("%d messages arrived, want 2", len(got))
	}
	r := got[0]
	if r.From != "no-reply@pathways.example.ca" || len(r.To) != 1 || r.To[0] != "eloise.tremblay@example.ca" {
		t.Fatalf("envelope: from %q to %q", r.From, r.To)
	}
	if r.TLS {
		t.Fatal("the test server offered no TLS, yet the session is encrypted?")
	}
	m, body := parse(t, r)
	h := m.Header
	if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "no-reply@pathways.example.ca" || from[0].Name != "Parcours Pathways" {
		t.Errorf("From %q: %v %v", h.Get("From"), from, err)
	}
	if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "eloise.tremblay@example.ca" {
		t.Errorf("To %q: %v", h.Get("To"), err)
	}
	if subj := decodeHeader(t, h.Get("Subject")); subj != msgs[0].Subject {
		t.Errorf("Subject %q (raw %q), want %q", subj, h.Get("Subject"), msgs[0].Subject)
	}
	ct, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || ct != "text/plain" || !strings.EqualFold(params["charset"], "UTF-8") {
		t.Errorf("Content-Type %q", h.Get("Content-Type"))
	}
	if h.Get("Mime-Version") != "1.0" {
		t.Errorf("MIME-Version %q", h.Get("Mime-Version"))
	}
	if d, err := h.Date(); err != nil || d.Before(before) || d.After(time.Now().Add(time.Second)) {
		t.Errorf("Date %q: %v", h.Get("Date"), err)
	}
	if id := h.Get("Message-Id"); id != "<"+mail.MessageID(msgs[0], "pathways.example.ca")+">" || !strings.HasSuffix(id, "@pathways.example.ca>") {
		t.Errorf("Message-ID %q", id)
	}
	if l := h.Get("Content-Language"); l != "fr" {
		t.Errorf("Content-Language %q", l)
	}
	if a := h.Get("Auto-Submitted"); a != "auto-generated" {
		t.Errorf("Auto-Submitted %q", a)
	}
	if strings.TrimRight(body, "\n") != strings.TrimRight(frenchBody, "\n") {
		t.Errorf("body:\n%q\nwant\n%q", body, frenchBody)
	}
	if m2, _ := parse(t, got[1]); decodeHeader(t, m2.Header.Get("Subject")) != "Plain subject" || m2.Header.Get("Message-Id") == h.Get("Message-Id") {
		t.Errorf("second message: %v", m2.Header)
	}
}

func TestSMTPStartTLSAndAuth(t *testing.T) {
	tlsConf, pool := selfSigned(t)
	srv := startSMTP(t, serverOpts{tls: tlsConf, users: map[string]string{"pathways": "s@crét:pw"}})
	msg := []mail.Outgoing{{ID: 1, To: "a@example.ca", Lang: lang.EN, Subject: "Hi", Body: "Hello\n", CreatedAt: time.Now()}}
	withCreds := "smtp://pathways:" + url.QueryEscape("s@crét:pw") + "@" + srv.Addr

	// The certificate is verified: not trusted, nothing is sent (and the
	// password never leaves).
	if errs := transport(t, withCreds).Send(context.Background(), msg); errs[0] == nil {
		t.Fatal("sent over STARTTLS to a server whose certificate is not trusted")
	}
	// Trusted: STARTTLS is used because the server offers it, then AUTH.
	if errs := transport(t, withCreds, mail.WithRootCAs(pool)).Send(context.Background(), msg); errs[0] != nil {
		t.Fatal(errs[0])
	}
	// A wrong password is refused.
	if errs := transport(t, "smtp://pathways:wrong@"+srv.Addr, mail.WithRootCAs(pool)).Send(context.Background(), msg); errs[0] == nil {
		t.Fatal("sent with a wrong password")
	}
	got := srv.Messages()
	if len(got) != 1 || !got[0].TLS || got[0].User != "pathways" {
		t.Fatalf("arrived: %+v", got)
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	tlsConf, pool := selfSigned(t)
	srv := startSMTPS(t, tlsConf)
	s := transport(t, "smtps://"+srv.Addr, mail.WithRootCAs(pool))
	if errs := s.Send(context.Background(), []mail.Outgoing{{ID: 7, To: "b@example.ca", Lang: lang.FR, Subject: "Salut", Body: "Déjà là\n", CreatedAt: time.Now()}}); errs[0] != nil {
		t.Fatal(errs[0])
	}
	if got := srv.Messages(); len(got) != 1 || !got[0].TLS {
		t.Fatalf("arrived: %+v", got)
	}
}

func TestSMTPServerDown(t *testing.T) {
	addr := freeAddr(t)
	s := transport(t, "smtp://"+addr)
	errs := s.Send(context.Background(), []mail.Outgoing{{ID: 1, To: "a@example.ca", Subject: "x", Body: "y"}, {ID: 2, To: "b@example.ca", Subject: "x", Body: "y"}})
	if len(errs) != 2 || errs[0] == nil || errs[1] == nil {
		t.Fatalf("errors: %v", errs)
	}
}
