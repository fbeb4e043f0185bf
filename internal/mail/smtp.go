package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/pathways-gov/pathways/internal/lang"
)

// DefaultFrom is the sender when none is configured: a safe address that no
// one can reply to.
const DefaultFrom = "Pathways <no-reply@localhost>"

// Outgoing is one queued email handed to a Sender: an outbox row.
type Outgoing struct {
	ID        int64
	Kind      string
	To        string
	Lang      lang.Lang
	Subject   string
	Body      string
	CreatedAt time.Time
	Attempts  int // attempts made before this one
	// LeaseUntil is when the claim on this row ends; the worker that claimed
	// it passes it back when recording a failure, so a worker whose lease ran
	// out cannot overwrite what another worker recorded since.
	LeaseUntil time.Time
}

// Sender delivers emails. Send returns one result per message, in order: nil
// for a message the server accepted.
type Sender interface {
	Send(ctx context.Context, msgs []Outgoing) []error
}

// SMTPConfig is an SMTP server address parsed from a URL.
type SMTPConfig struct {
	Host     string
	Port     int
	Implicit bool // smtps: TLS from the first byte; otherwise STARTTLS when the server offers it
	User     string
	Password string
}

// ParseSMTPURL reads smtp://[user[:pass]@]host[:port] (port 587 by default,
// STARTTLS when the server offers it) or smtps://[user[:pass]@]host[:port]
// (port 465 by default, implicit TLS). The user name and password are
// percent-decoded, so they may hold any character.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, errors.New("mail: the SMTP URL is malformed") // url's error would echo the password
	}
	var c SMTPConfig
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.Port, c.Implicit = 465, true
	default:
		return SMTPConfig{}, fmt.Errorf("mail: SMTP URL scheme %q is not smtp or smtps", u.Scheme)
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return SMTPConfig{}, errors.New("mail: the SMTP URL has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTPConfig{}, fmt.Errorf("mail: SMTP port %q is not a number from 1 to 65535", p)
		}
		c.Port = n
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return SMTPConfig{}, errors.New("mail: the SMTP URL takes no path, query or fragment")
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	return c, nil
}

// String is the address without its password, for logs.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port))}
	if c.Implicit {
		u.Scheme = "smtps"
	}
	if c.User != "" {
		u.User = url.User(c.User)
		if c.Password != "" {
			u.User = url.UserPassword(c.User, "xxxxx")
		}
	}
	return u.String()
}

// SMTP sends email through one SMTP server.
type SMTP struct {
	cfg     SMTPConfig
	from    *netmail.Address
	domain  string // for Message-IDs
	roots   *x509.CertPool
	timeout time.Duration
}

// SMTPOption adjusts an SMTP transport.
type SMTPOption func(*SMTP)

// WithRootCAs makes the transport trust only the certificate authorities in
// pool (tests use it to trust their own server). Certificates are always
// verified: there is no option to turn verification off.
func WithRootCAs(pool *x509.CertPool) SMTPOption { return func(s *SMTP) { s.roots = pool } }

// WithTimeout bounds connecting and each SMTP command (30 seconds by default).
func WithTimeout(d time.Duration) SMTPOption { return func(s *SMTP) { s.timeout = d } }

// NewSMTP returns a transport for the server cfg names, sending as from
// (an RFC 5322 address such as "Pathways <no-reply@example.ca>").
func NewSMTP(cfg SMTPConfig, from string, opts ...SMTPOption) (*SMTP, error) {
	addr, err := ParseFrom(from)
	if err != nil {
		return nil, err
	}
	s := &SMTP{cfg: cfg, from: addr, timeout: 30 * time.Second}
	_, s.domain, _ = strings.Cut(addr.Address, "@")
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// ParseFrom checks a From address.
func ParseFrom(from string) (*netmail.Address, error) {
	addr, err := netmail.ParseAddress(from)
	if err != nil || !strings.Contains(addr.Address, "@") {
		return nil, fmt.Errorf("mail: the From address %q is not an email address such as \"Pathways <no-reply@example.ca>\"", from)
	}
	return addr, nil
}

// String names the server without its password, for logs.
func (s *SMTP) String() string { return s.cfg.String() }

func (s *SMTP) client() (*gomail.Client, error) {
	tlsConf := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12, RootCAs: s.roots}
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.timeout),
		gomail.WithTLSConfig(tlsConf),
	}
	if s.cfg.Implicit {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.cfg.User != "" {
		// The strongest mechanism the server offers; go-mail refuses to send
		// a plain-text password over a connection that is not encrypted.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// Send delivers msgs over one connection. A connection failure fails every
// message; otherwise each message succeeds or fails on its own.
func (s *SMTP) Send(ctx context.Context, msgs []Outgoing) []error {
	errs := make([]error, len(msgs))
	fail := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	if len(msgs) == 0 {
		return errs
	}
	c, err := s.client()
	if err != nil {
		return fail(fmt.Errorf("mail: smtp client: %w", err))
	}
	conn, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fail(fmt.Errorf("mail: connect to %s: %w", net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)), err))
	}
	defer c.CloseWithSMTPClient(conn)
	for i, o := range msgs {
		if err := ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		m, err := s.message(o)
		if err != nil {
			errs[i] = err
			continue
		}
		if err := c.SendWithSMTPClient(conn, m); err != nil {
			errs[i] = fmt.Errorf("mail: send through %s: %w", net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)), err)
		}
	}
	return errs
}

// message builds the MIME message: plain text in UTF-8 (quoted-printable),
// dated now, with a Message-ID fixed by the outbox row so that a message sent
// twice (a retry after a lost reply) can be recognized as one.
func (s *SMTP) message(o Outgoing) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP), gomail.WithNoDefaultUserAgent())
	m.FromMailAddress(s.from)
	if err := m.To(o.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", o.To, err)
	}
	m.Subject(o.Subject)
	m.SetDate()
	m.SetMessageIDWithValue(MessageID(o, s.domain))
	m.SetGenHeader(gomail.HeaderContentLang, string(o.Lang))
	m.SetGenHeader("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	m.SetBodyString(gomail.TypeTextPlain, o.Body)
	return m, nil
}

// MessageID is the Message-ID (without angle brackets) of outbox row o.
func MessageID(o Outgoing, domain string) string {
	if domain == "" {
		domain = "localhost"
	}
	return fmt.Sprintf("pathways.%d.%d@%s", o.ID, o.CreatedAt.UnixMilli(), domain)
}
