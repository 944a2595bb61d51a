package main

import (
	"bytes"
	"context"
	"net/http"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

func messageCount(t *testing.T, c *rocketmq.Client, id, topic string) int64 {
	t.Helper()
	st, err := topics.New(c).GetStatus(context.Background(), id, topic)
	require.NoError(t, err)
	return st.TotalMessages()
}

func TestRunExportsAndResends(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, seeded, err := seed(srv)
	require.NoError(t, err)
	require.Len(t, seeded, 4)
	orders, payments := messageCount(t, c, id, "orders"), messageCount(t, c, id, "payments")
	srv.ResetRequests()

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "billing"}))
	s := out.String()
	assert.Contains(t, s, "Dead letters of group billing on instance shop ("+id+").")
	assert.Contains(t, s, "4 dead letter(s) in %DLQ%billing stored in the last 72h.")
	assert.Contains(t, s, "Exported 4 message(s).")
	assert.Contains(t, s, "4 resent, 0 failed.")

	// The export shows billing's dead letters, with their origin.
	var exported []string
	from := map[string]int{}
	step2, step3, ok := strings.Cut(s, "3. Resend them")
	require.True(t, ok)
	for _, r := range exampletest.Rows(step2, "MSG_ID") {
		if r[0] == "Exported" {
			continue
		}
		require.GreaterOrEqual(t, len(r), 6, "row %q", r)
		exported = append(exported, r[0])
		from[r[1]]++
		assert.Equal(t, "16", r[2], "retries of %s", r[0])
	}
	assert.ElementsMatch(t, seeded, exported)
	assert.Equal(t, map[string]int{"orders": 3, "payments": 1}, from)

	// Each was resent.
	var resent []string
	for _, r := range exampletest.Rows(step3, "MSG_ID") {
		if r[0] == "4" {
			continue
		}
		assert.Equal(t, []string{r[0], "resent"}, r)
		resent = append(resent, r[0])
	}
	assert.ElementsMatch(t, seeded, resent)

	// Resending produced the messages again in their original topics.
	assert.Equal(t, orders+3, messageCount(t, c, id, "orders"))
	assert.Equal(t, payments+1, messageCount(t, c, id, "payments"))

	// One query, one export, one resend of exactly billing's letters;
	// nothing else changed (shipping's dead letters are left alone).
	var posts []string
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			posts = append(posts, r.Method+" "+path.Base(r.Path))
		}
	}
	assert.Equal(t, []string{"POST export", "POST deadletter-resend"}, posts)
	resend := srv.Requests("POST /v2/reliability/")
	require.Len(t, resend, 1)
	for _, id := range seeded {
		assert.Contains(t, string(resend[0].Body), id)
	}
	assert.Contains(t, string(resend[0].Body), `"topic":"%DLQ%billing"`)
}

func TestRunNoDeadLetters(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, _, err := seed(srv)
	require.NoError(t, err)
	require.NoError(t, srv.AddGroup(id, rocketmqtest.GroupSeed{Name: "quiet", Topics: []string{"orders"}}))
	srv.ResetRequests()

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "quiet", Since: time.Hour}))
	assert.Contains(t, out.String(), "0 dead letter(s) in %DLQ%quiet stored in the last 1h.")
	assert.NotContains(t, out.String(), "Export them")
	assert.False(t, slices.ContainsFunc(srv.Requests(), func(r rocketmqtest.Request) bool { return r.Method != http.MethodGet }))
}

func TestRunUnknownGroup(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, _, err := seed(srv)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Group: "nobody"}))
	assert.Contains(t, out.String(), "Topic %DLQ%nobody does not exist")
}

func TestRunNeedsInstanceAndGroup(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	for _, cfg := range []config{{}, {InstanceID: "x"}, {Group: "g"}} {
		require.EqualError(t, run(t.Context(), c, &bytes.Buffer{}, cfg), "an instance ID and a consumer group are required")
	}
	assert.Empty(t, srv.Requests())
}

func TestDuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		72 * time.Hour:                      "72h",
		90 * time.Minute:                    "1h30m",
		30 * time.Minute:                    "30m",
		45 * time.Second:                    "45s",
		time.Hour + 30*time.Second:          "1h0m30s",
		2*time.Hour + 1500*time.Millisecond: "2h0m1.5s",
	} {
		assert.Equal(t, want, duration(d), "%v", d)
	}
}

// TestStart runs the example as go run does, against the emulator.
func TestStart(t *testing.T) {
	t.Parallel()
	exampletest.SkipIfReal(t)
	var out bytes.Buffer
	require.NoError(t, start(t.Context(), &out, exampletest.Fast...))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, exampletest.Banner), "%s", s)
	assert.Contains(t, s, "Dead letters of group billing on instance shop (")
	assert.Contains(t, s, "4 resent, 0 failed.")
}
