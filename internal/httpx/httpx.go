// Package httpx is the core every request of the SDK goes through, API
// calls of the root package and the IAM login of package auth alike: one
// sending http.Client that never follows redirects, bounded body reading,
// URLs redacted in transport errors, and the answer of a status ≥ 300 as a
// *StatusError (which the root package turns into a *rocketmq.APIError).
package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

// Caps of a response body: a success (a guard far above any real answer)
// and an error answer, which is only shortened.
const (
	MaxBody      = 64 << 20
	MaxErrorBody = 1 << 20
)

// ErrTooLarge is returned when a success body exceeds MaxBody (after
// decompression). The root package exports it as ErrResponseTooLarge.
var ErrTooLarge = errors.New("rocketmq: response body too large (over 64 MiB)")

// Sender sends requests through Client, whose redirects must be refused
// (NoRedirect). The zero Sender sends through http.DefaultTransport.
type Sender struct {
	Client *http.Client
	// Logger, when set, receives one debug record per request sent by Do.
	Logger *slog.Logger
	// UserAgent is sent by Do when the request has none.
	UserAgent string
}

// Result is an answer: status, header and the body read (capped).
type Result struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// NoRedirect is the CheckRedirect of every sending client: a redirect would
// carry the credentials to wherever it points.
func NoRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

var defaultClient = &http.Client{CheckRedirect: NoRedirect}

// Send sends req and reads its body: at most MaxBody bytes for a success
// (more is ErrTooLarge) and MaxErrorBody for a status ≥ 300 (more is cut).
// A transport error has its URL redacted. Nothing is logged.
func (s *Sender) Send(req *http.Request) (*Result, error) {
	hc := defaultClient
	if s != nil && s.Client != nil {
		hc = s.Client
	}
	hr, err := hc.Do(req)
	if err != nil {
		if hr != nil {
			_ = hr.Body.Close()
		}
		return nil, redact.Error(err)
	}
	limit := int64(MaxBody)
	if hr.StatusCode >= 300 {
		limit = MaxErrorBody
	}
	body, err := ReadBody(hr.Body, hr.ContentLength, limit)
	_ = hr.Body.Close()
	res := &Result{StatusCode: hr.StatusCode, Header: hr.Header, Body: body}
	if hr.StatusCode >= 300 {
		err = nil // an error body is only shortened (or what arrived of it)
	}
	if err != nil {
		return res, redact.Error(err)
	}
	return res, nil
}

// Do is Send for requests of their own (the IAM login): it sets the user
// agent, logs the request at debug level (path, status, duration, error;
// never a header or body), and returns a *StatusError, its body scrubbed
// of secrets, for a status ≥ 300 (a 3xx included: redirects are refused).
func (s *Sender) Do(req *http.Request, secrets redact.Secrets) (*Result, error) {
	if s != nil && s.UserAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", s.UserAgent)
	}
	start := time.Now()
	res, err := s.Send(req)
	if s != nil && s.Logger != nil && s.Logger.Enabled(req.Context(), slog.LevelDebug) {
		attrs := []slog.Attr{slog.String("method", req.Method), slog.String("path", req.URL.EscapedPath()),
			slog.Duration("duration", time.Since(start))}
		if res != nil {
			attrs = append(attrs, slog.Int("status", res.StatusCode))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", secrets.String(err.Error())))
		}
		s.Logger.LogAttrs(req.Context(), slog.LevelDebug, "rocketmq request", attrs...)
	}
	if err != nil {
		return res, err
	}
	if res.StatusCode >= 300 {
		return res, &StatusError{Method: req.Method, Path: req.URL.EscapedPath(), StatusCode: res.StatusCode,
			Header: res.Header, Body: secrets.ScrubJSON(res.Body), Secrets: secrets}
	}
	return res, nil
}

// StatusError is an answer with status ≥ 300 to a request sent by Do. Body
// has the request's secrets masked (decoded form included); Secrets are
// for the fields decoded from it.
type StatusError struct {
	Method, Path string
	StatusCode   int
	Header       http.Header
	Body         []byte
	Secrets      redact.Secrets
}

func (e *StatusError) Error() string {
	return "rocketmq: " + e.Method + " " + e.Path + ": HTTP " + strconv.Itoa(e.StatusCode) +
		" (" + redact.Shorten(string(e.Body), 200) + ")"
}

type senderKey struct{}

// WithSender returns a context carrying s, for credentials that send
// requests of their own.
func WithSender(ctx context.Context, s *Sender) context.Context {
	return context.WithValue(ctx, senderKey{}, s)
}

// SenderFrom returns the Sender of WithSender, or nil.
func SenderFrom(ctx context.Context) *Sender {
	s, _ := ctx.Value(senderKey{}).(*Sender)
	return s
}

// ReadBody reads at most limit bytes (the bytes read and ErrTooLarge when
// there are more) and drains a little more so the connection can be
// reused. size is the announced Content-Length (-1 when unknown): a body of
// known size up to 1 MiB is read into one exact buffer; otherwise the
// buffer doubles but never beyond limit bytes (one more byte read aside
// tells whether there is more), so reading holds at most about 1.5 times
// the limit at its peak and allocates about twice it in all, whatever the
// sender sends (a decompressed gzip bomb included).
func ReadBody(rc io.Reader, size, limit int64) ([]byte, error) {
	// A zero size is treated as unknown: custom transports (and mocks)
	// often leave ContentLength unset.
	if size > 0 && size <= limit && size <= 1<<20 {
		buf := make([]byte, size)
		n, err := io.ReadFull(rc, buf)
		if err != nil {
			return buf[:n], err // shorter than announced: io.ErrUnexpectedEOF
		}
		_, _ = io.CopyN(io.Discard, rc, 64<<10)
		return buf, nil
	}
	c := int64(4 << 10)
	if size > 0 {
		c = 1 << 20 // announced, not trusted: nothing allocated on a promise
	}
	buf := make([]byte, 0, max(min(c, limit), 1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= limit {
				// At the limit: is there more? One byte tells.
				var one [1]byte
				for {
					n, err := rc.Read(one[:])
					if n > 0 {
						_, _ = io.CopyN(io.Discard, rc, 64<<10)
						return buf[:limit], ErrTooLarge
					}
					if err == io.EOF {
						return buf, nil
					}
					if err != nil {
						return buf, err
					}
				}
			}
			nb := make([]byte, len(buf), min(2*int64(cap(buf)), limit))
			copy(nb, buf)
			buf = nb
		}
		n, err := rc.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
