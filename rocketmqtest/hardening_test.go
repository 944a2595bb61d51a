package rocketmqtest_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// TestEngineRocketMQAccepted: "rocketmq" (what the official SDKs send) and
// its alias "reliability" are accepted wherever an engine is taken: the
// list filter, {engine} path segments, the create body, all_failure.
func TestEngineRocketMQAccepted(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "engine-inst", Engine: "rocketmq",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 2}}})

	type list struct {
		InstanceNum int `json:"instance_num"`
		Instances   []struct {
			Engine string `json:"engine"`
		} `json:"instances"`
	}
	for _, eng := range []string{"rocketmq", "reliability"} {
		var l list
		e.ok(withQuery(req("GET", pInstances), "engine", eng), &l)
		require.Equal(t, 1, l.InstanceNum, "engine=%s", eng)
		assert.Equal(t, "reliability", l.Instances[0].Engine, "instances answer the reference's form")
	}
	var l list
	e.ok(withQuery(req("GET", pInstances), "engine", "kafka"), &l)
	assert.Equal(t, 0, l.InstanceNum)

	now := time.Now()
	for _, eng := range []string{"rocketmq", "reliability"} {
		e.ok(withQuery(req("GET", pEngine+"/messages", "engine", eng, "instance_id", id),
			"topic", "orders", "start_time", fmt.Sprint(now.Add(-time.Hour).UnixMilli()), "end_time", fmt.Sprint(now.Add(time.Hour).UnixMilli())), nil)
	}
	e.fails(withQuery(req("GET", pEngine+"/messages", "engine", "kafka", "instance_id", id), "topic", "orders"), 400, "DMS.00400007")

	b := createBody("created-rocketmq")
	b["engine"] = "rocketmq"
	var created struct {
		InstanceID string `json:"instance_id"`
	}
	e.ok(withBody(req("POST", pInstances), b), &created)
	require.NotEmpty(t, created.InstanceID)

	require.NoError(t, e.srv.SetInstanceStatus(created.InstanceID, rocketmqtest.StatusCreateFailed))
	var res struct {
		Results []struct {
			Instance string `json:"instance"`
		} `json:"results"`
	}
	e.ok(withBody(req("POST", pInstances+"/action"), map[string]any{"action": "delete", "all_failure": "rocketmq"}), &res)
	require.Len(t, res.Results, 1)
	assert.Equal(t, created.InstanceID, res.Results[0].Instance)
}

// TestEmulatorAnswersErrorClasses: the emulator's answers carry the codes
// the SDK's error classes are built on; a wrong instance is never taken
// for a missing topic.
func TestEmulatorAnswersErrorClasses(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "classes-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders"}},
		Groups: []rocketmqtest.GroupSeed{{Name: "billing"}},
		Users:  []rocketmqtest.UserSeed{{AccessKey: "app_user1", SecretKey: "App!Secret123"}}})
	check := func(r *rocketmq.Request, want ...error) {
		t.Helper()
		_, err := e.do(r, nil)
		require.Error(t, err)
		for _, class := range []error{rocketmq.ErrNotFound, rocketmq.ErrInstanceNotFound, rocketmq.ErrTopicNotFound,
			rocketmq.ErrGroupNotFound, rocketmq.ErrUserNotFound, rocketmq.ErrTaskNotFound, rocketmq.ErrAlreadyExists} {
			wanted := false
			for _, w := range want {
				wanted = wanted || w == class
			}
			assert.Equal(t, wanted, errors.Is(err, class), "%s %s: %v is %v", r.Method, r.Path, err, class)
		}
	}
	wrong := "00000000-0000-4000-8000-000000000000"
	check(req("DELETE", pTopic, "instance_id", wrong, "topic", "orders"), rocketmq.ErrNotFound, rocketmq.ErrInstanceNotFound)
	check(req("DELETE", pTopic, "instance_id", id, "topic", "nope"), rocketmq.ErrNotFound, rocketmq.ErrTopicNotFound)
	check(req("GET", pGroup, "instance_id", id, "group", "nope"), rocketmq.ErrNotFound, rocketmq.ErrGroupNotFound)
	check(req("GET", pUser, "instance_id", id, "user_name", "nobody1"), rocketmq.ErrNotFound, rocketmq.ErrUserNotFound)
	check(withQuery(req("GET", pMetadata, "instance_id", id), "id", "no-such-task"), rocketmq.ErrNotFound, rocketmq.ErrTaskNotFound)

	check(withBody(req("POST", pInstances), createBody("classes-inst")), rocketmq.ErrAlreadyExists)
	check(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "orders"}), rocketmq.ErrAlreadyExists)
	check(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": "billing"}), rocketmq.ErrAlreadyExists)
	check(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": "%RETRY%x"}))
}

// TestFaultsThatCannotMatchAreRefused: a fault whose path matches no route
// (a typo, a query string) or whose method no route of that path has is
// refused when configured, not silently never hit.
func TestFaultsThatCannotMatchAreRefused(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	for _, f := range []rocketmqtest.Fault{
		{Path: "/v2/{project_id}/instancse", Status: 500},
		{Path: "/v2/{project_id}/instances/{instance_id}/topic/{topic}", Status: 500},
		{Path: "/v2/{project_id}/instances?engine=rocketmq", Status: 500},
		{Path: "/v2/p/instances?engine=rocketmq", Status: 500},
		{Path: "/v2/p/instancse", Status: 500},
		{Path: "/nothing", Status: 500},
		{Path: "v2/{project_id}/instances", Status: 500},
		{Method: http.MethodPatch, Path: "/v2/{project_id}/instances", Status: 500},
		{Method: http.MethodDelete, Path: "/v2/{project_id}/instances/{instance_id}/brokers", Status: 500},
		{Method: "BREW", Status: 500},
	} {
		h, err := srv.AddFault(f)
		require.Error(t, err, "%+v", f)
		assert.Nil(t, h)
		assert.True(t, strings.HasPrefix(err.Error(), "rocketmqtest: fault "), err.Error())
		assert.Contains(t, err.Error(), f.Path)
		assert.PanicsWithValue(t, err.Error(), func() { srv.InjectFault(f) })
	}
	for _, f := range []rocketmqtest.Fault{
		{Status: 503},
		{Method: http.MethodGet, Status: 503},
		{Path: "/v2/", Status: 503},
		{Path: "/v2/" + srv.ProjectID() + "/instances", Status: 503},
		{Path: "/v2/" + srv.ProjectID() + "/inst", Status: 503},
		{Path: "/v3/auth/tokens", Method: http.MethodPost, Status: 503},
		{Path: "/v2/{project_id}/instances/{instance_id}", Method: http.MethodDelete, Status: 503},
		{Path: "/v2/{project_id}/instances/{rest...}", Status: 503},
		{Path: "/v2/{engine}/{project_id}/instances/{instance_id}/messages", Status: 503},
		{Path: "/v2/{project_id}/instances/{instance_id}/topics/orders", Status: 503},
		{Path: "/v2/available-zones", Status: 503},
	} {
		h, err := srv.AddFault(f)
		require.NoError(t, err, "%+v", f)
		h.Remove()
	}
}

// TestRequestsPrefixMatchesStringForm: Requests(prefix) and
// Request.String() agree: the query is part of what a prefix matches.
func TestRequestsPrefixMatchesStringForm(t *testing.T) {
	e := newEnv(t)
	e.ok(withQuery(req("GET", pInstances), "engine", "rocketmq"), nil)
	e.ok(req("GET", pInstances), nil)
	all := e.srv.Requests("GET /v2/")
	require.Len(t, all, 2)
	withQ := all[0]
	require.Equal(t, "GET /v2/"+e.srv.ProjectID()+"/instances?engine=rocketmq", withQ.String())
	got := e.srv.Requests(withQ.String())
	require.Len(t, got, 1)
	assert.Equal(t, withQ.RequestID, got[0].RequestID)
	assert.Len(t, e.srv.Requests("GET /v2/"+e.srv.ProjectID()+"/instances?engine="), 1)
	assert.Len(t, e.srv.Requests("GET /v2/"+e.srv.ProjectID()+"/instances"), 2)
}

// TestGroupSeedLagNeedsMessages: a lag the seeded topics cannot hold is
// refused with a clear error instead of silently being 0.
func TestGroupSeedLagNeedsMessages(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		seed rocketmqtest.GroupSeed
		msgs int
		want string
	}{
		{rocketmqtest.GroupSeed{Name: "billing", Topics: []string{"orders"}, Lag: 5}, 0, `Lag 5 is more than the 0 messages topic "orders" holds`},
		{rocketmqtest.GroupSeed{Name: "billing", Topics: []string{"orders"}, Lag: 5}, 4, `Lag 5 is more than the 4 messages topic "orders" holds`},
		{rocketmqtest.GroupSeed{Name: "billing", Lag: 5}, 10, "Lag 5 needs subscribed Topics"},
		{rocketmqtest.GroupSeed{Name: "billing", DeadLetters: 1}, 10, "DeadLetters 1 needs subscribed Topics"},
		{rocketmqtest.GroupSeed{Name: "billing", Topics: []string{"orders"}, Lag: -1}, 10, "Lag -1 is negative"},
		{rocketmqtest.GroupSeed{Name: "billing", Topics: []string{"orders"}, DeadLetters: -1}, 10, "DeadLetters -1 is negative"},
	} {
		_, err := srv.AddInstance(rocketmqtest.InstanceSeed{Name: "lag-inst",
			Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: tc.msgs}}, Groups: []rocketmqtest.GroupSeed{tc.seed}})
		require.Error(t, err, "%+v", tc.seed)
		assert.Contains(t, err.Error(), tc.want)
		assert.Empty(t, srv.InstanceID("lag-inst"), "a refused seed leaves nothing behind")
	}
	id, err := srv.AddInstance(rocketmqtest.InstanceSeed{Name: "lag-inst",
		Topics: []rocketmqtest.TopicSeed{{Name: "orders", Messages: 5}}, Groups: []rocketmqtest.GroupSeed{{Name: "billing", Topics: []string{"orders"}, Lag: 5}}})
	require.NoError(t, err, "a lag of everything the topic holds works")
	require.NoError(t, srv.AddTopic(id, rocketmqtest.TopicSeed{Name: "empty"}))
	err = srv.AddGroup(id, rocketmqtest.GroupSeed{Name: "audit", Topics: []string{"empty"}, Lag: 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Lag 1 is more than the 0 messages topic "empty" holds`)
}

// TestDefaultAvailabilityZones: the default zones' IDs are exported, and
// AvailableZone's fields carry azs.AvailableZone's names.
func TestDefaultAvailabilityZones(t *testing.T) {
	e := newEnv(t)
	var l struct {
		AvailableZones []struct {
			ID        string `json:"id"`
			SoldOut   bool   `json:"soldOut"`
			DefaultAZ bool   `json:"default_az"`
			IPv6      bool   `json:"ipv6_enable"`
		} `json:"available_zones"`
	}
	e.ok(req("GET", "/v2/available-zones"), &l)
	require.Len(t, l.AvailableZones, 4)
	ids := []string{rocketmqtest.AZ1ID, rocketmqtest.AZ2ID, rocketmqtest.AZ3ID, rocketmqtest.AZ4ID}
	for i, z := range l.AvailableZones {
		assert.Equal(t, ids[i], z.ID)
		assert.Equal(t, z.ID == rocketmqtest.DefaultAZID, z.DefaultAZ)
		assert.Equal(t, z.ID == rocketmqtest.AZ4ID, z.SoldOut)
	}
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "multi-az", AvailableZones: []string{rocketmqtest.AZ1ID, rocketmqtest.AZ2ID, rocketmqtest.AZ3ID}})
	require.NotEmpty(t, id)

	e2 := newEnv(t, rocketmqtest.WithAvailableZones(
		rocketmqtest.AvailableZone{ID: "z1", Code: "x1a", Name: "AZ1", Port: "443", DefaultAZ: true, IPv6Enable: true},
		rocketmqtest.AvailableZone{ID: "z2", Code: "x1b", Name: "AZ2", Port: "443", Default: true, IPv6: true}, // the old names still work
		rocketmqtest.AvailableZone{ID: "z3", Code: "x1c", Name: "AZ3", Port: "443"},
	))
	e2.ok(req("GET", "/v2/available-zones"), &l)
	require.Len(t, l.AvailableZones, 3)
	for _, z := range l.AvailableZones {
		assert.Equal(t, z.ID != "z3", z.DefaultAZ, z.ID)
		assert.Equal(t, z.ID != "z3", z.IPv6, z.ID)
	}
}

// rawConn opens a loopback connection to the server.
func rawConn(t *testing.T, srv *rocketmqtest.Server) net.Conn {
	t.Helper()
	addr := strings.TrimPrefix(srv.URL(), "http://")
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestUnauthenticatedBodyIsNotRead: a request whose credentials are wrong
// without looking at the body is answered at once, its announced 16 MiB
// body never read (the client has not sent it), and nothing of it is
// logged.
func TestUnauthenticatedBodyIsNotRead(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	for _, auth := range []string{
		"",
		"X-Auth-Token: not-a-token\r\n",
		"Authorization: SDK-HMAC-SHA256 Access=UNKNOWNAK, SignedHeaders=host;x-sdk-date, Signature=00\r\nX-Sdk-Date: 20200101T000000Z\r\n",
		"Authorization: SDK-HMAC-SHA256 Access=" + srv.Credentials().AccessKey + ", SignedHeaders=host;x-sdk-date, Signature=00\r\nX-Sdk-Date: 20200101T000000Z\r\n",
	} {
		c := rawConn(t, srv)
		_, err := fmt.Fprintf(c, "POST /v2/%s/instances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s\r\n", srv.ProjectID(), 16<<20, auth)
		require.NoError(t, err)
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		require.NoError(t, err, "answered without the body (%q)", auth)
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, string(body))
		_ = c.Close()
	}
	for _, r := range srv.Requests() {
		assert.Equal(t, http.StatusUnauthorized, r.Status)
		assert.Empty(t, r.Body)
	}
}

// TestRequestLogIsBounded: the log keeps at most MaxLoggedBodyBytes of a
// body, at most WithRequestLogBytes in all, and no body of a request
// refused by authentication.
func TestRequestLogIsBounded(t *testing.T) {
	const total = 300 << 10
	e := newEnv(t, rocketmqtest.WithRequestLogBytes(total))
	big := strings.Repeat("x", 1<<20)
	for range 10 {
		_, err := e.do(withBody(req("POST", pInstances), big), nil)
		require.Error(t, err) // not JSON: 400
	}
	logged := e.srv.Requests()
	require.NotEmpty(t, logged)
	require.Less(t, len(logged), 10, "the oldest entries were dropped")
	sum := 0
	for _, r := range logged {
		assert.Len(t, r.Body, rocketmqtest.MaxLoggedBodyBytes)
		assert.True(t, r.BodyTruncated)
		sum += len(r.Body)
	}
	assert.LessOrEqual(t, sum, total)

	// A signed request with a wrong signature: its body is read (the
	// signature covers it) but not kept.
	e.srv.ResetRequests()
	r := withBody(req("POST", pInstances), map[string]any{"name": "secret-body"})
	k := e.srv.Credentials()
	k.SecretKey = "wrong-secret-key-0000000000000000000000"
	wrongSig, err := e.srv.Client(rocketmq.WithCredentials(k))
	require.NoError(t, err)
	_, err = wrongSig.Do(context.Background(), r, nil)
	require.Error(t, err)
	logged = e.srv.Requests("POST /v2/")
	require.Len(t, logged, 1)
	assert.Equal(t, http.StatusUnauthorized, logged[0].Status)
	assert.Empty(t, logged[0].Body, "no body of a refused request")
}

// TestServerTimeouts: half-sent requests do not hold the server: headers
// and bodies have deadlines.
func TestServerTimeouts(t *testing.T) {
	srv := rocketmqtest.NewServer(rocketmqtest.WithTimeouts(200*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond, 0))
	t.Cleanup(srv.Close)

	// Headers never finished: the server closes the connection.
	c := rawConn(t, srv)
	_, err := io.WriteString(c, "GET /v2/available-zones HTTP/1.1\r\nHost: x\r\n")
	require.NoError(t, err)
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.ReadAll(c)
	var ne net.Error
	require.False(t, errors.As(err, &ne) && ne.Timeout(), "the server closed the connection: %v", err)

	// A body trickled (a login, the one request read before
	// authentication): refused once the read timeout passes.
	trickle := rawConn(t, srv)
	_, err = io.WriteString(trickle, "POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	require.NoError(t, err)
	go func() {
		for range 40 {
			time.Sleep(50 * time.Millisecond)
			if _, err := io.WriteString(trickle, " "); err != nil {
				return
			}
		}
	}()
	_ = trickle.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(trickle), nil)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	// An idle keep-alive connection is closed.
	c = rawConn(t, srv)
	_, err = io.WriteString(c, "GET /v2/available-zones HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	br := bufio.NewReader(c)
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err = http.ReadResponse(br, nil)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	_, err = io.ReadAll(br) // ends at EOF, not at our 5s deadline
	require.NoError(t, err, "the idle connection was closed by the server")
}

// TestCloseIsBounded: Close returns soon whatever clients do: a body
// trickled byte by byte, a request held by an injected latency of an hour,
// an idle connection.
func TestCloseIsBounded(t *testing.T) {
	srv := rocketmqtest.NewServer(rocketmqtest.WithTimeouts(0, time.Hour, 0, 200*time.Millisecond))
	srv.InjectFault(rocketmqtest.Fault{Path: "/v2/available-zones", Latency: time.Hour})

	trickle := rawConn(t, srv)
	_, err := io.WriteString(trickle, "POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{")
	require.NoError(t, err)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				if _, err := io.WriteString(trickle, " "); err != nil {
					return
				}
			}
		}
	}()
	held := rawConn(t, srv)
	_, err = io.WriteString(held, "GET /v2/available-zones HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	idle := rawConn(t, srv)
	_, err = io.WriteString(idle, "GET /v2/available-zones HTTP/1.1\r\nHost: x\r\n") // headers unfinished
	require.NoError(t, err)
	require.Eventually(t, func() bool { return len(srv.Requests()) >= 2 }, 5*time.Second, 10*time.Millisecond)

	done := make(chan struct{})
	go func() {
		srv.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	srv.Close() // again: a no-op
}
