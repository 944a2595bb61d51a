package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

// Password is an IAM user's password login, scoped to one project (by
// ProjectID, or by ProjectName, which is usually the region name such as
// "cn-north-4"). Username, Password, DomainName and one of ProjectName and
// ProjectID are required. IAMEndpoint defaults to the client's IAM
// endpoint.
type Password struct {
	// IAMEndpoint is the IAM service, e.g. "https://iam.cn-north-4.myhuaweicloud.com";
	// empty means the client's (rocketmq.WithIAMEndpoint or the region's).
	IAMEndpoint string
	// Username is the IAM user's name.
	Username string
	// Password is the IAM user's password; it is sent only to IAM.
	Password string
	// DomainName is the account (domain) the user belongs to.
	DomainName string
	// ProjectName and ProjectID scope the token to a project: by name
	// (usually the region, e.g. "cn-north-4") or by ID, which wins when
	// both are set.
	ProjectName string
	ProjectID   string
}

// String redacts the password.
func (p Password) String() string {
	return fmt.Sprintf("auth.Password{IAMEndpoint: %q, Username: %q, Password: %s, DomainName: %q, ProjectName: %q, ProjectID: %q}",
		p.IAMEndpoint, p.Username, mask(p.Password), p.DomainName, p.ProjectName, p.ProjectID)
}

// GoString redacts the password under %#v.
func (p Password) GoString() string { return p.String() }

// Format makes every verb print the redacted form.
func (p Password) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(p.String())) }

// LogValue makes log/slog log the redacted form.
func (p Password) LogValue() slog.Value { return slog.StringValue(p.String()) }

// PasswordCredentials exchange a Password for a project-scoped IAM token
// (POST {iam}/v3/auth/tokens, token in the X-Subject-Token header), cache it,
// and refresh it shortly before it expires (a token without expires_at is
// taken to live 24 hours). Concurrent callers share one login, which is not
// cancelled by any one caller's context and is bounded by one minute. Redirects
// are never followed. Safe for concurrent use.
//
// A login that IAM refuses (HTTP 401 or 403) is remembered: later calls
// return ErrPasswordRefused without asking IAM again until Invalidate.
// When the service refuses a token with 401, the client calls Reject and
// logs in again once.
type PasswordCredentials struct {
	p Password

	// RefreshBefore is how long before expires_at the token is renewed
	// (0: 5 minutes), never more than half the token's lifetime. Set it
	// before first use.
	RefreshBefore time.Duration

	mu        sync.Mutex
	token     string
	projectID string
	expires   time.Time
	refreshAt time.Time
	inflight  *fetchCall
	// refused is IAM's refusal of the password, returned without asking
	// IAM again (repeated failed logins lock an IAM user).
	refused error
	// gen counts Invalidate calls: a refusal that arrives after one is
	// not remembered.
	gen uint64
	now func() time.Time
}

// ErrPasswordRefused is matched (errors.Is) by the error of a login that
// IAM refused (HTTP 401 or 403). The credentials then return it without
// asking IAM again, since repeated failed logins lock the user, until
// Invalidate is called.
var ErrPasswordRefused = errors.New("auth: IAM refused the password login")

type fetchCall struct {
	done chan struct{}
	err  error
}

// NewPasswordCredentials returns credentials that log in with p. Nothing is
// sent until the first request (or project ID discovery) needs a token.
func NewPasswordCredentials(p Password) *PasswordCredentials {
	return &PasswordCredentials{p: p, now: time.Now}
}

// String redacts the password and the token.
func (c *PasswordCredentials) String() string {
	if c == nil {
		return "auth.PasswordCredentials(nil)"
	}
	return "auth.PasswordCredentials{" + c.p.String() + "}"
}

// GoString redacts under %#v.
func (c *PasswordCredentials) GoString() string { return c.String() }

// Format makes every verb print the redacted form.
func (c *PasswordCredentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue makes log/slog log the redacted form.
func (c *PasswordCredentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Authorize implements Credentials: it sets X-Auth-Token, logging in first
// when there is no token or it is due for refresh. It needs an IAM endpoint:
// Password.IAMEndpoint, or the client's (through Env).
func (c *PasswordCredentials) Authorize(ctx context.Context, req *http.Request, _ []byte) error {
	tok, _, err := c.current(ctx)
	if err != nil {
		return err
	}
	req.Header[HeaderAuthToken] = []string{tok}
	return nil
}

// ProjectID returns the ID of the project the token is scoped to (as IAM
// answered it, else Password.ProjectID), logging in first when needed. The
// client uses it when no project ID was given.
func (c *PasswordCredentials) ProjectID(ctx context.Context) (string, error) {
	_, pid, err := c.current(ctx)
	return pid, err
}

// Invalidate drops the cached token, and a cached refusal of the password,
// so that the next call logs in again.
func (c *PasswordCredentials) Invalidate() {
	c.mu.Lock()
	c.token, c.expires, c.refreshAt = "", time.Time{}, time.Time{}
	c.refused = nil
	c.gen++
	c.mu.Unlock()
}

// Reject drops the cached token if it is token, which the service refused
// (HTTP 401), so that the next call logs in again. A token already
// replaced by a newer one is left alone: concurrent callers that were all
// refused the same token cause one new login, not one each.
func (c *PasswordCredentials) Reject(token string) {
	c.mu.Lock()
	if token != "" && c.token == token {
		c.token, c.expires, c.refreshAt = "", time.Time{}, time.Time{}
	}
	c.mu.Unlock()
}

func (c *PasswordCredentials) current(ctx context.Context) (token, projectID string, err error) {
	for {
		c.mu.Lock()
		if c.token != "" && c.now().Before(c.refreshAt) {
			token, projectID = c.token, c.projectID
			c.mu.Unlock()
			return token, projectID, nil
		}
		if c.refused != nil {
			err := c.refused
			c.mu.Unlock()
			return "", "", err
		}
		call := c.inflight
		if call == nil {
			call = &fetchCall{done: make(chan struct{})}
			c.inflight = call
			// The fetch outlives any one caller's cancellation: it is shared.
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
			gen := c.gen
			go func() {
				defer cancel()
				err := c.fetch(fctx)
				c.mu.Lock()
				call.err = err
				if errors.Is(err, ErrPasswordRefused) && c.gen == gen {
					c.refused = err
				}
				c.inflight = nil
				c.mu.Unlock()
				close(call.done)
			}()
		}
		c.mu.Unlock()
		select {
		case <-ctx.Done():
			return "", "", ctx.Err()
		case <-call.done:
		}
		if call.err != nil {
			return "", "", call.err
		}
		// Use what the fetch brought even if it is already inside the
		// refresh window (or expired): looping would log in forever.
		c.mu.Lock()
		token, projectID = c.token, c.projectID
		c.mu.Unlock()
		if token != "" {
			return token, projectID, nil
		}
	}
}

type tokenRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   struct {
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope struct {
			Project struct {
				ID   string `json:"id,omitempty"`
				Name string `json:"name,omitempty"`
			} `json:"project"`
		} `json:"scope"`
	} `json:"auth"`
}

type tokenResponse struct {
	Token struct {
		ExpiresAt time.Time `json:"expires_at"`
		Project   struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"project"`
	} `json:"token"`
}

func (c *PasswordCredentials) fetch(ctx context.Context) error {
	p := c.p
	if p.Username == "" || p.Password == "" || p.DomainName == "" {
		return errors.New("auth: password credentials need Username, Password and DomainName")
	}
	if p.ProjectName == "" && p.ProjectID == "" {
		return errors.New("auth: password credentials need a ProjectName (the region, e.g. cn-north-4) or a ProjectID for the token's scope")
	}
	env, _ := EnvFrom(ctx)
	endpoint := p.IAMEndpoint
	if endpoint == "" {
		endpoint = env.IAMEndpoint
	}
	if endpoint == "" {
		return errors.New("auth: password credentials need an IAM endpoint (Password.IAMEndpoint, or a client region)")
	}
	// The client's request core (httpx): the same sending client (never
	// following a redirect with the password in the body), caps, URL
	// redaction and logging as the API calls; a refusal is a
	// *httpx.StatusError the client reports as a *rocketmq.APIError.
	sender := httpx.SenderFrom(ctx)
	if sender == nil {
		// Outside a client: env's HTTP client, never following a redirect.
		var hc *http.Client
		if env.HTTPClient != nil {
			noRedirect := *env.HTTPClient
			noRedirect.CheckRedirect = httpx.NoRedirect
			hc = &noRedirect
		}
		sender = httpx.New(hc, nil, "")
	}
	var body tokenRequest
	body.Auth.Identity.Methods = []string{"password"}
	body.Auth.Identity.Password.User.Name = p.Username
	body.Auth.Identity.Password.User.Password = p.Password
	body.Auth.Identity.Password.User.Domain.Name = p.DomainName
	if p.ProjectID != "" {
		body.Auth.Scope.Project.ID = p.ProjectID
	} else {
		body.Auth.Scope.Project.Name = p.ProjectName
	}
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	base, err := url.Parse(endpoint)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.User != nil {
		return fmt.Errorf("auth: IAM endpoint %q: want an absolute http(s) URL without user info", redact.URLString(endpoint))
	}
	u := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: strings.TrimRight(base.Path, "/") + "/v3/auth/tokens"}
	req := &httpx.Request{Method: http.MethodPost, URL: u.String(), Body: b,
		Header: http.Header{"Content-Type": {"application/json;charset=utf8"}}}
	secrets := redact.Secrets(nil).Add(p.Password)
	resp, err := sender.Do(ctx, req, secrets)
	var se *httpx.StatusError
	if errors.As(err, &se) {
		msg := iamMessage(se.Body, secrets)
		if se.StatusCode == http.StatusUnauthorized || se.StatusCode == http.StatusForbidden {
			return &loginError{msg: fmt.Sprintf("%v of user %q in domain %q (HTTP %d: %s); not tried again until Invalidate", ErrPasswordRefused, p.Username, p.DomainName, se.StatusCode, msg),
				errs: []error{ErrPasswordRefused, se}}
		}
		return &loginError{msg: fmt.Sprintf("auth: IAM token request failed (HTTP %d: %s)", se.StatusCode, msg), errs: []error{se}}
	}
	if err != nil {
		return fmt.Errorf("auth: IAM token request: %w", err)
	}
	data := resp.Body
	tok := resp.Header.Get(HeaderSubjectToken)
	if tok == "" {
		return errors.New("auth: IAM answered without an X-Subject-Token header")
	}
	var tr tokenResponse
	_ = json.Unmarshal(data, &tr)
	now := c.now()
	exp := tr.Token.ExpiresAt
	if exp.IsZero() {
		exp = now.Add(24 * time.Hour)
	}
	before := c.RefreshBefore
	if before <= 0 {
		before = 5 * time.Minute
	}
	if life := exp.Sub(now); before > life/2 {
		before = life / 2
	}
	pid := tr.Token.Project.ID
	if pid == "" {
		pid = p.ProjectID
	}
	c.mu.Lock()
	c.token, c.projectID, c.expires, c.refreshAt = tok, pid, exp, exp.Add(-before)
	c.mu.Unlock()
	return nil
}

// loginError is a login IAM answered with status ≥ 300: it unwraps to the
// answer (which the client reports as a *rocketmq.APIError) and, for a
// refusal, ErrPasswordRefused.
type loginError struct {
	msg  string
	errs []error
}

func (e *loginError) Error() string   { return e.msg }
func (e *loginError) Unwrap() []error { return e.errs }

// iamMessage extracts a short message from an IAM error body (already
// scrubbed), masking secrets in its decoded form before shortening it.
func iamMessage(data []byte, secrets redact.Secrets) string {
	var e struct {
		Error struct {
			Code    any    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		ErrorMsg string `json:"error_msg"`
	}
	s := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &e) == nil {
		if e.Error.Message != "" {
			s = e.Error.Message
		} else if e.ErrorMsg != "" {
			s = e.ErrorMsg
		}
	}
	return redact.Shorten(secrets.String(s), 200)
}
