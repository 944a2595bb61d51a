// Package exampleenv is the shared set-up of the rocketmq-go examples.
//
// It decides where an example runs: against the real service when
// HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are set (through
// rocketmq.NewClientFromEnv, so HUAWEICLOUD_SDK_REGION or
// HUAWEICLOUD_SDK_ENDPOINT and optionally HUAWEICLOUD_SDK_PROJECT_ID apply),
// otherwise against the in-process emulator (rocketmqtest). It also reads
// the examples' own environment variables (the ROCKETMQ_* constants below),
// builds unique resource names and ACL secret keys, and offers the small
// output helpers the examples share (numbered steps, aligned tables).
package exampleenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// Environment variables read by the examples (besides the SDK's
// HUAWEICLOUD_SDK_* ones).
const (
	// EnvInstanceID names an existing instance, for the examples that work
	// inside one (consumer-lag, dead-letters, acl-users,
	// metadata-migration).
	EnvInstanceID = "ROCKETMQ_INSTANCE_ID"
	// EnvGroup names a consumer group (required by dead-letters, an
	// optional filter for consumer-lag).
	EnvGroup = "ROCKETMQ_GROUP"

	// The network and flavour of the instances that quickstart and
	// instance-lifecycle create on the real service.
	EnvVPCID           = "ROCKETMQ_VPC_ID"
	EnvSubnetID        = "ROCKETMQ_SUBNET_ID"
	EnvSecurityGroupID = "ROCKETMQ_SECURITY_GROUP_ID"
	EnvProductID       = "ROCKETMQ_PRODUCT_ID"        // e.g. c6.4u8g.cluster
	EnvStorageSpecCode = "ROCKETMQ_STORAGE_SPEC_CODE" // e.g. dms.physical.storage.ultra.v2

	// Optional settings of a new instance.
	EnvAvailableZone = "ROCKETMQ_AVAILABLE_ZONE" // an AZ ID (default: the region's default zone)
	EnvEngineVersion = "ROCKETMQ_ENGINE_VERSION" // default 4.8.0
	EnvBrokerNum     = "ROCKETMQ_BROKER_NUM"     // default 1
	EnvStorageSpace  = "ROCKETMQ_STORAGE_SPACE"  // GB, default 300 per broker
)

// Poll intervals of instance waits: the real service takes minutes, the
// emulator milliseconds.
const (
	RealPollInterval     = 2 * time.Second
	EmulatedPollInterval = 50 * time.Millisecond
)

// Lifecycle delays of the emulator when an example runs with go run: long
// enough to see the CREATING and DELETING states, short enough for the
// whole tour to take a few seconds.
const (
	EmulatedCreateDelay = 600 * time.Millisecond
	EmulatedDeleteDelay = 300 * time.Millisecond
)

// RealService reports whether the examples should use the real service:
// both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are set.
func RealService() bool {
	return os.Getenv(rocketmq.EnvAccessKey) != "" && os.Getenv(rocketmq.EnvSecretKey) != ""
}

// Env is where an example runs.
type Env struct {
	// Client talks to the real service or to Server.
	Client *rocketmq.Client
	// Server is the in-process emulator, nil against the real service.
	Server *rocketmqtest.Server
	// PollInterval is how often instance waits poll.
	PollInterval time.Duration
}

// Emulated reports whether the example runs against the emulator.
func (e *Env) Emulated() bool { return e.Server != nil }

// Close stops the emulator, if any.
func (e *Env) Close() {
	if e.Server != nil {
		e.Server.Close()
	}
}

// Open returns the environment of the example called name. Against the
// real service it prints the endpoint; otherwise it starts the emulator
// with EmulatedCreateDelay, EmulatedDeleteDelay and then opts, and prints
// one line saying so and how to use the real service instead.
func Open(out io.Writer, name string, opts ...rocketmqtest.Option) (*Env, error) {
	ua := rocketmq.WithUserAgent("rocketmq-go-examples/" + name)
	if RealService() {
		c, err := rocketmq.NewClientFromEnv(ua)
		if err != nil {
			return nil, fmt.Errorf("configure the client from the environment: %w", err)
		}
		fmt.Fprintf(out, "Running against %s (credentials from %s/%s).\n", c.Endpoint(), rocketmq.EnvAccessKey, rocketmq.EnvSecretKey)
		return &Env{Client: c, PollInterval: RealPollInterval}, nil
	}
	all := append([]rocketmqtest.Option{
		rocketmqtest.WithCreateDelay(EmulatedCreateDelay),
		rocketmqtest.WithDeleteDelay(EmulatedDeleteDelay),
	}, opts...)
	srv, err := rocketmqtest.Start(all...)
	if err != nil {
		return nil, fmt.Errorf("start the emulator: %w", err)
	}
	c, err := srv.Client(ua)
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("connect to the emulator: %w", err)
	}
	fmt.Fprintf(out, "Running against the in-process emulator at %s; set %s, %s and %s to use the real service (see `go doc ./examples/%s`).\n",
		srv.URL(), rocketmq.EnvAccessKey, rocketmq.EnvSecretKey, rocketmq.EnvRegion, name)
	return &Env{Client: c, Server: srv, PollInterval: EmulatedPollInterval}, nil
}

// Lookup reads an environment variable; os.Getenv in the examples, a map in
// tests.
type Lookup func(name string) string

// Require returns the values of the named variables, or an error naming
// every one that is empty and what it is needed for.
func Require(getenv Lookup, purpose string, names ...string) (map[string]string, error) {
	vals := make(map[string]string, len(names))
	var missing []string
	for _, n := range names {
		v := strings.TrimSpace(getenv(n))
		if v == "" {
			missing = append(missing, n)
		}
		vals[n] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s on the real service needs %s set", purpose, strings.Join(missing, ", "))
	}
	return vals, nil
}

// InstanceSpec returns the request that creates an instance called name.
// Against the emulator (emulated true) the network IDs are placeholders the
// emulator accepts. Against the real service, the VPC, subnet, security
// group, product and storage spec come from EnvVPCID, EnvSubnetID,
// EnvSecurityGroupID, EnvProductID and EnvStorageSpecCode (an error names
// the missing ones); EnvAvailableZone, EnvEngineVersion, EnvBrokerNum and
// EnvStorageSpace are optional. AvailableZones is left empty when no zone
// is named: see PickZone.
func InstanceSpec(getenv Lookup, emulated bool, name, description string) (*instances.CreateRequest, error) {
	req := &instances.CreateRequest{
		Name:            name,
		Description:     rocketmq.String(description),
		Engine:          "reliability",
		EngineVersion:   "4.8.0",
		ProductID:       "c6.4u8g.cluster",
		StorageSpecCode: "dms.physical.storage.ultra.v2",
		BrokerNum:       1,
		EnableACL:       rocketmq.Bool(true),
	}
	if emulated {
		req.VPCID, req.SubnetID, req.SecurityGroupID = "vpc-emulated", "subnet-emulated", "sg-emulated"
		req.StorageSpace = 300
		return req, nil
	}
	v, err := Require(getenv, "creating an instance", EnvVPCID, EnvSubnetID, EnvSecurityGroupID, EnvProductID, EnvStorageSpecCode)
	if err != nil {
		return nil, err
	}
	req.VPCID, req.SubnetID, req.SecurityGroupID = v[EnvVPCID], v[EnvSubnetID], v[EnvSecurityGroupID]
	req.ProductID, req.StorageSpecCode = v[EnvProductID], v[EnvStorageSpecCode]
	if az := strings.TrimSpace(getenv(EnvAvailableZone)); az != "" {
		req.AvailableZones = []string{az}
	}
	if ver := strings.TrimSpace(getenv(EnvEngineVersion)); ver != "" {
		req.EngineVersion = ver
	}
	if s := strings.TrimSpace(getenv(EnvBrokerNum)); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s must be a positive integer, not %q", EnvBrokerNum, s)
		}
		req.BrokerNum = n
	}
	req.StorageSpace = int64(300 * req.BrokerNum)
	if s := strings.TrimSpace(getenv(EnvStorageSpace)); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s must be a positive integer (GB), not %q", EnvStorageSpace, s)
		}
		req.StorageSpace = n
	}
	return req, nil
}

// PickZone chooses an availability zone: the one with ID want when want is
// not empty, else the region's default zone if it has resources, else the
// first zone that has resources and is not sold out.
func PickZone(list *azs.ListResponse, want string) (azs.AvailableZone, error) {
	usable := func(z azs.AvailableZone) bool { return !z.SoldOut && z.HasResources() }
	if want != "" {
		for _, z := range list.AvailableZones {
			if z.ID == want {
				if !usable(z) {
					return z, fmt.Errorf("availability zone %s (%s) has no resources left", z.ID, z.Name)
				}
				return z, nil
			}
		}
		return azs.AvailableZone{}, fmt.Errorf("availability zone %q is not one of the region's", want)
	}
	if z, ok := list.Default(); ok && usable(z) {
		return z, nil
	}
	for _, z := range list.AvailableZones {
		if usable(z) {
			return z, nil
		}
	}
	return azs.AvailableZone{}, errors.New("no availability zone has resources left")
}

// Suffix returns 6 random lower-case hex digits, to make the names of the
// resources an example creates unique.
func Suffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NewSecretKey returns a random ACL secret key that meets the service's
// rules (8–32 characters, at least three kinds of characters). The
// examples never print it.
func NewSecretKey() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "Sk-" + hex.EncodeToString(b) + "Q7"
}

// Steps prints numbered headings.
type Steps struct {
	out io.Writer
	n   int
}

// NewSteps returns a Steps that writes to out.
func NewSteps(out io.Writer) *Steps { return &Steps{out: out} }

// Next prints the next heading: a blank line, then "N. title".
func (s *Steps) Next(title string) {
	s.n++
	fmt.Fprintf(s.out, "\n%d. %s\n", s.n, title)
}

// Indent is the left margin of the lines under a heading.
const Indent = "   "

// Printf prints one indented line under the current heading.
func Printf(out io.Writer, format string, args ...any) {
	fmt.Fprintf(out, Indent+format+"\n", args...)
}

// Table is an indented, aligned table.
type Table struct {
	tw *tabwriter.Writer
}

// NewTable starts a table on out with the given column headings.
func NewTable(out io.Writer, headings ...string) *Table {
	t := &Table{tw: tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)}
	if len(headings) > 0 {
		t.Row(toAny(headings)...)
	}
	return t
}

// Row adds a row; each cell is printed with %v.
func (t *Table) Row(cells ...any) {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = fmt.Sprint(c)
	}
	fmt.Fprintf(t.tw, "%s%s\n", Indent, strings.Join(parts, "\t"))
}

// Flush prints the table.
func (t *Table) Flush() error { return t.tw.Flush() }

// KV prints aligned "key: value" lines, given as key, value pairs.
func KV(out io.Writer, pairs ...any) error {
	t := &Table{tw: tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)}
	for i := 0; i+1 < len(pairs); i += 2 {
		t.Row(fmt.Sprint(pairs[i])+":", pairs[i+1])
	}
	return t.Flush()
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Millis renders a Unix-millisecond timestamp as local time, or "-" for 0.
func Millis(ms int64) string {
	if ms <= 0 {
		return "-"
	}
	return time.UnixMilli(ms).Local().Format("2006-01-02 15:04:05")
}

// OrDash returns s, or "-" when it is empty.
func OrDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// Cleanup remembers how to delete what an example created, so that it is
// deleted in reverse order: explicitly as the example's last step, or
// after an error.
type Cleanup struct {
	items []cleanupItem
}

type cleanupItem struct {
	what string
	del  func(context.Context) error
}

// Add remembers that what (e.g. "topic orders") is deleted by del.
func (c *Cleanup) Add(what string, del func(context.Context) error) {
	c.items = append(c.items, cleanupItem{what, del})
}

// Len returns how many deletions are pending.
func (c *Cleanup) Len() int { return len(c.items) }

// Run deletes everything remembered, newest first, printing a line for
// each to out. It goes on after a failure and returns every error. A
// resource already gone (rocketmq.IsNotFound) counts as deleted.
func (c *Cleanup) Run(ctx context.Context, out io.Writer) error {
	var errs []error
	for i := len(c.items) - 1; i >= 0; i-- {
		it := c.items[i]
		if err := it.del(ctx); err != nil && !rocketmq.IsNotFound(err) {
			Printf(out, "Could not delete %s: %v", it.what, err)
			errs = append(errs, fmt.Errorf("delete %s: %w", it.what, err))
			continue
		}
		Printf(out, "Deleted %s.", it.what)
	}
	c.items = nil
	return errors.Join(errs...)
}

// RunAfterError is for a deferred call: when *err is not nil, it deletes
// what is left with a context that outlives ctx (which may be what ended)
// and joins the clean-up's errors to *err.
func (c *Cleanup) RunAfterError(ctx context.Context, out io.Writer, err *error) {
	if *err == nil || len(c.items) == 0 {
		return
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	fmt.Fprintln(out, "\nStopped early; cleaning up.")
	if cerr := c.Run(cctx, out); cerr != nil {
		*err = errors.Join(*err, cerr)
	}
}

// Main is an example's main: it runs start until it returns or the
// program is interrupted (Ctrl-C ends the context), writing to standard
// output, and exits 1 with the error, prefixed by the example's name.
func Main(name string, start func(ctx context.Context, out io.Writer, emu ...rocketmqtest.Option) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// FillZone sets req's availability zone, when it names none, to the first
// usable zone the service lists (see PickZone).
func FillZone(ctx context.Context, c *rocketmq.Client, req *instances.CreateRequest) error {
	if len(req.AvailableZones) > 0 {
		return nil
	}
	zones, err := azs.New(c).List(ctx)
	if err != nil {
		return fmt.Errorf("list availability zones: %w", err)
	}
	zone, err := PickZone(zones, "")
	if err != nil {
		return err
	}
	req.AvailableZones = []string{zone.ID}
	return nil
}
