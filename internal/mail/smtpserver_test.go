package mail_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as it reached the test SMTP server.
type received struct {
	From string
	To   []string
	Data []byte
	TLS  bool   // the session was encrypted
	User string // the authenticated user, if any
}

// smtpServer is a real SMTP server on 127.0.0.1 that keeps what it receives.
type smtpServer struct {
	Addr string
	srv  *smtp.Server
	// Users, when set, is the only accepted user/password pairs (PLAIN, only over TLS).
	users map[string]string

	mu   sync.Mutex
	msgs []received
}

type serverOpts struct {
	tls   *tls.Config       // offer STARTTLS with this certificate
	users map[string]string // require authentication
	addr  string            // listen here (default 127.0.0.1:0)
	// implicit serves TLS from the first byte (smtps) with the tls certificate.
	implicit bool
}

// startSMTPS starts a server speaking TLS from the first byte.
func startSMTPS(t *testing.T, conf *tls.Config) *smtpServer {
	return startSMTP(t, serverOpts{tls: conf, implicit: true})
}

func startSMTP(t *testing.T, o serverOpts) *smtpServer {
	t.Helper()
	if o.addr == "" {
		o.addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{Addr: ln.Addr().String(), users: o.users}
	if o.implicit {
		ln = tls.NewListener(ln, o.tls)
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, c: c}, nil
	}))
	s.srv.Domain = "mx.test"
	if !o.implicit {
		s.srv.TLSConfig = o.tls // offer STARTTLS
	}
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	go s.srv.Serve(ln)
	t.Cleanup(s.Close)
	return s
}

// Close stops the server (idempotent).
func (s *smtpServer) Close() { s.srv.Close() }

// Messages returns what arrived so far.
func (s *smtpServer) Messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

type session struct {
	s    *smtpServer
	c    *smtp.Conn
	user string
	from string
	to   []string
}

func (x *session) AuthMechanisms() []string {
	if x.s.users == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if want, ok := x.s.users[user]; !ok || want != pass {
			return errors.New("invalid credentials")
		}
		x.user = user
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.users != nil && x.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := x.c.TLSConnectionState()
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, received{From: x.from, To: x.to, Data: b, TLS: isTLS, User: x.user})
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// selfSigned returns a server certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Pathways test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}, MinVersion: tls.VersionTLS12}, pool
}

// freeAddr returns a local address nothing listens on (a server that is down).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
