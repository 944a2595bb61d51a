package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
	"github.com/dms-rocketmq/rocketmq-go/users"
)

var secrets = [2]string{"Sk-Producer-Secret-1", "Sk-Consumer-Secret-2"}

// state lists the instance's users, topics and groups.
func state(t *testing.T, c *rocketmq.Client, id string) (us, ts, gs []string) {
	t.Helper()
	ctx := context.Background()
	for u, err := range users.New(c).ListIter(ctx, id, nil) {
		require.NoError(t, err)
		us = append(us, u.AccessKey)
	}
	for tp, err := range topics.New(c).ListIter(ctx, id, nil) {
		require.NoError(t, err)
		ts = append(ts, tp.Name)
	}
	for g, err := range groups.New(c).ListIter(ctx, id, nil) {
		require.NoError(t, err)
		gs = append(gs, g.Name)
	}
	return us, ts, gs
}

// between returns the text of out from the heading "N. from" to the next
// numbered heading.
func between(t *testing.T, out, from string) string {
	t.Helper()
	_, rest, ok := strings.Cut(out, from)
	require.True(t, ok, "no %q in:\n%s", from, out)
	for i := 1; i < 10; i++ {
		if j := strings.Index(rest, "\n\n"+string(rune('0'+i))+". "); j >= 0 {
			return rest[:j+1]
		}
	}
	return rest
}

func TestRunManagesUsers(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Suffix: "t1", Secrets: secrets}))
	s := out.String()
	for _, sk := range secrets {
		assert.NotContains(t, s, sk, "a secret key was printed")
	}
	assert.Contains(t, s, "Instance shop ("+id+"): RUNNING, ACL enabled.")

	assert.Equal(t, [][]string{
		{"acl-producer-t1", "no", "DENY", "DENY", "acl-orders-t1=PUB", "-"},
		{"acl-consumer-t1", "no", "DENY", "DENY", "acl-orders-t1=SUB", "acl-billing-t1=SUB"},
		{"Their", "secret", "keys", "were", "generated", "locally", "and", "are", "not", "shown."},
	}, exampletest.Rows(between(t, s, "3. Create two users"), "ACCESS_KEY"))

	policies := between(t, s, "4. Who may use")
	topicPart, groupPart, ok := strings.Cut(policies, "Group acl-billing-t1: 1 user(s)")
	require.True(t, ok, policies)
	assert.Contains(t, topicPart, "Topic acl-orders-t1: 2 user(s)")
	assert.Equal(t, [][]string{
		{"acl-consumer-t1", "SUB", "no", "anywhere"},
		{"acl-producer-t1", "PUB", "no", "anywhere"},
	}, exampletest.Rows(topicPart, "ACCESS_KEY"))
	assert.Equal(t, [][]string{
		{"acl-consumer-t1", "SUB", "no", "anywhere"},
	}, exampletest.Rows(groupPart, "ACCESS_KEY"))

	changed := between(t, s, "5. Change permissions")
	assert.Contains(t, changed, "acl-consumer-t1: topic permissions now acl-orders-t1=PUB|SUB.")
	assert.Contains(t, changed, "acl-producer-t1: allowed from 10.0.0.0/8.")
	assert.Equal(t, [][]string{
		{"acl-consumer-t1", "PUB|SUB", "no", "anywhere"},
		{"acl-producer-t1", "PUB", "no", "10.0.0.0/8"},
	}, exampletest.Rows(changed, "ACCESS_KEY"))

	assert.Equal(t, [][]string{
		{"*", "acl-consumer-t1", "no", "DENY", "DENY", "anywhere"},
		{"*", "acl-producer-t1", "no", "DENY", "DENY", "10.0.0.0/8"},
		{"ops-admin", "yes", "PUB|SUB", "SUB", "anywhere"},
		{"3", "user(s);", "*", "marks", "the", "ones", "this", "example", "created."},
	}, exampletest.Rows(between(t, s, "6. List"), "ACCESS_KEY"))

	assert.Equal(t, "\n"+strings.Join([]string{
		"   Deleted user acl-consumer-t1.",
		"   Deleted user acl-producer-t1.",
		"   Deleted consumer group acl-billing-t1.",
		"   Deleted topic acl-orders-t1.",
		"   Both users are gone.",
	}, "\n")+"\n", between(t, s, "7. Clean up"))

	us, ts, gs := state(t, c, id)
	assert.Equal(t, []string{"ops-admin"}, us)
	assert.Empty(t, ts)
	assert.Empty(t, gs)
}

func TestRunCleansUpAfterFailure(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id, err := seed(srv)
	require.NoError(t, err)
	srv.InjectFault(rocketmqtest.Fault{
		Method: http.MethodGet,
		Path:   "/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/accesspolicy",
		Status: http.StatusInternalServerError,
	})

	var out bytes.Buffer
	err = run(t.Context(), c, &out, config{InstanceID: id, Suffix: "t2", Secrets: secrets})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "policies of group acl-billing-t2")
	s := out.String()
	assert.Contains(t, s, "Stopped early; cleaning up.")
	assert.Contains(t, s, "Deleted topic acl-orders-t2.")
	for _, sk := range secrets {
		assert.NotContains(t, s, sk)
	}
	us, ts, gs := state(t, c, id)
	assert.Equal(t, []string{"ops-admin"}, us)
	assert.Empty(t, ts)
	assert.Empty(t, gs)
}

func TestRunNeedsACL(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "no-acl"})
	err := run(t.Context(), c, &bytes.Buffer{}, config{InstanceID: id, Suffix: "t3", Secrets: secrets})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has ACL disabled")
	for _, r := range srv.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, "%s", r)
	}
}

func TestRunNeedsInstance(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	require.Error(t, run(t.Context(), c, &bytes.Buffer{}, config{Suffix: "x"}))
	require.Error(t, run(t.Context(), c, &bytes.Buffer{}, config{InstanceID: "x"}))
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
	assert.Contains(t, s, "   ops-admin            yes    PUB|SUB        SUB            anywhere\n")
	assert.Contains(t, s, "Both users are gone.")
}
