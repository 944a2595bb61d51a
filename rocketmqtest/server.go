package rocketmqtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// DefaultProjectID is the project ID of a server made without WithProjectID
// (the reference's own example value).
const DefaultProjectID = "0b01fbb53600d4671fa8c00673c71260"

// DefaultRegion is the region (and name of the default project) of a server
// made without WithRegion.
const DefaultRegion = "cn-north-4"

// Default lifecycle delays: how long an instance stays CREATING, and how
// long DELETING before it is gone.
const (
	DefaultCreateDelay = 50 * time.Millisecond
	DefaultDeleteDelay = 50 * time.Millisecond
)

// maxRequestBody bounds what the emulator reads from a request body.
const maxRequestBody = 16 << 20

// Server is an in-process emulator of the DMS for RocketMQ API (and of the
// few IAM endpoints its clients need). It is safe for concurrent use.
type Server struct {
	cfg  config
	ts   *httptest.Server
	url  string
	main *http.ServeMux
	eng  *http.ServeMux

	// mu guards the emulated state below.
	mu       sync.Mutex
	projects map[string]*project
	projList []*project
	tokens   map[string]*token
	seq      int64

	faults faultSet
	reqlog requestLog

	closeOnce sync.Once
}

// NewServer starts an emulator listening on a loopback address (or on the
// address given by WithAddr). Close it when done.
func NewServer(opts ...Option) *Server {
	s, err := newServer(opts...)
	if err != nil {
		panic("rocketmqtest: " + err.Error())
	}
	return s
}

// Start is NewServer returning an error instead of panicking (for example
// when WithAddr names an address that is in use, or a seed is invalid).
func Start(opts ...Option) (*Server, error) {
	return newServer(opts...)
}

func newServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		projects: make(map[string]*project),
		tokens:   make(map[string]*token),
	}
	s.reqlog.limit = cfg.requestLogLimit
	for _, p := range cfg.projects {
		if _, dup := s.projects[p.ID]; dup {
			continue
		}
		pr := &project{id: p.ID, name: p.Name, instances: make(map[string]*instance)}
		s.projects[p.ID] = pr
		s.projList = append(s.projList, pr)
	}
	s.routes()
	for _, seed := range cfg.seeds {
		if _, err := s.AddInstance(seed); err != nil {
			return nil, fmt.Errorf("seeding instance %q: %w", seed.Name, err)
		}
	}
	ts := httptest.NewUnstartedServer(s)
	if cfg.addr != "" {
		l, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			return nil, fmt.Errorf("listening on %s: %w", cfg.addr, err)
		}
		_ = ts.Listener.Close()
		ts.Listener = l
	}
	if cfg.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	s.ts = ts
	s.url = ts.URL
	return s, nil
}

// URL returns the base URL of the emulator, e.g. "http://127.0.0.1:41235".
// It is both the DMS endpoint and the IAM endpoint.
func (s *Server) URL() string { return s.url }

// ProjectID returns the ID of the server's default project.
func (s *Server) ProjectID() string { return s.cfg.projects[0].ID }

// Region returns the region, which is also the name of the default project
// (what IAM project discovery looks up).
func (s *Server) Region() string { return s.cfg.projects[0].Name }

// Credentials returns the AK/SK the emulator accepts.
func (s *Server) Credentials() auth.AKSK { return s.cfg.creds }

// Password returns the password login of the emulator's default IAM user,
// scoped to the default project by name, with the emulator as IAM endpoint:
// ready for auth.NewPasswordCredentials.
func (s *Server) Password() auth.Password {
	u := s.cfg.iamUsers[0]
	return auth.Password{
		IAMEndpoint: s.url,
		Username:    u.Name,
		Password:    u.Password,
		DomainName:  u.Domain,
		ProjectName: s.Region(),
	}
}

// HTTPClient returns an *http.Client that reaches the emulator (it trusts
// the emulator's certificate when WithTLS is used).
func (s *Server) HTTPClient() *http.Client {
	if s.ts == nil {
		return &http.Client{}
	}
	return s.ts.Client()
}

// Handler returns the emulator as an http.Handler, to mount it in another
// server as well (URL and Client keep pointing at the emulator's own
// listener).
func (s *Server) Handler() http.Handler { return s }

// Client returns a rocketmq.Client wired to the emulator: its endpoint (also
// as IAM endpoint), region, project ID, AK/SK credentials and HTTP client,
// and a fast retry back-off (5ms to 100ms) so that tests of retries run
// quickly. opts are applied last: they override any of these, e.g.
// rocketmq.WithCredentials(auth.NewPasswordCredentials(srv.Password())).
func (s *Server) Client(opts ...rocketmq.Option) (*rocketmq.Client, error) {
	base := []rocketmq.Option{
		rocketmq.WithEndpoint(s.url),
		rocketmq.WithRegion(s.Region()),
		rocketmq.WithIAMEndpoint(s.url),
		rocketmq.WithProjectID(s.ProjectID()),
		rocketmq.WithCredentials(s.Credentials()),
		rocketmq.WithHTTPClient(s.HTTPClient()),
		rocketmq.WithRetry(rocketmq.RetryPolicy{MinBackoff: 5 * time.Millisecond, MaxBackoff: 100 * time.Millisecond}),
	}
	return rocketmq.NewClient(append(base, opts...)...)
}

// Close shuts the emulator down. It blocks until outstanding requests end.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		if s.ts != nil {
			s.ts.Close()
		}
	})
}

// now returns the emulator's clock.
func (s *Server) now() time.Time { return s.cfg.clock() }

// exchange is what the front of the pipeline hands to the routed handlers.
type exchange struct {
	id    string
	body  []byte
	start time.Time
}

type exchangeKey struct{}

// ServeHTTP implements http.Handler: request ID, request log, faults,
// routing; authentication happens in the routed handlers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{id: newRequestID(), start: time.Now()}
	w.Header().Set("X-Request-Id", ex.id)

	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	_ = r.Body.Close()
	ex.body = body
	entry := s.reqlog.add(r, ex)
	rec := &statusWriter{ResponseWriter: w}
	defer func() {
		s.reqlog.finish(entry, rec.status)
		s.logRequest(r, ex, rec.status)
	}()
	if err != nil {
		writeError(rec, ex.id, errBadRequestBody("the request body could not be read"))
		return
	}
	if len(body) > maxRequestBody {
		writeError(rec, ex.id, &apiError{status: http.StatusRequestEntityTooLarge, code: "APIGW.0201", msg: "Request body too large."})
		return
	}

	if f, ok := s.faults.take(r); ok {
		if !s.applyFault(rec, r, ex, f) {
			return
		}
	}

	r = r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex))
	if isEnginePath(r.URL.EscapedPath()) {
		s.eng.ServeHTTP(rec, r)
		return
	}
	s.main.ServeHTTP(rec, r)
}

// isEnginePath reports whether p has the shape
// /v2/{engine}/{project_id}/instances/…, which the reference uses for a few
// operations next to the /v2/{project_id}/instances/… ones. The two shapes
// cannot share one ServeMux (their patterns conflict), so they are routed
// by this test to two.
func isEnginePath(p string) bool {
	segs := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 6)
	return len(segs) >= 5 && segs[0] == "v2" && segs[3] == "instances" && segs[2] != "instances" && segs[2] != "rocketmq"
}

func (s *Server) logRequest(r *http.Request, ex *exchange, status int) {
	l := s.cfg.logger
	if l == nil {
		return
	}
	l.LogAttrs(r.Context(), slog.LevelInfo, "rocketmqtest request",
		slog.String("method", r.Method),
		slog.String("path", r.URL.EscapedPath()),
		slog.String("query", r.URL.RawQuery),
		slog.Int("status", status),
		slog.String("request_id", ex.id),
		slog.Duration("duration", time.Since(ex.start)),
	)
}

// statusWriter records the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// result is what an API handler answers.
type result struct {
	status int
	body   any    // JSON-encoded when non-nil
	raw    []byte // written as is when body is nil
	ctype  string
	err    *apiError
}

func okJSON(v any) result       { return result{status: http.StatusOK, body: v} }
func noContent() result         { return result{status: http.StatusNoContent} }
func failed(e *apiError) result { return result{err: e} }
func plainText(s string) result {
	return result{status: http.StatusOK, raw: []byte(s), ctype: "text/plain;charset=UTF-8"}
}
func statusOnly(status int) result    { return result{status: status} }
func jsonStatus(st int, v any) result { return result{status: st, body: v} }

func writeResult(w http.ResponseWriter, reqID string, res result) {
	if res.err != nil {
		writeError(w, reqID, res.err)
		return
	}
	switch {
	case res.body != nil:
		b, err := json.Marshal(res.body)
		if err != nil {
			writeError(w, reqID, &apiError{status: 500, code: "DMS.00500000", msg: "Internal service error."})
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(res.status)
		_, _ = w.Write(b)
	case res.raw != nil:
		ct := res.ctype
		if ct == "" {
			ct = "application/json;charset=UTF-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(res.status)
		_, _ = w.Write(res.raw)
	default:
		w.WriteHeader(res.status)
	}
}

// errorDoc is the service's error body.
type errorDoc struct {
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	RequestID string `json:"request_id,omitempty"`
}

func writeError(w http.ResponseWriter, reqID string, e *apiError) {
	doc := errorDoc{ErrorCode: e.code, ErrorMsg: e.msg}
	if strings.HasPrefix(e.code, "APIGW.") {
		doc.RequestID = reqID
	}
	var b []byte
	if e.rawBody != nil {
		b = e.rawBody
	} else {
		b, _ = json.Marshal(doc)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	if e.retryAfter != "" {
		w.Header().Set("Retry-After", e.retryAfter)
	}
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newJobID returns a 32-hex-digit job ID like the reference's.
func newJobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
