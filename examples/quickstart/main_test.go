package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

const testSecret = "Sk-quickstart-Test-7f3a"

func testConfig(t *testing.T, name string) config {
	t.Helper()
	spec, err := exampleenv.InstanceSpec(func(string) string { return "" }, true, name, "quickstart test")
	require.NoError(t, err)
	return config{Spec: spec, Wait: exampletest.Wait, SecretKey: testSecret}
}

// remaining lists the instances left in the emulator's project, failed
// ones included.
func remaining(t *testing.T, c *rocketmq.Client) []instances.Instance {
	t.Helper()
	list, err := instances.New(c).List(context.Background(), &instances.ListOptions{IncludeFailure: true})
	require.NoError(t, err)
	return list.Instances
}

func TestRunTour(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t, rocketmqtest.WithSampleTraffic())
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, testConfig(t, "quickstart-test")))
	s := out.String()

	for _, want := range []string{
		"1. Availability zones",
		"Using AZ3 (9f1c5806706d4c1fb0eb72f0a9b18c77).", // the emulator's default zone
		"2. Create an instance",
		"Status RUNNING after ",
		"   Name:        quickstart-test\n",
		"   ACL:         enabled\n",
		"Topic orders    created: 4 queues on broker-0.",
		"Topic payments  created: 4 queues on broker-0.",
		"Group billing   created",
		"   Access key:    billing-app\n",
		"   Topic perms:   orders=SUB, payments=PUB|SUB\n",
		"   Group perms:   billing=SUB\n",
		"6. Send a test message, query it and trace it",
		"Sent a message to orders.",
		"Found by ID and by key order-1001 (1 message(s)):",
		"   Body:       {\"order\":1001,\"total\":\"42.00\"}\n",
		"7. Tag the instance",
		"8. Clean up",
		"   env    demo\n",
		"   owner  quickstart\n",
		"Deleted user billing-app.",
		"Deleted group billing.",
		"Deleted topic orders.",
		"Deleted topic payments.",
		"Done: everything the tour created has been deleted.",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, testSecret, "the secret key must never be printed")

	// Topic status: 4 queues each, and the sample traffic put messages in.
	status := exampletest.Rows(s, "TOPIC")
	require.Len(t, status, 2)
	messages := map[string]int64{}
	for _, r := range status {
		require.GreaterOrEqual(t, len(r), 3, "row %q", r)
		assert.Equal(t, "4", r[1], "queues of %s", r[0])
		n, err := strconv.ParseInt(r[2], 10, 64)
		require.NoError(t, err)
		assert.Positive(t, n, "messages of %s", r[0])
		messages[r[0]] = n
	}
	assert.Len(t, messages, 2)

	// Lag: broker offset − consumer offset, for a group that consumed most
	// but not all of each topic.
	lag := exampletest.Rows(s, "GROUP")
	require.Len(t, lag, 2)
	for _, r := range lag {
		require.Len(t, r, 5, "row %q", r)
		assert.Equal(t, "billing", r[0])
		broker, _ := strconv.ParseInt(r[2], 10, 64)
		consumer, _ := strconv.ParseInt(r[3], 10, 64)
		l, _ := strconv.ParseInt(r[4], 10, 64)
		assert.Equal(t, messages[r[1]], broker, "broker offset of %s", r[1])
		assert.Equal(t, broker-consumer, l, "lag of %s", r[1])
		assert.Positive(t, l)
		assert.Positive(t, consumer)
	}

	// The test message: the ID Send answered is the one found and traced.
	msgID := regexp.MustCompile(`(?m)^   Message ID: ([0-9A-F]{32})$`).FindStringSubmatch(s)
	require.Len(t, msgID, 2, "%s", s)
	assert.Regexp(t, `(?m)^   Stored on:  broker-0, queue [0-3], offset \d+$`, s)
	assert.Regexp(t, `(?m)^   Properties: .*KEYS=order-1001.*TAGS=created`, s)
	trace := exampletest.Rows(s, "TRACE")
	require.NotEmpty(t, trace)
	assert.Equal(t, "Pub", trace[0][0])
	assert.Equal(t, "yes", trace[0][2])
	var sends []string
	for _, r := range srv.Requests("POST /v2/reliability/") {
		sends = append(sends, r.Path)
	}
	require.Len(t, sends, 1)
	assert.True(t, strings.HasSuffix(sends[0], "/messages"), sends[0])
	var traces []string
	for _, r := range srv.Requests("GET /v2/reliability/") {
		if strings.HasSuffix(r.Path, "/trace") {
			traces = append(traces, r.Query.Encode())
		}
	}
	assert.Equal(t, []string{"msg_id=" + msgID[1]}, traces)

	// Everything is gone, each piece deleted explicitly.
	assert.Empty(t, remaining(t, c))
	assert.Empty(t, srv.InstanceID("quickstart-test"))
	var deletes []string
	for _, r := range srv.Requests("DELETE /v2/") {
		deletes = append(deletes, r.Path)
	}
	p := "/v2/" + srv.ProjectID() + "/instances/"
	require.Len(t, deletes, 5)
	assert.Contains(t, deletes[0], "/users/billing-app")
	assert.Contains(t, deletes[1], "/groups/billing")
	assert.Contains(t, deletes[2], "/topics/orders")
	assert.Contains(t, deletes[3], "/topics/payments")
	assert.Regexp(t, "^"+p+"[0-9a-f-]+$", deletes[4])
	assert.Len(t, srv.Requests("POST /v2/"+srv.ProjectID()+"/rocketmq/"), 2, "tag create and delete")
}

func TestRunDeletesInstanceAfterFailure(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	srv.InjectFault(rocketmqtest.Fault{
		Method: http.MethodPost,
		Path:   "/v2/{project_id}/instances/{instance_id}/groups",
		Status: http.StatusBadRequest,
		Code:   "DMS.00400062",
	})
	var out bytes.Buffer
	err := run(t.Context(), c, &out, testConfig(t, "quickstart-fail"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "create consumer group billing")
	assert.Contains(t, out.String(), "The tour stopped early; deleting instance ")
	assert.NotContains(t, out.String(), "Done:")
	assert.Empty(t, remaining(t, c))
	assert.Len(t, srv.Requests("DELETE /v2/"), 1, "only the instance is deleted")
}

func TestRunRefusesMissingSpec(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	err := run(t.Context(), c, &bytes.Buffer{}, config{Wait: exampletest.Wait})
	require.EqualError(t, err, "no instance spec")
	assert.Empty(t, srv.Requests())
}

// TestStart runs the example as go run does, against the emulator.
func TestStart(t *testing.T) {
	t.Parallel()
	exampletest.SkipIfReal(t)
	var out bytes.Buffer
	require.NoError(t, start(t.Context(), &out, exampletest.Fast...))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, exampletest.Banner), "%s", s)
	assert.Contains(t, s, "Done: everything the tour created has been deleted.")
	assert.Contains(t, s, "Status RUNNING after ")
}

// notIndexedYet answers a message query by ID with no message, as the
// real service may right after the send; everything else goes through.
type notIndexedYet struct{ next http.RoundTripper }

func (rt notIndexedYet) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/messages") && r.URL.Query().Get("msg_id") != "" {
		return &http.Response{
			StatusCode: http.StatusOK, Request: r,
			Header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"test-not-indexed"}},
			Body:   io.NopCloser(strings.NewReader(`{"messages":[],"total":0}`)),
		}, nil
	}
	return rt.next.RoundTrip(r)
}

func TestRunToleratesAMessageNotIndexedYet(t *testing.T) {
	t.Parallel()
	srv, _ := exampletest.Server(t)
	hc := srv.HTTPClient()
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c, err := srv.Client(rocketmq.WithHTTPClient(&http.Client{Transport: notIndexedYet{next}}))
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, testConfig(t, "quickstart-unindexed")))
	s := out.String()
	assert.Contains(t, s, "Not found by ID yet (1 message(s) with key order-1001); the service may still be indexing it.")
	assert.NotContains(t, s, "Found by ID")
	assert.Equal(t, "Pub", exampletest.Rows(s, "TRACE")[0][0], "the trace is still shown")
	assert.Contains(t, s, "Done: everything the tour created has been deleted.")
}
