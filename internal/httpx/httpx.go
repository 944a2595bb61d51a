// Package httpx is the core every request of the SDK goes through, API
// calls of the root package and the IAM login of package auth alike: one
// resty client (github.com/go-resty/resty/v2, the transport) per SDK
// client, sending through one http.Client that never follows redirects;
// signing in resty's pre-request hook, on the request sent; bounded body
// reading, URLs redacted in transport errors, and the answer of a status ≥ 300 as a
// *StatusError (which the root package turns into a *rocketmq.APIError).
package httpx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"

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

// Sender sends requests through one *resty.Client, itself sending through
// the http.Client given to New (whose redirects must be refused:
// NoRedirect). resty's own retries are off (the caller decides), its
// response parsing too (ReadBody reads the body, capped), and its logger
// discards. Each request can be signed in resty's pre-request hook, on the
// *http.Request resty built and is about to send (Request.Sign).
//
// The zero Sender sends through http.DefaultTransport, refusing redirects.
type Sender struct {
	rc *resty.Client
	// Logger, when set, receives one debug record per request sent by Do.
	Logger *slog.Logger
	// UserAgent is sent by Do when the request has none.
	UserAgent string
}

// New returns a Sender sending through hc (nil: http.DefaultTransport, no
// redirects). hc is not modified when it has a Transport; it must refuse
// redirects (CheckRedirect: NoRedirect).
func New(hc *http.Client, logger *slog.Logger, userAgent string) *Sender {
	if hc == nil {
		hc = defaultClient
	}
	return &Sender{rc: newResty(hc), Logger: logger, UserAgent: userAgent}
}

func newResty(hc *http.Client) *resty.Client {
	if hc.Transport == nil {
		// resty would install a transport of its own into hc.
		c := *hc
		c.Transport = http.DefaultTransport
		hc = &c
	}
	rc := resty.NewWithClient(hc)
	rc.SetRetryCount(0)
	rc.SetLogger(discard{})
	rc.SetDisableWarn(true)
	rc.SetDoNotParseResponse(true)
	rc.SetPreRequestHook(preRequest)
	return rc
}

var defaultClient = &http.Client{Transport: http.DefaultTransport, CheckRedirect: NoRedirect}

var (
	defaultOnce  sync.Once
	defaultResty *resty.Client
)

func (s *Sender) resty() *resty.Client {
	if s != nil && s.rc != nil {
		return s.rc
	}
	defaultOnce.Do(func() { defaultResty = newResty(defaultClient) })
	return defaultResty
}

// Request is one request to send.
type Request struct {
	Method string
	// URL is absolute and already escaped (path and query): resty parses
	// it, nothing else does.
	URL string
	// Header is sent as it is (resty sends a copy; Sign receives the copy)
	// and never written to, provided it holds User-Agent, Accept and, with
	// a body, Content-Type (Do sets the first two): resty would add the
	// missing ones to it. So a header can be shared by concurrent requests.
	Header http.Header
	// Body is sent byte for byte; nil sends none.
	Body []byte
	// Sign, when set, is called with the final *http.Request (headers,
	// URL and body as they go on the wire) just before it is sent; an
	// error stops the request (nothing is sent) and is returned by Send
	// as it is.
	Sign Signer

	ctx  signing       // the request's context: Send's, carrying Sign
	sent *http.Request // the request resty built, set by Send
}

// Path is the escaped path of the request as Send sent it ("" when resty
// could not build the request).
func (r *Request) Path() string {
	if r.sent == nil {
		return ""
	}
	return r.sent.URL.EscapedPath()
}

// Signer signs a request in resty's pre-request hook.
type Signer interface {
	Sign(req *http.Request) error
}

// signing is the context of a request sent by Send: the caller's, with the
// request's Signer (nil for none, which hides the Signer of an enclosing
// request: an IAM login sent while an API request is being signed is not
// signed itself). It is held in the Request, so that it costs no
// allocation, and answers Value itself, so that it adds no context layer to
// look through.
type signing struct {
	context.Context
	s Signer
}

type signerKey struct{}

func (c *signing) Value(k any) any {
	if _, ok := k.(signerKey); ok {
		return c.s
	}
	return c.Context.Value(k)
}

// preRequest is resty's pre-request hook. resty calls it holding read
// locks of its hook lists, which nothing changes after newResty: a request
// sent from within Sign (an IAM login) takes them again without waiting.
// It runs after resty's request
// middlewares (URL, headers, body, the *http.Request built) and right
// before the request is handed to the http.Client, so the request signed
// is the request sent.
func preRequest(_ *resty.Client, req *http.Request) error {
	if req.ContentLength == 0 && req.Body != nil && req.Body != http.NoBody {
		// resty replaces a missing body by an empty buffer of unknown
		// length, which net/http would send chunked (or probe): no body
		// is no body.
		req.Body, req.GetBody = http.NoBody, noBody
	}
	if s, _ := req.Context().Value(signerKey{}).(Signer); s != nil {
		return s.Sign(req)
	}
	return nil
}

func noBody() (io.ReadCloser, error) { return http.NoBody, nil }

// discard is resty's logger: the SDK logs for itself (never a header).
type discard struct{}

func (discard) Errorf(string, ...any) {}
func (discard) Warnf(string, ...any)  {}
func (discard) Debugf(string, ...any) {}

// Result is an answer: status, header and the body read (capped). A
// transport error gives the zero Result.
type Result struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// NoRedirect is the CheckRedirect of every sending client: a redirect would
// carry the credentials to wherever it points.
func NoRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// Send sends r, with ctx, and reads the answer's body: at most MaxBody
// bytes for a success (more is ErrTooLarge) and MaxErrorBody for a status ≥
// 300 (more is cut: no error). A transport error has its URL redacted; an error of
// r.Sign is returned as it is. Nothing is logged. r must not be sent twice
// at the same time.
func (s *Sender) Send(ctx context.Context, r *Request) (Result, error) {
	r.ctx = signing{Context: ctx, s: r.Sign}
	rr := s.resty().R()
	rr.SetContext(&r.ctx)
	if r.Header == nil {
		r.Header = make(http.Header, 2)
	}
	rr.Header = r.Header
	if r.Body != nil {
		// A *bytes.Reader goes to http.NewRequest as it is (Content-Length
		// and GetBody set, nothing copied); resty copies a []byte body
		// three times.
		rr.SetBody(bytes.NewReader(r.Body))
	}
	resp, err := rr.Execute(r.Method, r.URL)
	var hr *http.Response
	if resp != nil {
		hr = resp.RawResponse
		r.sent = resp.Request.RawRequest
	}
	if err != nil {
		if hr != nil {
			_ = hr.Body.Close()
		}
		return Result{}, redact.Error(err)
	}
	limit := int64(MaxBody)
	if hr.StatusCode >= 300 {
		limit = MaxErrorBody
	}
	body, err := ReadBody(hr.Body, hr.ContentLength, limit)
	_ = hr.Body.Close()
	res := Result{StatusCode: hr.StatusCode, Header: hr.Header, Body: body}
	if hr.StatusCode >= 300 {
		err = nil // an error body is only shortened (or what arrived of it)
	}
	if err != nil {
		return res, redact.Error(err)
	}
	return res, nil
}

// Do is Send for requests of their own (the IAM login, never signed): it
// sets the user agent and Accept (application/json) when r has none, logs
// the request at debug level (path, status, duration, error; never a
// header or body), and returns a *StatusError, its body scrubbed of
// secrets, for a status ≥ 300 (a 3xx included: redirects are refused).
func (s *Sender) Do(ctx context.Context, r *Request, secrets redact.Secrets) (Result, error) {
	if r.Header == nil {
		r.Header = make(http.Header, 3)
	}
	if _, ok := r.Header["User-Agent"]; !ok {
		ua := "rocketmq-go"
		if s != nil && s.UserAgent != "" {
			ua = s.UserAgent
		}
		r.Header["User-Agent"] = []string{ua}
	}
	if _, ok := r.Header["Accept"]; !ok {
		r.Header["Accept"] = []string{"application/json"}
	}
	start := time.Now()
	res, err := s.Send(ctx, r)
	path := r.Path()
	if s != nil && s.Logger != nil && s.Logger.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", path),
			slog.Duration("duration", time.Since(start))}
		if res.StatusCode != 0 {
			attrs = append(attrs, slog.Int("status", res.StatusCode))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", secrets.String(err.Error())))
		}
		s.Logger.LogAttrs(ctx, slog.LevelDebug, "rocketmq request", attrs...)
	}
	if err != nil {
		return res, err
	}
	if res.StatusCode >= 300 {
		return res, &StatusError{Method: r.Method, Path: path, StatusCode: res.StatusCode,
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
		buf := make([]byte, size, size+1)
		n, err := io.ReadFull(rc, buf)
		if err != nil {
			return buf[:n], err // shorter than announced: io.ErrUnexpectedEOF
		}
		// One more read, into the spare byte, sees the end; anything
		// beyond what was announced is drained.
		if m, err := rc.Read(buf[size : size+1]); m > 0 || err == nil {
			_, _ = io.CopyN(io.Discard, rc, 64<<10)
		}
		return buf[:size:size], nil
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
