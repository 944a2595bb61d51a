package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
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

func testConfig(t *testing.T, name string) config {
	t.Helper()
	spec, err := exampleenv.InstanceSpec(func(string) string { return "" }, true, name, "lifecycle test")
	require.NoError(t, err)
	return config{Spec: spec, Wait: exampletest.Wait, PageSize: 2}
}

func names(t *testing.T, c *rocketmq.Client) []string {
	t.Helper()
	list, err := instances.New(c).List(context.Background(), &instances.ListOptions{IncludeFailure: true})
	require.NoError(t, err)
	var out []string
	for _, in := range list.Instances {
		out = append(out, in.Name)
	}
	slices.Sort(out)
	return out
}

func TestRunLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	require.NoError(t, seedNeighbours(srv))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, testConfig(t, "lifecycle-test")))
	s := out.String()

	for _, want := range []string{
		"Requested lifecycle-test (c6.4u8g.cluster, 1 broker(s), 300 GB) in zone 9f1c5806706d4c1fb0eb72f0a9b18c77.",
		"Status RUNNING after ",
		"   Name:          lifecycle-test\n",
		"   Description:   lifecycle test\n",
		"   Status:        RUNNING\n",
		"   Engine:        reliability 4.8.0\n",
		"   Name:        lifecycle-test-renamed\n",
		"   Description: Renamed by the instance-lifecycle example\n",
		"   broker-0  0,1,2\n",
		"   4 instance(s).\n",
		"Get now answers: not found.",
	} {
		assert.Contains(t, s, want)
	}

	// The listing: every instance once, ours (renamed) marked.
	rows := exampletest.Rows(s, "NAME")
	require.Len(t, rows, 5)
	assert.Equal(t, []string{"4", "instance(s)."}, rows[4]) // the line after the table
	rows = rows[:4]
	var listed []string
	for _, r := range rows {
		if r[0] == "*" {
			assert.Equal(t, []string{"*", "lifecycle-test-renamed", "RUNNING"}, r[:3])
			listed = append(listed, r[1])
		} else {
			require.Len(t, r, 3)
			listed = append(listed, r[0])
		}
	}
	slices.Sort(listed)
	assert.Equal(t, []string{"lifecycle-test-renamed", "orders-prod", "orders-staging", "payments-prod"}, listed)

	// ListIter asked two pages of two.
	listPath := "/v2/" + srv.ProjectID() + "/instances"
	var pages []string
	for _, r := range srv.Requests("GET " + listPath) {
		if r.Path == listPath {
			pages = append(pages, r.Query.Get("limit")+"@"+r.Query.Get("offset"))
		}
	}
	assert.Equal(t, []string{"2@", "2@2"}, pages) // the first page sends no offset

	// The update sent the new name and description.
	puts := srv.Requests("PUT /v2/")
	require.Len(t, puts, 1)
	var body map[string]any
	require.NoError(t, json.Unmarshal(puts[0].Body, &body))
	assert.Equal(t, map[string]any{"name": "lifecycle-test-renamed", "description": "Renamed by the instance-lifecycle example"}, body)

	// Only the neighbours are left.
	assert.Equal(t, neighboursSorted(), names(t, c))
	assert.Len(t, srv.Requests("DELETE /v2/"), 1)
}

func neighboursSorted() []string {
	out := slices.Clone(neighbours)
	slices.Sort(out)
	return out
}

func TestRunDeletesInstanceAfterFailure(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	srv.InjectFault(rocketmqtest.Fault{
		Method: http.MethodGet,
		Path:   "/v2/{project_id}/instances/{instance_id}/brokers",
		Status: http.StatusForbidden,
		Code:   "DMS.00403003",
	})
	var out bytes.Buffer
	err := run(t.Context(), c, &out, testConfig(t, "lifecycle-fail"))
	require.Error(t, err)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "DMS.00403003", apiErr.Code)
	assert.Contains(t, out.String(), "Stopped early; deleting instance ")
	assert.Empty(t, names(t, c))
}

func TestRunRefusesMissingSpec(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	require.EqualError(t, run(t.Context(), c, &bytes.Buffer{}, config{}), "no instance spec")
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
	assert.Contains(t, s, "Get now answers: not found.")
	assert.Contains(t, s, "   4 instance(s).\n")
}
