package rocketmqtest

import (
	"crypto/rand"
	"errors"
	"log/slog"
	"math/big"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

// Option configures a Server.
type Option func(*config)

// Project is an IAM project: its ID goes in API paths, its Name is usually
// the region (what project discovery looks up). Both are required.
type Project struct {
	ID   string
	Name string
}

// IAMUser is an IAM user who can log in with a password
// (POST /v3/auth/tokens) to any project of the emulator's account: Domain
// is the account (auth.Password.DomainName), Name the user name and
// Password the password.
type IAMUser struct {
	Domain   string
	Name     string
	Password string
}

// AvailableZone is one entry of GET /v2/available-zones (5.8.1), with the
// field names of azs.AvailableZone: ID, code, display name and port as
// answered; SoldOut answers soldOut (and resource_availability "false";
// instances cannot be created there), DefaultAZ default_az and IPv6Enable
// ipv6_enable.
type AvailableZone struct {
	ID         string
	Code       string
	Name       string
	Port       string
	SoldOut    bool
	DefaultAZ  bool
	IPv6Enable bool

	// Deprecated: Default is DefaultAZ (either one marks the zone).
	Default bool
	// Deprecated: IPv6 is IPv6Enable (either one turns it on).
	IPv6 bool
}

// IDs of the default availability zones (WithAvailableZones replaces
// them): AZ1ID, AZ2ID and AZ3ID have resources, AZ3ID is the default zone
// (DefaultAZID, where seeds without AvailableZones go), AZ4ID is sold out.
// A multi-AZ instance takes AZ1ID, AZ2ID and AZ3ID.
const (
	AZ1ID       = "8c90c2a4e2594c0782faa6b205afeca7"
	AZ2ID       = "d539378ec1314c85b76fefa3f7071458"
	AZ3ID       = "9f1c5806706d4c1fb0eb72f0a9b18c77"
	AZ4ID       = "72f3a8b4c1e94d1d9d0a5f6e7b8c9d0e"
	DefaultAZID = AZ3ID
)

type config struct {
	projects        []Project
	creds           auth.AKSK
	extraKeys       []auth.AKSK
	iamUsers        []IAMUser
	createDelay     time.Duration
	deleteDelay     time.Duration
	tokenTTL        time.Duration
	azs             []AvailableZone
	seeds           []InstanceSeed
	sampleTraffic   bool
	addr            string
	tls             bool
	logger          *slog.Logger
	clock           func() time.Time
	requestLogLimit int
	requestLogBytes int
	domainID        string
	taskDelay       time.Duration
	instanceQuota   int
	recyclePolicy   *RecyclePolicy
	diagnosisDelay  time.Duration

	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	idleTimeout       time.Duration
	closeGrace        time.Duration

	projectID string
	region    string
}

func defaultConfig() config {
	return config{
		createDelay:       DefaultCreateDelay,
		deleteDelay:       DefaultDeleteDelay,
		taskDelay:         DefaultTaskDelay,
		instanceQuota:     DefaultInstanceQuota,
		tokenTTL:          24 * time.Hour,
		clock:             time.Now,
		requestLogLimit:   10000,
		requestLogBytes:   DefaultRequestLogBytes,
		readHeaderTimeout: DefaultReadHeaderTimeout,
		readTimeout:       DefaultReadTimeout,
		idleTimeout:       DefaultIdleTimeout,
		closeGrace:        DefaultCloseGrace,
		projectID:         DefaultProjectID,
		diagnosisDelay:    DefaultDiagnosisDelay,
		region:            DefaultRegion,
	}
}

func (c *config) finish() error {
	main := Project{ID: c.projectID, Name: c.region}
	if main.ID == "" || main.Name == "" {
		return errors.New("the project ID and region must not be empty")
	}
	c.projects = append([]Project{main}, c.projects...)
	for _, p := range c.projects {
		if p.ID == "" || p.Name == "" {
			return errors.New("a project needs an ID and a name")
		}
	}
	if c.creds.AccessKey == "" {
		c.creds.AccessKey = randomString(upperDigits, 20)
	}
	if c.creds.SecretKey == "" {
		c.creds.SecretKey = randomString(alnum, 40)
	}
	c.iamUsers = append([]IAMUser{{Domain: "emulator-domain", Name: "emulator-user", Password: "Emu!" + randomString(alnum, 16)}}, c.iamUsers...)
	if len(c.azs) == 0 {
		c.azs = defaultAZs(c.region)
	}
	for i := range c.azs {
		az := &c.azs[i]
		az.DefaultAZ = az.DefaultAZ || az.Default
		az.Default = az.DefaultAZ
		az.IPv6Enable = az.IPv6Enable || az.IPv6
		az.IPv6 = az.IPv6Enable
	}
	c.domainID = randomString("0123456789abcdef", 32)
	if p := c.recyclePolicy; p != nil && (p.RetentionDays < 0 || p.RetentionDays > 7) {
		return errors.New("the recycle policy's retention days must be from 1 to 7")
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	return nil
}

// WithProjectID sets the ID of the default project (default DefaultProjectID).
func WithProjectID(id string) Option { return func(c *config) { c.projectID = id } }

// WithRegion sets the region, which names the default project (default
// DefaultRegion, "cn-north-4").
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithProject adds another project to the emulator's account. Its instances
// are separate from the default project's. Two projects may share a name
// (to test ambiguous project discovery).
func WithProject(p Project) Option {
	return func(c *config) { c.projects = append(c.projects, p) }
}

// WithCredentials sets the AK/SK the emulator accepts (default: random ones,
// see Server.Credentials). With a SecurityToken, requests must carry it as
// X-Security-Token, signed.
func WithCredentials(k auth.AKSK) Option { return func(c *config) { c.creds = k } }

// WithAccessKey adds another accepted AK/SK pair.
func WithAccessKey(k auth.AKSK) Option {
	return func(c *config) { c.extraKeys = append(c.extraKeys, k) }
}

// WithIAMUser adds an IAM user who can obtain tokens with a password. A
// default user always exists (see Server.Password).
func WithIAMUser(u IAMUser) Option { return func(c *config) { c.iamUsers = append(c.iamUsers, u) } }

// WithCreateDelay sets how long a new instance stays CREATING before it is
// RUNNING (default 50ms; 0 makes it RUNNING at once). The transition is
// computed from timestamps when the instance is next looked at.
func WithCreateDelay(d time.Duration) Option { return func(c *config) { c.createDelay = max(d, 0) } }

// WithDeleteDelay sets how long a deleted instance stays DELETING before it
// is gone (default 50ms; 0 removes it at once).
func WithDeleteDelay(d time.Duration) Option { return func(c *config) { c.deleteDelay = max(d, 0) } }

// WithTokenTTL sets how long IAM tokens issued by the emulator live
// (default 24h, as IAM's); tokens carry their expires_at.
func WithTokenTTL(d time.Duration) Option { return func(c *config) { c.tokenTTL = d } }

// WithAvailableZones replaces the default availability zones (three
// zones with resources, named like the reference's, and a fourth sold out).
func WithAvailableZones(azs ...AvailableZone) Option {
	return func(c *config) { c.azs = append([]AvailableZone(nil), azs...) }
}

// WithInstance seeds an instance (with its topics, groups and users) when
// the server starts. Give it an ID to know it in advance, or look it up with
// Server.InstanceID(name).
func WithInstance(seed InstanceSeed) Option {
	return func(c *config) { c.seeds = append(c.seeds, seed) }
}

// WithSampleTraffic makes the emulator simulate an application using the
// instances: every topic created through the API receives some messages,
// every consumer group created through the API subscribes to the
// instance's topics and consumes most of their messages (so lag, topic
// status, message queries, traces and dead letters have something to
// show). Without it, traffic happens only through Server.Produce,
// Server.Subscribe, Server.Consume and Server.AddDeadLetters, or seeds.
func WithSampleTraffic() Option { return func(c *config) { c.sampleTraffic = true } }

// WithAddr makes the server listen on addr (e.g. "127.0.0.1:8080") instead
// of a random loopback port.
func WithAddr(addr string) Option { return func(c *config) { c.addr = addr } }

// WithTLS serves HTTPS with a self-signed certificate; Server.HTTPClient
// and Server.Client trust it.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithLogger logs every request the emulator answers (method, path, query,
// status, request ID, duration) at info level.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithClock replaces the emulator's clock (lifecycle delays, timestamps,
// token expiry and the AK/SK signing-time check use it).
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithRequestLogLimit bounds how many requests Server.Requests keeps (the
// oldest are dropped; default 10000; 0 keeps none).
func WithRequestLogLimit(n int) Option { return func(c *config) { c.requestLogLimit = max(n, 0) } }

// WithDiagnosisDelay sets how long a diagnosis report stays diagnosing
// before it is finished (default DefaultDiagnosisDelay, 50ms; 0 finishes
// it at once).
func WithDiagnosisDelay(d time.Duration) Option {
	return func(c *config) { c.diagnosisDelay = max(d, 0) }
}

// DefaultRequestLogBytes bounds what the request log keeps in total: the
// bodies, headers, paths and queries of its entries (WithRequestLogBytes).
const DefaultRequestLogBytes = 64 << 20

// WithRequestLogBytes bounds the bytes the request log keeps in total
// (default DefaultRequestLogBytes; the oldest entries are dropped first;
// 0 or less means the default). Each entry keeps at most
// MaxLoggedBodyBytes of its body.
func WithRequestLogBytes(n int) Option {
	return func(c *config) {
		if n <= 0 {
			n = DefaultRequestLogBytes
		}
		c.requestLogBytes = n
	}
}

// WithTimeouts sets the server's timeouts: how long a client may take to
// send its request line and headers (default DefaultReadHeaderTimeout) and
// then its body (DefaultReadTimeout), how long an idle keep-alive
// connection stays open (DefaultIdleTimeout), and how long Close waits for
// requests in progress before it closes their connections
// (DefaultCloseGrace). A zero or negative value keeps the default.
func WithTimeouts(readHeader, read, idle, closeGrace time.Duration) Option {
	return func(c *config) {
		set := func(dst *time.Duration, v time.Duration) {
			if v > 0 {
				*dst = v
			}
		}
		set(&c.readHeaderTimeout, readHeader)
		set(&c.readTimeout, read)
		set(&c.idleTimeout, idle)
		set(&c.closeGrace, closeGrace)
	}
}

func defaultAZs(region string) []AvailableZone {
	return []AvailableZone{
		{ID: AZ1ID, Code: region + "a", Name: "AZ1", Port: "8002"},
		{ID: AZ2ID, Code: region + "b", Name: "AZ2", Port: "8003"},
		{ID: AZ3ID, Code: region + "c", Name: "AZ3", Port: "443", DefaultAZ: true},
		{ID: AZ4ID, Code: region + "d", Name: "AZ4", Port: "443", SoldOut: true},
	}
}

const (
	upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	alnum       = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		v, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b[i] = alphabet[v.Int64()]
	}
	return string(b)
}
