package rocketmq_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

// iamCounter is the transport of the shared client: it counts the API
// requests and the IAM token fetches going through it, remembers how many
// API requests had been sent when each fetch started, the most fetches
// ever in flight at once, and the tokens the API requests carried.
type iamCounter struct {
	next http.RoundTripper

	api      atomic.Int64
	inflight atomic.Int64
	maxIn    atomic.Int64

	mu        sync.Mutex
	fetchedAt []int64 // API requests sent when each fetch started
	tokens    map[string]bool
}

func (c *iamCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPost && req.URL.Path == "/v3/auth/tokens" {
		n := c.inflight.Add(1)
		defer c.inflight.Add(-1)
		for {
			m := c.maxIn.Load()
			if n <= m || c.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		c.mu.Lock()
		c.fetchedAt = append(c.fetchedAt, c.api.Load())
		c.mu.Unlock()
		return c.next.RoundTrip(req)
	}
	c.api.Add(1)
	c.mu.Lock()
	c.tokens[req.Header.Get(auth.HeaderAuthToken)] = true
	c.mu.Unlock()
	return c.next.RoundTrip(req)
}

func (c *iamCounter) fetches() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]int64(nil), c.fetchedAt...)
}

// TestConcurrentClientSharedAcrossFamilies runs 64 goroutines through one
// client, mixing families, while injected 503s must be retried and the
// password login's short-lived token is refreshed during the run.
func TestConcurrentClientSharedAcrossFamilies(t *testing.T) {
	t.Parallel()
	const (
		workers = 64
		// The token's expires_at is 1s after it is issued, so the SDK
		// renews it after 500ms (half its life) and the run sees a
		// refresh. The emulator's clock runs an hour behind (lag) and its
		// tokens live that much longer (lag+life): the emulator itself
		// refuses a token only an hour after the SDK stopped using it, so
		// no call, however slow (-race, 64 goroutines on 2 cores), meets a
		// 401 and the counts below do not depend on timing.
		life = time.Second
		lag  = time.Hour
		// Every worker runs until the token was fetched this many times
		// (the login and a refresh), and until it made at least 2 calls
		// of every operation, so that the faults below are all consumed.
		wantFetches = 2
		// Each fault path answers its next faultTimes requests with 503.
		faultTimes = 4
	)
	srv := rocketmqtest.NewServer(rocketmqtest.WithTokenTTL(lag+life),
		rocketmqtest.WithClock(func() time.Time { return time.Now().Add(-lag) }))
	t.Cleanup(srv.Close)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{
		Name:      "shared",
		EnableACL: true,
		Tags:      []rocketmqtest.Tag{{Key: "owner", Value: "team-a"}},
		Topics:    []rocketmqtest.TopicSeed{{Name: "orders", QueueNum: 2, Messages: 10}},
		Groups:    []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders"}, Lag: 3}},
		Users:     []rocketmqtest.UserSeed{{AccessKey: "app_user", SecretKey: "App!Secret123"}},
	})

	counter := &iamCounter{next: srv.HTTPClient().Transport, tokens: map[string]bool{}}
	faultPaths := []string{
		"/v2/{project_id}/instances/{instance_id}",
		"/v2/{project_id}/instances/{instance_id}/topics/{topic}",
		"/v2/{project_id}/instances/{instance_id}/groups/{group}",
		"/v2/{project_id}/instances/{instance_id}/users",
	}
	// A call meets at most the faults of its own path (the patterns match
	// whole paths only), so faultTimes+1 attempts always suffice.
	client, err := srv.Client(
		rocketmq.WithCredentials(auth.NewPasswordCredentials(srv.Password())),
		rocketmq.WithHTTPClient(&http.Client{Transport: counter}),
		rocketmq.WithRetry(rocketmq.RetryPolicy{MaxAttempts: faultTimes + 1, MinBackoff: time.Millisecond, MaxBackoff: 4 * time.Millisecond}),
	)
	require.NoError(t, err)
	faults := make([]*rocketmqtest.InjectedFault, len(faultPaths))
	for i, p := range faultPaths {
		faults[i] = srv.InjectFault(rocketmqtest.Fault{Method: http.MethodGet, Path: p, Status: http.StatusServiceUnavailable, Times: faultTimes})
	}

	inst, tps, grps, usrs, tgs, zones := instances.New(client), topics.New(client), groups.New(client), users.New(client), tags.New(client), azs.New(client)
	ops := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"instances.Get", func(ctx context.Context) error {
			in, err := inst.Get(ctx, id)
			if err == nil && in.Name != "shared" {
				err = fmt.Errorf("instance name %q", in.Name)
			}
			return err
		}},
		{"instances.List", func(ctx context.Context) error {
			l, err := inst.List(ctx, nil)
			if err == nil && (l.InstanceNum != 1 || len(l.Instances) != 1 || l.Instances[0].InstanceID != id) {
				err = fmt.Errorf("instance list %+v", l)
			}
			return err
		}},
		{"topics.Get", func(ctx context.Context) error {
			tp, err := tps.Get(ctx, id, "orders")
			if err == nil && tp.Name != "orders" {
				err = fmt.Errorf("topic %+v", tp)
			}
			return err
		}},
		{"topics.List", func(ctx context.Context) error {
			l, err := tps.List(ctx, id, nil)
			if err == nil && len(l.Topics) != 1 {
				err = fmt.Errorf("topic list %+v", l)
			}
			return err
		}},
		{"groups.Get", func(ctx context.Context) error {
			g, err := grps.Get(ctx, id, "billing")
			if err == nil && g.Name != "billing" {
				err = fmt.Errorf("group %+v", g)
			}
			return err
		}},
		{"groups.List", func(ctx context.Context) error {
			l, err := grps.List(ctx, id, nil)
			if err == nil && len(l.Groups) != 1 {
				err = fmt.Errorf("group list %+v", l)
			}
			return err
		}},
		{"users.List", func(ctx context.Context) error {
			l, err := usrs.List(ctx, id, nil)
			if err == nil && (len(l.Users) != 1 || l.Users[0].AccessKey != "app_user") {
				err = fmt.Errorf("user list %+v", l)
			}
			return err
		}},
		{"tags.List", func(ctx context.Context) error {
			l, err := tgs.List(ctx, id)
			if err == nil && (len(l.Tags) != 1 || l.Tags[0] != (tags.Tag{Key: "owner", Value: "team-a"})) {
				err = fmt.Errorf("tag list %+v", l)
			}
			return err
		}},
		{"azs.List", func(ctx context.Context) error {
			l, err := zones.List(ctx)
			if err == nil && len(l.AvailableZones) == 0 {
				err = fmt.Errorf("no zones")
			}
			return err
		}},
	}
	minCalls := 2 * len(ops)

	ctx, cancel := context.WithTimeout(bg, time.Minute)
	defer cancel()
	var (
		calls  atomic.Int64
		failMu sync.Mutex
		fails  []string
		wg     sync.WaitGroup
		start  = make(chan struct{})
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for n := 0; n < minCalls || len(counter.fetches()) < wantFetches; n++ {
				if ctx.Err() != nil {
					return
				}
				op := ops[(w+n)%len(ops)]
				calls.Add(1)
				if err := op.call(ctx); err != nil {
					failMu.Lock()
					fails = append(fails, fmt.Sprintf("worker %d call %d %s: %v", w, n, op.name, err))
					failMu.Unlock()
				}
			}
		}()
	}
	close(start)
	wg.Wait()

	require.NoError(t, ctx.Err(), "the workers did not finish")
	assert.Empty(t, fails, "every call succeeds: 503s are retried and tokens refreshed in time")
	for i, f := range faults {
		assert.Equal(t, faultTimes, f.Hits(), "fault on %s consumed", faultPaths[i])
		assert.Equal(t, 0, f.Remaining(), "fault on %s consumed", faultPaths[i])
	}
	total := calls.Load()
	assert.GreaterOrEqual(t, total, int64(workers*minCalls))
	for _, r := range srv.Requests() {
		assert.NotEqual(t, http.StatusUnauthorized, r.Status, "no token is refused: %s", r)
	}
	assert.Equal(t, total+int64(len(faults)*faultTimes), counter.api.Load(),
		"one request per call, plus one retry per injected 503")

	fetchedAt := counter.fetches()
	t.Logf("%d calls, %d API requests, token fetched %d times (after %v API requests)", total, counter.api.Load(), len(fetchedAt), fetchedAt)
	require.GreaterOrEqual(t, len(fetchedAt), wantFetches, "the token was refreshed during the run")
	assert.Equal(t, int64(0), fetchedAt[0], "the first login comes before any API request")
	assert.Positive(t, fetchedAt[1], "the first refresh comes after API requests were made with the first token")
	assert.Less(t, fetchedAt[len(fetchedAt)-1], counter.api.Load(), "API requests follow the last refresh")
	assert.Equal(t, int64(1), counter.maxIn.Load(), "concurrent callers share one token fetch")
	assert.Less(t, int64(len(fetchedAt))*20, total, "far fewer token fetches than calls")
	counter.mu.Lock()
	assert.Len(t, counter.tokens, len(fetchedAt), "each fetched token was used, and only those")
	assert.False(t, counter.tokens[""], "no API request went without a token")
	counter.mu.Unlock()
}
