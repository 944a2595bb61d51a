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
	retrySet    bool
	userAgent   string
	logger      *slog.Logger
	iamEndpoint string
}

// WithEndpoint sets the service endpoint, e.g. "https://dms.cn-north-4.myhuaweicloud.com"
// or an emulator URL. It may carry a base path. It wins over WithRegion for
// the endpoint; the region still names the project for discovery.
func WithEndpoint(endpoint string) Option {
	return func(c *config) { c.endpoint = strings.TrimRight(strings.TrimSpace(endpoint), "/") }
}

// WithRegion sets the region, e.g. "cn-north-4". Without WithEndpoint the
// endpoint is https://dms.{region}.myhuaweicloud.com ("eu-west-101" uses
// .myhuaweicloud.eu). Any region name is accepted.
func WithRegion(region string) Option {
	return func(c *config) { c.region = strings.TrimSpace(region) }
}

// WithProjectID sets the project ID used in paths and X-Project-Id. Without
// it, a client with a region looks the project up once through IAM.
func WithProjectID(id string) Option {
	return func(c *config) { c.projectID = strings.TrimSpace(id) }
}

// WithCredentials sets how requests are authorized: auth.AKSK, auth.Token or
// *auth.PasswordCredentials.
func WithCredentials(creds auth.Credentials) Option {
	return func(c *config) { c.creds = creds }
}

// WithEngine sets the engine path segment and default; default "reliability".
func WithEngine(engine string) Option {
	return func(c *config) { c.engine = strings.TrimSpace(engine) }
}

// WithHTTPClient sets the HTTP client used for every request. The client is
// used as given (its Transport is where tests install mocks); it is not
// modified, except that a nil Transport means http.DefaultTransport.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) { c.httpClient = hc }
}

// WithTimeout bounds each attempt (not the whole call with its retries; use
// the context for that). Zero means no per-attempt timeout. Default 60s.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithRetry sets the retry policy. Zero fields mean the defaults;
// MaxAttempts 1 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) { c.retry = p; c.retrySet = true }
}

// WithUserAgent appends s to the SDK's User-Agent.
func WithUserAgent(s string) Option {
	return func(c *config) { c.userAgent = strings.TrimSpace(s) }
}

// WithLogger sets the logger for per-attempt debug records. Nothing is
// logged without it.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithIAMEndpoint sets the IAM endpoint used for project discovery and
// password logins; default https://iam.{region}.myhuaweicloud.com.
func WithIAMEndpoint(endpoint string) Option {
	return func(c *config) { c.iamEndpoint = strings.TrimRight(strings.TrimSpace(endpoint), "/") }
}
