package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// section returns the part of out that starts with the line "Group name…"
// and ends before the next blank line that precedes a heading.
func section(t *testing.T, out, name string) string {
	t.Helper()
	i := strings.Index(out, "\nGroup "+name+":")
	require.GreaterOrEqual(t, i, 0, "no section for group %s in:\n%s", name, out)
	rest := out[i+1:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

// sums adds up each topic's broker offsets, consumer offsets and lags in a
// group's table, checking every row on the way.
func sums(t *testing.T, sec string) (rows int, broker, consumer, lag map[string]int64) {
	t.Helper()
	broker, consumer, lag = map[string]int64{}, map[string]int64{}, map[string]int64{}
	for _, r := range exampletest.Rows(sec, "TOPIC") {
		if r[0] == "Lag" { // the line after the table
			continue
		}
		require.GreaterOrEqual(t, len(r), 7, "row %q", r)
		b, err1 := strconv.ParseInt(r[3], 10, 64)
		c, err2 := strconv.ParseInt(r[4], 10, 64)
		l, err3 := strconv.ParseInt(r[5], 10, 64)
		require.NoError(t, err1)
		require.NoError(t, err2)
		require.NoError(t, err3)
		assert.Equal(t, b-c, l, "lag of row %q", r)
		assert.Contains(t, []string{"broker-0", "broker-1"}, r[1])
		assert.NotEqual(t, "-", r[6], "last message time of row %q", r)
		broker[r[0]] += b
		consumer[r[0]] += c
		lag[r[0]] += l
		rows++
	}
	return rows, broker, consumer, lag
}

func TestRunReportsSeededLag(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	srv.ResetRequests()

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id}))
	s := out.String()
	assert.Contains(t, s, "Consumer lag on instance shop ("+id+"), RUNNING.")

	// billing: 20+6 orders and 12 payments stored, 3 of each behind before
	// the 6 new orders.
	rows, broker, consumer, lag := sums(t, section(t, s, "billing"))
	assert.Equal(t, 8, rows, "2 topics × 2 brokers × 2 queues")
	assert.Equal(t, map[string]int64{"orders": 26, "payments": 12}, broker)
	assert.Equal(t, map[string]int64{"orders": 17, "payments": 9}, consumer)
	assert.Equal(t, map[string]int64{"orders": 9, "payments": 3}, lag)
	assert.Contains(t, section(t, s, "billing"), "Lag of billing: 12 message(s).")

	// shipping: caught up on 20, then consumed 2 of the 6 new ones.
	rows, broker, consumer, lag = sums(t, section(t, s, "shipping"))
	assert.Equal(t, 4, rows)
	assert.Equal(t, map[string]int64{"orders": 26}, broker)
	assert.Equal(t, map[string]int64{"orders": 22}, consumer)
	assert.Equal(t, map[string]int64{"orders": 4}, lag)

	assert.Contains(t, section(t, s, "audit"), "Subscribes to no topic")

	totals := exampletest.Rows(s, "GROUP")
	assert.Equal(t, [][]string{
		{"audit", "0", "0", "0"},
		{"billing", "2", "8", "12"},
		{"shipping", "1", "4", "4"},
		{"Total", "lag:", "16", "message(s)", "in", "3", "group(s)."},
	}, totals)

	// A report only reads.
	for _, r := range srv.Requests() {
		assert.Equal(t, "GET", r.Method, "%s", r)
	}
}

func TestRunOneGroup(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "shipping"}))
	s := out.String()
	assert.NotContains(t, s, "Group billing")
	assert.NotContains(t, s, "Group audit")
	assert.Equal(t, [][]string{
		{"shipping", "1", "4", "4"},
		{"Total", "lag:", "4", "message(s)", "in", "1", "group(s)."},
	}, exampletest.Rows(s, "GROUP"))
}

func TestRunUnknownGroup(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	err = run(t.Context(), c, &bytes.Buffer{}, config{InstanceID: id, Group: "nobody"})
	require.Error(t, err)
	assert.True(t, rocketmq.IsNotFound(err), "%v", err)
	assert.Contains(t, err.Error(), "get consumer group nobody")
}

func TestRunNeedsInstance(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	require.EqualError(t, run(t.Context(), c, &bytes.Buffer{}, config{}), "no instance ID")
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
	assert.Contains(t, s, "Consumer lag on instance shop (")
	assert.Contains(t, s, "   billing   2       8       12\n")
	assert.Contains(t, s, "Total lag: 16 message(s) in 3 group(s).")
}

func TestRunListsWhoConsumes(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id}))
	s := out.String()
	assert.Contains(t, s, "\nConsumers of billing: 2 client(s), online, subscriptions INCONSISTENT.\n")
	// Rows reads the first table with that heading: billing's.
	assert.Equal(t, [][]string{
		{"10.0.1.15@4711#billing-1", "10.0.1.15:51234", "JAVA", "V4_9_4", "CONSUME_PASSIVELY", "orders:*,payments:*"},
		{"10.0.1.16@4712#billing-2", "10.0.1.16:51388", "JAVA", "V4_9_4", "CONSUME_PASSIVELY", "orders:TagA||TagC"},
	}, exampletest.Rows(s, "CLIENT_ID"))
	shipping := s[strings.Index(s, "\nConsumers of shipping:"):]
	assert.True(t, strings.HasPrefix(shipping, "\nConsumers of shipping: 1 client(s), online, subscriptions consistent.\n"), shipping)
	assert.Equal(t, [][]string{
		{"10.0.2.7@801#shipping-1", "10.0.2.7:40100", "GO", "v5.0.1", "CONSUME_POP", "orders:*"},
	}, exampletest.Rows(shipping, "CLIENT_ID"))
	assert.Contains(t, s, "\nConsumers of audit: none connected.\n")
	assert.NotContains(t, s, "Diagnosis of", "no diagnosis unless asked for")
}

func TestRunDiagnosesTheWorstGroup(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	srv.ResetRequests()

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Diagnose: true}))
	s := out.String()
	i := strings.Index(s, "\nDiagnosis of billing (the largest lag, 12 message(s)): report ")
	require.GreaterOrEqual(t, i, 0, s)
	diag := s[i:]
	assert.Contains(t, diag, ", finished.\n")
	assert.Contains(t, diag, "\n   Consumers:                2\n")
	// The lines after "Consumers:": deadlock and lag on billing-2 (6 of
	// the 12 messages each, the emulator's even split) and inconsistent
	// subscriptions.
	assert.Equal(t, [][]string{
		{"Online:", "yes"},
		{"Message", "accumulation:", "12"},
		{"Subscriptions", "consistent:", "no"},
		{"Duplicate", "client", "IDs:", "no"},
		{"Mixed", "consume", "types:", "no"},
		{"Abnormal", "items:", "2"},
		{"Faulty", "nodes:", "1"},
	}, exampletest.Rows(diag, "Consumers:"))
	nodes := exampletest.Rows(diag, "NODE")
	require.Len(t, nodes, 2)
	assert.Equal(t, []string{"10.0.1.15@4711#billing-1", "no", "0", "6", "-", "CONSUME_PASSIVELY"}, nodes[0])
	assert.Equal(t, "10.0.1.16@4712#billing-2", nodes[1][0])
	assert.Equal(t, "yes", nodes[1][1])
	assert.Regexp(t, `^ConsumeMessageThread_\d+$`, nodes[1][4])
	assert.Contains(t, diag, "\nStack of "+nodes[1][4]+" on 10.0.1.16@4712#billing-2:\n")
	assert.Contains(t, diag, "BLOCKED")

	// The diagnosis is the one request that is not a read.
	var posts []string
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			posts = append(posts, r.Method+" "+r.Path)
		}
	}
	assert.Equal(t, []string{"POST /v2/reliability/" + srv.ProjectID() + "/instances/" + id + "/diagnosis"}, posts)
}

func TestRunNothingToDiagnose(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "audit", Diagnose: true}))
	assert.Contains(t, out.String(), "\nNo group lags: nothing to diagnose.\n")
}

func TestRunListsClientsPageByPage(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	// 55 more clients of shipping, more than one page of 50, subscribing
	// as the first one does.
	more := make([]rocketmqtest.ClientSeed, 55)
	for i := range more {
		more[i] = rocketmqtest.ClientSeed{ClientID: fmt.Sprintf("10.0.3.%d@%d#shipping-x", i+1, 900+i), ConsumeType: rocketmqtest.ConsumePop}
	}
	require.NoError(t, srv.AddClients(id, "shipping", more...))
	srv.ResetRequests()

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "shipping"}))
	s := out.String()
	assert.Contains(t, s, "\nConsumers of shipping: 56 client(s), online, subscriptions consistent.\n")
	rows := exampletest.Rows(s, "CLIENT_ID")
	require.Len(t, rows, 56)
	assert.Equal(t, "10.0.2.7@801#shipping-1", rows[0][0])
	assert.Equal(t, "10.0.3.55@954#shipping-x", rows[55][0])

	var pages []string
	for _, r := range srv.Requests("GET /v2/rocketmq/") {
		if strings.HasSuffix(r.Path, "/groups/shipping/clients") {
			pages = append(pages, r.Query.Encode())
		}
	}
	assert.Equal(t, []string{"is_detail=true&limit=50", "is_detail=true&limit=50&offset=50"}, pages)
}
