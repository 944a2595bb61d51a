// Package rocketmq is a Go client for the Huawei Cloud Distributed Message
// Service for RocketMQ management API (v2).
//
// A Client holds the endpoint, project, credentials, retry policy and HTTP
// transport; the family packages (instances, groups, topics, messages,
// users, metadata, tags, azs) are thin typed layers over its single request
// path, Client.Do:
//
//	c, err := rocketmq.NewClient(
//		rocketmq.WithRegion("cn-north-4"),
//		rocketmq.WithProjectID(projectID),
//		rocketmq.WithCredentials(auth.AKSK{AccessKey: ak, SecretKey: sk}),
//	)
//	list, err := instances.New(c).List(ctx, nil)
//
// Every call takes a context, validates its input before sending (a
// *ValidationError), retries what is safe to retry (see RetryPolicy: by
// default 3 attempts, 500ms to 20s apart) and reports every answer with a
// status of 300 or more as an *APIError (redirects are never followed).
// Each attempt is bounded by WithTimeout (default 60s). Credentials come
// from package auth: AK/SK signing, a token, or an IAM password login.
// Responses decode tolerantly: numbers sent as strings (and the reverse),
// an object where an array is documented (and the reverse), null, unknown
// fields and both spellings of fields the reference names two ways.
// The rocketmqtest package is an in-process emulator of the service for
// examples and tests.
package rocketmq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
	"github.com/dms-rocketmq/rocketmq-go/internal/signer"
)

// Version is the SDK's version, sent in the User-Agent.
const Version = "0.1.0"

// DefaultEngine is the engine used in paths and queries unless WithEngine
// says otherwise.
const DefaultEngine = "reliability"

// DefaultTimeout bounds each attempt unless WithTimeout says otherwise. No
// per-attempt timeout is created when the caller's deadline comes first.
const DefaultTimeout = 60 * time.Second

// Client calls the DMS for RocketMQ API. It is safe for concurrent use and
// reuses connections; create one per endpoint and credentials and share it.
type Client struct {
	endpoint    string
	base        *url.URL // scheme and host of every request
	origin      string   // base's "scheme://host[:port]", the start of every URL
	basePath    string   // the endpoint's path, escaped, without a trailing slash
	region      string
	iamEndpoint string
	iamBase     *url.URL        // nil without an IAM endpoint
	creds       *credentialsRef // a pointer: printing a Client value shows no secret
	engine      string
	hc          *http.Client  // the caller's (or a default one); never sends itself
	sender      *http.Client  // the one client that sends: hc's transport, no redirects
	core        *httpx.Sender // the transport: one resty client sending through sender
	timeout     time.Duration
	retry       RetryPolicy
	userAgent   string
	uaHeader    []string // User-Agent's value, shared by every request
	logger      *slog.Logger
	needsEnv    bool

	// projectID is the configured or discovered project ID (nil before
	// discovery); read without a lock on every call.
	projectID atomic.Pointer[string]
	// baseHdr is the shared header of calls without WithHeader headers.
	baseHdr atomic.Pointer[baseHeaders]
	// pidMu guards pidCall, the discovery in flight.
	pidMu   sync.Mutex
	pidCall *pidCall
}

// pidCall is one project ID discovery that concurrent callers share.
type pidCall struct {
	done chan struct{}
	id   string
	err  error
}

// NewClient returns a client configured by opts. It needs an endpoint or a
// region (else ErrNoEndpoint), and credentials (else ErrNoCredentials); it
// refuses a malformed region (ErrInvalidRegion), an endpoint that is not an
// absolute http(s) URL or carries user info (ErrInvalidEndpoint), empty
// AK/SK parts, an empty token or control characters in a credential
// (ErrInvalidCredentials), control characters in the user agent or project
// ID (ErrInvalidHeaderValue), and "." or ".." as project ID or engine
// (ErrInvalidProjectID, ErrInvalidEngine); match them with errors.Is. No
// refusal echoes a secret. It sends nothing: the project ID, when not
// given, is discovered by the first call that needs it.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{timeout: -1}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return newClient(cfg)
}

// Environment variables read by NewClientFromEnv.
const (
	EnvAccessKey     = "HUAWEICLOUD_SDK_AK"
	EnvSecretKey     = "HUAWEICLOUD_SDK_SK"
	EnvSecurityToken = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
	EnvProjectID     = "HUAWEICLOUD_SDK_PROJECT_ID"
	EnvRegion        = "HUAWEICLOUD_SDK_REGION"
	EnvEndpoint      = "HUAWEICLOUD_SDK_ENDPOINT"
	EnvIAMEndpoint   = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
)

// NewClientFromEnv is NewClient with defaults taken from the
// HUAWEICLOUD_SDK_* environment variables (AK, SK, SECURITY_TOKEN,
// PROJECT_ID, REGION, ENDPOINT, IAM_ENDPOINT). Explicit options win; an
// explicit WithRegion also drops the environment's ENDPOINT and
// IAM_ENDPOINT (they belong to the environment's region) unless WithEndpoint
// or WithIAMEndpoint is given too.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	cfg := config{timeout: -1}
	if ak, sk := os.Getenv(EnvAccessKey), os.Getenv(EnvSecretKey); ak != "" || sk != "" {
		cfg.creds = auth.AKSK{AccessKey: ak, SecretKey: sk, SecurityToken: os.Getenv(EnvSecurityToken)}
	}
	for env, opt := range map[string]func(string) Option{
		EnvProjectID:   WithProjectID,
		EnvRegion:      WithRegion,
		EnvEndpoint:    WithEndpoint,
		EnvIAMEndpoint: WithIAMEndpoint,
	} {
		if v := os.Getenv(env); v != "" {
			opt(v)(&cfg)
		}
	}
	// An explicit region wins over the environment's endpoints too (they
	// would belong to the environment's region).
	var explicit config
	for _, o := range opts {
		if o != nil {
			o(&explicit)
		}
	}
	if explicit.region != "" {
		if explicit.endpoint == "" {
			cfg.endpoint = ""
		}
		if explicit.iamEndpoint == "" {
			cfg.iamEndpoint = ""
		}
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return newClient(cfg)
}

// RegionEndpoint returns the DMS endpoint of a region,
// https://dms.{region}.myhuaweicloud.com (.myhuaweicloud.eu for
// eu-west-101).
func RegionEndpoint(region string) string {
	return "https://dms." + region + "." + regionDomain(region)
}

// RegionIAMEndpoint returns the IAM endpoint of a region,
// https://iam.{region}.myhuaweicloud.com (.myhuaweicloud.eu for
// eu-west-101).
func RegionIAMEndpoint(region string) string {
	return "https://iam." + region + "." + regionDomain(region)
}

func regionDomain(region string) string {
	if region == "eu-west-101" {
		return "myhuaweicloud.eu"
	}
	return "myhuaweicloud.com"
}

// Errors of NewClient and NewClientFromEnv, matched with errors.Is. The
// error returned says more (which option, what is allowed) and never
// holds a secret.
var (
	// ErrNoEndpoint: neither WithRegion nor WithEndpoint (nor their
	// environment variables) was given.
	ErrNoEndpoint = errors.New("rocketmq: no endpoint")
	// ErrNoCredentials: no WithCredentials (or a nil one), and no AK/SK in
	// the environment.
	ErrNoCredentials = errors.New("rocketmq: no credentials")
	// ErrInvalidRegion: the region is not a region name such as cn-north-4.
	ErrInvalidRegion = errors.New("rocketmq: invalid region")
	// ErrInvalidEndpoint: an endpoint (WithEndpoint, WithIAMEndpoint or
	// their environment variables) is not an absolute http(s) URL with a
	// host, or carries user info (a password would be printed and sent).
	ErrInvalidEndpoint = errors.New("rocketmq: invalid endpoint")
	// ErrInvalidCredentials: AK/SK without both keys, an empty token, or a
	// credential holding a control character.
	ErrInvalidCredentials = errors.New("rocketmq: invalid credentials")
	// ErrInvalidHeaderValue: a value sent as a header (the user agent, the
	// project ID) holds a control character (CR, LF, …).
	ErrInvalidHeaderValue = errors.New("rocketmq: invalid header value")
	// ErrInvalidProjectID: the project ID is blank, "." or "..".
	ErrInvalidProjectID = errors.New("rocketmq: invalid project ID")
	// ErrInvalidEngine: the engine is "." or "..", or holds a control
	// character.
	ErrInvalidEngine = errors.New("rocketmq: invalid engine")
)

func newClient(cfg config) (*Client, error) {
	if cfg.endpoint == "" && cfg.region == "" {
		return nil, fmt.Errorf("%w: use WithRegion or WithEndpoint (or set "+EnvRegion+" / "+EnvEndpoint+")", ErrNoEndpoint)
	}
	if cfg.creds == nil || isNilPointer(cfg.creds) {
		return nil, fmt.Errorf("%w: use WithCredentials (or set "+EnvAccessKey+" and "+EnvSecretKey+")", ErrNoCredentials)
	}
	if cfg.region != "" && !validRegion(cfg.region) {
		return nil, fmt.Errorf("%w %q: want a region name such as cn-north-4", ErrInvalidRegion, cfg.region)
	}
	if err := checkCredentials(cfg.creds); err != nil {
		return nil, err
	}
	if strings.IndexFunc(cfg.userAgent, isCTL) >= 0 {
		return nil, fmt.Errorf("%w: the user agent (WithUserAgent) contains a control character", ErrInvalidHeaderValue)
	}
	if cfg.projectID != "" {
		if strings.IndexFunc(cfg.projectID, isCTL) >= 0 {
			return nil, fmt.Errorf("%w: the project ID (WithProjectID) contains a control character", ErrInvalidHeaderValue)
		}
		if checkSegment("project_id", cfg.projectID) != nil {
			return nil, fmt.Errorf("%w %q: must not be blank, \".\" or \"..\"", ErrInvalidProjectID, cfg.projectID)
		}
	}
	if cfg.engine != "" && (strings.IndexFunc(cfg.engine, isCTL) >= 0 || checkSegment("engine", cfg.engine) != nil) {
		return nil, fmt.Errorf("%w %q: must not be blank, \".\" or \"..\", nor hold a control character", ErrInvalidEngine, cfg.engine)
	}
	endpoint := cfg.endpoint
	if endpoint == "" {
		endpoint = RegionEndpoint(cfg.region)
	}
	base, err := parseEndpoint(endpoint, "WithEndpoint")
	if err != nil {
		return nil, err
	}
	endpoint = strings.TrimRight(base.String(), "/")
	iam := cfg.iamEndpoint
	if iam == "" && cfg.region != "" {
		iam = RegionIAMEndpoint(cfg.region)
	}
	var iamBase *url.URL
	if iam != "" {
		if iamBase, err = parseEndpoint(iam, "WithIAMEndpoint"); err != nil {
			return nil, err
		}
		iam = strings.TrimRight(iamBase.String(), "/")
	}
	engine := cfg.engine
	if engine == "" {
		engine = DefaultEngine
	}
	hc := cfg.httpClient
	if hc == nil {
		hc = &http.Client{Transport: http.DefaultTransport}
	}
	timeout := cfg.timeout
	if timeout < 0 {
		timeout = DefaultTimeout
	}
	ua := "rocketmq-go/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if cfg.userAgent != "" {
		ua += " " + cfg.userAgent
	}
	sender := sendingClient(hc)
	c := &Client{
		endpoint:    endpoint,
		base:        base,
		origin:      base.Scheme + "://" + base.Host,
		basePath:    strings.TrimRight(base.EscapedPath(), "/"),
		region:      cfg.region,
		iamEndpoint: iam,
		iamBase:     iamBase,
		creds:       &credentialsRef{cfg.creds},
		sender:      sender,
		core:        httpx.New(sender, cfg.logger, ua),
		engine:      engine,
		hc:          hc,
		timeout:     timeout,
		retry:       cfg.retry.withDefaults(),
		userAgent:   ua,
		uaHeader:    []string{ua},
		logger:      cfg.logger,
	}
	if cfg.projectID != "" {
		id := cfg.projectID
		c.projectID.Store(&id)
	}
	switch cfg.creds.(type) {
	case auth.AKSK, *auth.AKSK, auth.Token:
	default:
		// Password credentials (or a caller's own, which may wrap them)
		// get the client's HTTP client and IAM endpoint through the context.
		c.needsEnv = true
	}
	return c, nil
}

// Endpoint returns the service endpoint, without a trailing slash.
func (c *Client) Endpoint() string { return c.endpoint }

// ProjectID returns the project ID: the configured one, or the discovered
// one once a call has looked it up (empty before that).
func (c *Client) ProjectID() string {
	if p := c.projectID.Load(); p != nil {
		return *p
	}
	return ""
}

// Engine returns the engine, DefaultEngine ("reliability") unless WithEngine
// says otherwise.
func (c *Client) Engine() string { return c.engine }

// Region returns the configured region (may be empty).
func (c *Client) Region() string { return c.region }

// HTTPClient returns the *http.Client given to WithHTTPClient (or the
// default one). Requests go out through its Transport as it is at each
// request (so a mock installed later takes effect), with the Jar and
// Timeout it had at NewClient, and never follow redirects; the client
// itself is not modified.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// String describes the client without any credential.
func (c *Client) String() string {
	return fmt.Sprintf("rocketmq.Client{Endpoint: %q, ProjectID: %q, Engine: %q}", c.endpoint, c.ProjectID(), c.engine)
}

// GoString describes the client under %#v, without any credential.
func (c *Client) GoString() string { return "&" + c.String() }

// Format makes every verb print String's form: fmt would otherwise print
// the unexported fields, credentials included.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue makes log/slog log String's form.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// parseEndpoint checks an endpoint: an absolute http(s) URL with a host
// and no user info; its query and fragment are dropped.
func parseEndpoint(s, option string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w %q (%s): want an absolute http(s) URL", ErrInvalidEndpoint, redact.URLString(s), option)
	}
	if u.User != nil {
		// It would be printed by String and slog, and sent as
		// Authorization: Basic beside the SDK's credentials.
		return nil, fmt.Errorf("%w %q (%s): must not carry user info (user:password@)", ErrInvalidEndpoint, redact.URL(u), option)
	}
	u.RawQuery, u.Fragment, u.ForceQuery, u.RawFragment = "", "", false, ""
	return u, nil
}

// checkCredentials refuses credentials that cannot work: AK/SK without
// both keys, an empty token, control characters in a value sent as a
// header. The error never holds the value.
func checkCredentials(creds auth.Credentials) error {
	k, ok := creds.(auth.AKSK)
	if pk, isPtr := creds.(*auth.AKSK); isPtr {
		k, ok = *pk, true
	}
	if ok {
		if k.AccessKey == "" || k.SecretKey == "" {
			return fmt.Errorf("%w: AK/SK credentials need both an access key and a secret key", ErrInvalidCredentials)
		}
		for _, f := range []struct{ name, v string }{{"access key", k.AccessKey}, {"secret key", k.SecretKey}, {"security token", k.SecurityToken}} {
			if strings.IndexFunc(f.v, isCTL) >= 0 {
				return fmt.Errorf("%w: the %s contains a control character", ErrInvalidCredentials, f.name)
			}
		}
	}
	if t, ok := creds.(auth.Token); ok {
		if t == "" {
			return fmt.Errorf("%w: empty token", ErrInvalidCredentials)
		}
		if strings.IndexFunc(string(t), isCTL) >= 0 {
			return fmt.Errorf("%w: the token contains a control character", ErrInvalidCredentials)
		}
	}
	return nil
}

// projectIDProvider is implemented by credentials that know their project
// (a password login's token is scoped to one).
type projectIDProvider interface {
	ProjectID(ctx context.Context) (string, error)
}

// resolveProjectID returns the project ID, discovering it once when
// needed. Concurrent callers share one discovery; each waits only as long
// as its own context allows.
func (c *Client) resolveProjectID(ctx context.Context) (string, error) {
	for {
		if p := c.projectID.Load(); p != nil {
			return *p, nil
		}
		c.pidMu.Lock()
		if p := c.projectID.Load(); p != nil {
			c.pidMu.Unlock()
			return *p, nil
		}
		call := c.pidCall
		if call == nil {
			call = &pidCall{done: make(chan struct{})}
			c.pidCall = call
			c.pidMu.Unlock()
			call.id, call.err = c.discoverProjectID(ctx)
			c.pidMu.Lock()
			if call.err == nil {
				id := call.id
				c.projectID.Store(&id)
			}
			c.pidCall = nil // a failed discovery is tried again by the next call
			c.pidMu.Unlock()
			close(call.done)
			return call.id, call.err
		}
		c.pidMu.Unlock()
		select {
		case <-call.done:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		if call.err == nil {
			return call.id, nil
		}
		if errors.Is(call.err, context.Canceled) || errors.Is(call.err, context.DeadlineExceeded) {
			// The caller that ran the discovery gave up; this one has not.
			continue
		}
		return "", call.err
	}
}

// discoverProjectID asks the credentials (a password login knows its
// project) or IAM for the project ID.
func (c *Client) discoverProjectID(ctx context.Context) (string, error) {
	if p, ok := c.creds.Credentials.(projectIDProvider); ok {
		id, err := p.ProjectID(c.authContext(ctx))
		if err != nil {
			return "", iamError(err)
		}
		if id != "" {
			return id, nil
		}
	}
	if c.region == "" {
		return "", errors.New("rocketmq: no project ID: use WithProjectID (or " + EnvProjectID + "), or WithRegion so it can be discovered")
	}
	if c.iamEndpoint == "" {
		return "", errors.New("rocketmq: no project ID and no IAM endpoint to discover it")
	}
	return c.discoverProject(ctx)
}

type projectList struct {
	Projects []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"projects"`
}

// discoverProject asks IAM for the project named like the region
// (GET {iam}/v3/projects?name={region}).
func (c *Client) discoverProject(ctx context.Context) (string, error) {
	path := strings.TrimRight(c.iamBase.EscapedPath(), "/") + "/v3/projects"
	q := "name=" + signer.Escape(c.region)
	var out projectList
	p := &prepared{method: http.MethodGet, url: c.iamBase.Scheme + "://" + c.iamBase.Host + path + "?" + q,
		logPath: path, query: q}
	if _, err := c.send(ctx, p, &out); err != nil {
		return "", fmt.Errorf("rocketmq: discovering the project ID of region %q: %w", c.region, err)
	}
	var ids []string
	for _, pr := range out.Projects {
		if pr.Name == c.region && pr.ID != "" {
			ids = append(ids, pr.ID)
		}
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", fmt.Errorf("rocketmq: IAM lists no project named %q; set WithProjectID", c.region)
	default:
		return "", fmt.Errorf("rocketmq: IAM lists %d projects named %q; set WithProjectID", len(ids), c.region)
	}
}

// authContext gives credentials the client's environment: its sending
// client and IAM endpoint (auth.Env), and the shared request core through
// which a password login sends (same caps, redirect refusal, redaction,
// logging and error type as API calls).
func (c *Client) authContext(ctx context.Context) context.Context {
	ctx = auth.WithEnv(ctx, auth.Env{HTTPClient: c.sender, IAMEndpoint: c.iamEndpoint})
	return httpx.WithSender(ctx, c.core)
}

// credentialsRef holds the credentials behind a pointer.
type credentialsRef struct{ auth.Credentials }

// sendingClient returns the http.Client requests go out with: hc's
// transport (looked up at every request, so that a mock installed in hc
// after NewClient, e.g. httpmock.ActivateNonDefault, takes effect), its
// cookie jar and timeout, and no redirects: a redirect would carry the
// credential headers to wherever it points. hc itself is not modified.
func sendingClient(hc *http.Client) *http.Client {
	return &http.Client{
		Transport:     delegatingTransport{hc},
		Jar:           hc.Jar,
		Timeout:       hc.Timeout,
		CheckRedirect: httpx.NoRedirect,
	}
}

// delegatingTransport sends through the current Transport of an
// http.Client.
type delegatingTransport struct{ hc *http.Client }

func (d delegatingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t := d.hc.Transport
	if t == nil {
		t = http.DefaultTransport
	}
	return t.RoundTrip(r)
}

// CloseIdleConnections closes the idle connections of the transport.
func (d delegatingTransport) CloseIdleConnections() { d.hc.CloseIdleConnections() }

// isNilPointer reports a typed nil inside an interface, such as a nil
// *auth.PasswordCredentials.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Interface, reflect.Slice, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// validRegion accepts region names such as "cn-north-4" or "ap-southeast-1"
// (letters, digits, '-' and '_'), so a region cannot change the endpoint's
// host or path. Any such name is accepted: there is no allow-list.
func validRegion(r string) bool {
	for i := 0; i < len(r); i++ {
		ch := r[i]
		if !('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || ch == '-' || ch == '_') {
			return false
		}
	}
	return r != ""
}
