package rocketmq

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

// jsonType is the shared value of Accept and of a JSON Content-Type.
var jsonType = []string{"application/json"}

var errAttemptTimeout = errors.New("rocketmq: attempt timed out (WithTimeout)")

var errAuthorize = errors.New("rocketmq: authorizing the request")

// attempt sends one attempt. It returns a Response when one arrived, an
// *APIError for statuses ≥ 300, or a transport error, and the header sent
// (nil when nothing was).
//
// The request is built by resty (the transport, through c.core) from the
// call's URL, header and body, and authorized (signed) in resty's
// pre-request hook, on the *http.Request resty is about to send: the
// request signed is the request sent, its headers (WithHeader's, User-Agent
// and Accept included) and body as they go on the wire.
func (c *Client) attempt(ctx context.Context, p *prepared, n int) (*Response, *APIError, http.Header, error) {
	actx := ctx
	timeout := c.timeout
	if p.call.hasTimeo {
		timeout = p.call.timeout
	}
	if timeout > 0 {
		// A caller's deadline that comes first already bounds the attempt.
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > timeout {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
	}
	a := &p.first
	if n > 1 {
		// A new one: the transport may still hold the previous attempt's
		// request (and context) for a moment.
		a = new(attemptState)
	}
	*a = attemptState{c: c, p: p}
	a.req = httpx.Request{Method: p.method, URL: p.url, Header: p.header(c), Body: p.body, Sign: a}
	start := time.Now()
	res, err := c.core.Send(actx, &a.req)
	if a.authErr != nil {
		// Nothing was sent.
		if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		}
		if errors.Is(a.authErr, auth.ErrBodyTooLarge) {
			return nil, nil, nil, a.authErr
		}
		return nil, nil, nil, authorizeError(a.authErr)
	}
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("%w: %w", errAttemptTimeout, err)
		}
		status := 0
		if res.StatusCode != 0 {
			status = res.StatusCode
			if !errors.Is(err, ErrResponseTooLarge) {
				err = fmt.Errorf("rocketmq: reading the response: %w", err)
			}
		}
		c.logAttempt(ctx, p, n, status, "", time.Since(start), err)
		return nil, nil, nil, err
	}
	h := a.sent
	status, body := res.StatusCode, res.Body
	hdr := res.Header
	resp := &Response{StatusCode: status, Header: hdr, RequestID: hdr.Get("X-Request-Id"), Body: body, Attempts: n}
	if status < 300 {
		if !plainID(resp.RequestID) {
			// Request IDs are hex (or UUIDs): anything else may echo a
			// credential.
			resp.RequestID = c.secrets(p, h).String(resp.RequestID)
		}
		c.logAttempt(ctx, p, n, status, resp.RequestID, time.Since(start), nil)
		return resp, nil, h, nil
	}
	// A gateway may echo a credential header (or a secret of the request
	// body or query) into its error: never let one reach an error message
	// (Response.Body stays raw). Every field is scrubbed after decoding and
	// before any shortening.
	sec := c.secrets(p, h)
	e := newAPIError(status, hdr, sec.ScrubJSON(body))
	e.Code = sec.String(e.Code)
	e.Message = sec.String(e.Message)
	e.RequestID = sec.String(e.RequestID)
	e.RetryAfter = sec.String(e.RetryAfter)
	if status < 400 {
		// Redirects are not followed: they would carry the credentials to
		// wherever they point.
		e.Message = "unexpected redirect (not followed)"
		if loc := hdr.Get("Location"); loc != "" {
			e.Message += " to " + snippet(sec.URL(loc))
		}
	}
	e.Method, e.Path, e.Action = p.method, p.logPath, p.action
	resp.RequestID = sec.String(resp.RequestID)
	if resp.RequestID == "" {
		resp.RequestID = e.RequestID
	}
	c.logAttempt(ctx, p, n, status, resp.RequestID, time.Since(start), nil)
	return resp, e, h, nil
}

// attemptState is one attempt: the request handed to the core, and what
// signing it gave (the one allocation of an attempt beside resty's own).
type attemptState struct {
	req     httpx.Request
	c       *Client
	p       *prepared
	sent    http.Header // the header signed and sent
	authErr error
}

// Sign authorizes the request resty built, in its pre-request hook: the
// credentials see the final URL, every header sent and the body's bytes.
func (a *attemptState) Sign(req *http.Request) error {
	ctx := req.Context()
	if a.c.needsEnv {
		ctx = a.c.authContext(ctx)
	}
	if err := a.c.creds.Authorize(ctx, req, a.p.body); err != nil {
		a.authErr = err
		return err
	}
	a.sent = req.Header
	return nil
}

// header returns the header of every attempt of p: the call's WithHeader
// headers, Content-Type, X-Project-Id, User-Agent and Accept. resty sends a
// copy of it (the credentials sign the copy) and never writes to it (it
// would only add a User-Agent, an Accept or a Content-Type, which are
// always there), so a call without WithHeader headers shares the client's.
func (p *prepared) header(c *Client) http.Header {
	if p.hdr != nil {
		return p.hdr
	}
	if len(p.call.header) == 0 && (p.contentType == "" || p.contentType == jsonType[0]) {
		b := c.baseHdr.Load()
		if b == nil || b.pid != p.projectID {
			b = &baseHeaders{pid: p.projectID, plain: c.newHeader(p.projectID, "", nil),
				json: c.newHeader(p.projectID, jsonType[0], nil)}
			c.baseHdr.Store(b)
		}
		p.hdr = b.plain
		if p.contentType != "" {
			p.hdr = b.json
		}
		return p.hdr
	}
	p.hdr = c.newHeader(p.projectID, p.contentType, p.call.header)
	return p.hdr
}

// baseHeaders are the headers of the calls without WithHeader headers, for
// one project ID (the client's): read-only, shared.
type baseHeaders struct {
	pid         string
	plain, json http.Header // without and with a JSON Content-Type
}

// newHeader builds a request header. Values are shared, read-only slices
// where they can be.
func (c *Client) newHeader(pid, contentType string, extra http.Header) http.Header {
	h := make(http.Header, 4+len(extra))
	for k, vs := range extra {
		h[k] = vs
	}
	if contentType == jsonType[0] {
		h["Content-Type"] = jsonType
	} else if contentType != "" {
		h["Content-Type"] = []string{contentType}
	}
	if pid != "" {
		h[auth.HeaderProjectID] = []string{pid}
	}
	h["User-Agent"] = c.uaHeader
	h["Accept"] = jsonType
	return h
}

// secrets returns what the request carried that an answer must never show:
// the token headers, and the values of the body's and the query's secret
// keys.
func (c *Client) secrets(p *prepared, h http.Header) redact.Secrets {
	var s redact.Secrets
	s = s.Add(firstValue(h[auth.HeaderAuthToken]), firstValue(h[auth.HeaderSecurityToken]))
	s = s.Add(redact.BodySecrets(p.body)...)
	// The query's keys are read in place; only a secret key's value is
	// unescaped.
	for q := p.query; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		k, v, _ := strings.Cut(pair, "=")
		if strings.ContainsAny(k, "%+") {
			if uk, err := url.QueryUnescape(k); err == nil {
				k = uk
			}
		}
		if redact.IsSecretKey(k) {
			if uv, err := url.QueryUnescape(v); err == nil {
				v = uv
			}
			s = s.Add(v)
		}
	}
	return s
}

// plainID reports an ID made of hex digits and dashes only.
func plainID(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F' || ch == '-') {
			return false
		}
	}
	return true
}

func firstValue(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// tokenRejecter is implemented by credentials that can replace a token the
// service refused (auth.PasswordCredentials).
type tokenRejecter interface {
	Reject(token string)
}
