package rocketmqtest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Request is a request the emulator received, as Server.Requests reports
// it.
type Request struct {
	// Time is when it arrived.
	Time time.Time
	// Method, Path (decoded), EscapedPath (as sent) and RawQuery describe
	// the request line.
	Method      string
	Path        string
	EscapedPath string
	RawQuery    string
	// Query is RawQuery parsed.
	Query url.Values
	// Header is a copy of the request headers (Authorization and
	// X-Auth-Token included: the emulator is a test tool).
	Header http.Header
	// Body is the request body, as sent: an ACL user's secret_key
	// included (the emulator's answers never show it; its request log is
	// for the test that sent it).
	Body []byte
	// Status is the HTTP status answered (0 while in flight, or when the
	// connection was dropped by a fault).
	Status int
	// RequestID is the X-Request-Id answered.
	RequestID string
}

// String renders "METHOD /escaped/path?query".
func (r Request) String() string {
	if r.RawQuery == "" {
		return r.Method + " " + r.EscapedPath
	}
	return r.Method + " " + r.EscapedPath + "?" + r.RawQuery
}

type requestLog struct {
	mu      sync.Mutex
	limit   int
	entries []*Request
}

func (l *requestLog) add(r *http.Request, ex *exchange) *Request {
	e := &Request{
		Time:        ex.start,
		Method:      r.Method,
		Path:        r.URL.Path,
		EscapedPath: r.URL.EscapedPath(),
		RawQuery:    r.URL.RawQuery,
		Query:       r.URL.Query(),
		Header:      r.Header.Clone(),
		Body:        ex.body,
		RequestID:   ex.id,
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.limit <= 0 {
		return e
	}
	if len(l.entries) >= l.limit {
		n := len(l.entries) - l.limit + 1
		copy(l.entries, l.entries[n:])
		for i := len(l.entries) - n; i < len(l.entries); i++ {
			l.entries[i] = nil
		}
		l.entries = l.entries[:len(l.entries)-n]
	}
	l.entries = append(l.entries, e)
	return e
}

func (l *requestLog) finish(e *Request, status int) {
	l.mu.Lock()
	e.Status = status
	l.mu.Unlock()
}

// Requests returns copies of the requests received so far (oldest first,
// at most WithRequestLogLimit of them), optionally only those whose
// "METHOD /path" (path decoded or as sent) starts with one of the given
// prefixes, e.g. "POST /v2/" or "GET /v2/p/instances".
func (s *Server) Requests(prefixes ...string) []Request {
	s.reqlog.mu.Lock()
	defer s.reqlog.mu.Unlock()
	out := make([]Request, 0, len(s.reqlog.entries))
	for _, e := range s.reqlog.entries {
		if len(prefixes) > 0 {
			key := e.Method + " " + e.Path
			keyEsc := e.Method + " " + e.EscapedPath
			ok := false
			for _, p := range prefixes {
				if strings.HasPrefix(key, p) || strings.HasPrefix(keyEsc, p) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, *e)
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.reqlog.mu.Lock()
	s.reqlog.entries = nil
	s.reqlog.mu.Unlock()
}
