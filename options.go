package rocketmq

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// Option configures a Client.
type Option func(*config)

type config struct {
	endpoint    string
	region      string
	projectID   string
	creds       auth.Credentials
	engine      string
	httpClient  *http.Client
	timeout     time.Duration
	retry       RetryPolicy
	userAgent   string
	logger      *slog.Logger
	iamEndpoint string
}

// WithEndpoint sets the service endpoint, e.g.
// "https://dms.cn-north-4.myhuaweicloud.com" or an emulator URL: an absolute
// http(s) URL, which may carry a base path (a query or fragment is
// dropped) but no user info ("user:pass@" is refused with
// ErrInvalidEndpoint). It wins over WithRegion for the endpoint; the region
// still names the project for discovery and the IAM endpoint. Scheme, host
// and port of every request come from it alone.
func WithEndpoint(endpoint string) Option {
	return func(c *config) { c.endpoint = strings.TrimRight(strings.TrimSpace(endpoint), "/") }
}

// WithRegion sets the region, e.g. "cn-north-4". Without WithEndpoint the
// endpoint is https://dms.{region}.myhuaweicloud.com ("eu-west-101" uses
// .myhuaweicloud.eu). Any name of letters, digits, '-' and '_' is accepted:
// there is no allow-list.
func WithRegion(region string) Option {
	return func(c *config) { c.region = strings.TrimSpace(region) }
}

// WithProjectID sets the project ID used in paths and X-Project-Id. Without
// it, the first call that needs it discovers the ID once: from the token of
// *auth.PasswordCredentials, else through IAM
// (GET {iam}/v3/projects?name={region}), which needs a region. A failed
// discovery is tried again by the next call. NewClient refuses ".", ".."
// (ErrInvalidProjectID) and control characters (ErrInvalidHeaderValue).
func WithProjectID(id string) Option {
	return func(c *config) { c.projectID = strings.TrimSpace(id) }
}

// WithCredentials sets how requests are authorized: auth.AKSK, auth.Token or
// *auth.PasswordCredentials (or any auth.Credentials). Required.
func WithCredentials(creds auth.Credentials) Option {
	return func(c *config) { c.creds = creds }
}

// WithEngine sets the engine used for the {engine} path segment and the
// engine query parameters; default DefaultEngine ("reliability"). NewClient
// refuses ".", ".." and control characters (ErrInvalidEngine).
func WithEngine(engine string) Option {
	return func(c *config) { c.engine = strings.TrimSpace(engine) }
}

// WithHTTPClient sets the HTTP client used for every request, IAM calls
// included. It is never modified: its Transport is looked up at every
// request (so a mock installed in it later, e.g. by
// httpmock.ActivateNonDefault, takes effect; nil means
// http.DefaultTransport), its Jar and Timeout apply, and its CheckRedirect
// is ignored: redirects are never followed.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) { c.httpClient = hc }
}

// WithTimeout bounds each attempt (not the whole call with its retries; use
// the context for that); default DefaultTimeout, 60s. Zero means no
// per-attempt timeout, a negative value the default. No per-attempt timeout
// is created when the context's deadline comes first. An attempt that times
// out is a transport failure, retried like one (see RetryPolicy).
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithRetry sets the retry policy. Zero fields mean the defaults (3
// attempts, 500ms to 20s backoff, Retry-After honoured up to 2m);
// MaxAttempts 1 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) { c.retry = p }
}

// WithUserAgent appends s, after a space, to the SDK's User-Agent
// ("rocketmq-go/{Version} ({Go version}; {GOOS}/{GOARCH})"). NewClient
// refuses control characters in it (ErrInvalidHeaderValue).
func WithUserAgent(s string) Option {
	return func(c *config) { c.userAgent = strings.TrimSpace(s) }
}

// WithLogger sets the logger for one debug record per attempt (IAM logins
// included): method, path, attempt, duration, status, request ID, the
// query and body with secret values redacted, and the error with the
// secrets of its URL redacted. Nothing is logged without it.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithIAMEndpoint sets the IAM endpoint used for project discovery and
// password logins; default RegionIAMEndpoint(region), i.e.
// https://iam.{region}.myhuaweicloud.com. Like WithEndpoint, an absolute
// http(s) URL without user info (else ErrInvalidEndpoint).
func WithIAMEndpoint(endpoint string) Option {
	return func(c *config) { c.iamEndpoint = strings.TrimRight(strings.TrimSpace(endpoint), "/") }
}
