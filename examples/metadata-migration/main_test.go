package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/metadata"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

func taskCount(t *testing.T, c *rocketmq.Client, id string) int64 {
	t.Helper()
	resp, err := metadata.New(c).ListTasks(context.Background(), id, nil)
	require.NoError(t, err)
	return resp.Total
}

func TestRunMigratesAndDeletesTasks(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "shop"})
	// A task that was there before: listed, never deleted.
	before, err := metadata.New(c).CreateTask(t.Context(), id, &metadata.CreateTaskRequest{
		Name: "earlier-import", Type: metadata.TypeRocketMQ,
		Metadata: []byte(`{"topicConfigTable":{"legacy":{"topicName":"legacy"}}}`),
	})
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, config{InstanceID: id, Suffix: "t1", Docs: sampleDocs(), PageSize: 2}))
	s := out.String()

	created := exampletest.Rows(s, "NAME  ")
	require.Len(t, created, 3)
	var ids []string
	for i, want := range [][]string{
		{"migrate-rocketmq-t1", "rocketmq", "false"},
		{"migrate-rabbitmq-t1", "rabbitToRocket", "false"},
		{"migrate-rocketmq-again-t1", "rocketmq", "false"},
	} {
		r := created[i]
		require.Len(t, r, 6, "row %q", r)
		assert.Equal(t, want, []string{r[0], r[2], r[3]})
		ids = append(ids, r[1])
	}

	// Four tasks, newest first, two per page: pages 1, 1, 2, 2.
	list := exampletest.Rows(s, "PAGE")
	require.Len(t, list, 5)
	assert.Equal(t, []string{"4", "task(s)."}, list[4])
	var pages, listed []string
	for _, r := range list[:4] {
		pages = append(pages, r[0])
		listed = append(listed, r[1])
	}
	assert.Equal(t, []string{"1", "1", "2", "2"}, pages)
	assert.Equal(t, []string{ids[2], ids[1], ids[0], before.ID}, listed)
	var offsets []string
	for _, r := range srv.Requests("GET /v2/" + srv.ProjectID() + "/instances/" + id + "/metadata") {
		if r.Query.Get("id") == "" {
			offsets = append(offsets, r.Query.Get("limit")+"@"+r.Query.Get("offset"))
		}
	}
	assert.Equal(t, []string{"2@1", "2@2"}, offsets, "1-based page numbers")

	// Each task read back; the repeated import fails without overwrite.
	_, get, ok := strings.Cut(s, "3. Get each task")
	require.True(t, ok)
	assert.Equal(t, [][]string{
		{"migrate-rocketmq-t1", "rocketmq", "finished"},
		{"migrate-rabbitmq-t1", "rabbitToRocket", "finished"},
		{"migrate-rocketmq-again-t1", "rocketmq", "failed"},
	}, exampletest.Rows(get, "NAME"))

	for i, name := range []string{"migrate-rocketmq-t1", "migrate-rabbitmq-t1", "migrate-rocketmq-again-t1"} {
		assert.Contains(t, s, "Deleted "+name+" ("+ids[i]+").")
	}

	// Only the earlier task is left; the migrated metadata is in place.
	assert.Equal(t, int64(1), taskCount(t, c, id))
	_, err = metadata.New(c).GetTask(t.Context(), id, before.ID)
	require.NoError(t, err)
	dels := srv.Requests("DELETE /v2/")
	require.Len(t, dels, 1)
	for _, tid := range ids {
		assert.Contains(t, string(dels[0].Body), tid)
	}
	assert.NotContains(t, string(dels[0].Body), before.ID)

	var topicNames, groupNames []string
	for tp, err := range topics.New(c).ListIter(t.Context(), id, nil) {
		require.NoError(t, err)
		topicNames = append(topicNames, tp.Name)
	}
	for g, err := range groups.New(c).ListIter(t.Context(), id, nil) {
		require.NoError(t, err)
		groupNames = append(groupNames, g.Name)
	}
	slices.Sort(topicNames)
	slices.Sort(groupNames)
	assert.Equal(t, []string{"legacy", "orders", "payments", "shipments"}, topicNames)
	assert.Equal(t, []string{"audit-queue", "billing", "shipping-queue"}, groupNames)
}

func TestRunDeletesTasksAfterFailure(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	id := srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "shop"})
	srv.InjectFault(rocketmqtest.Fault{
		Method: http.MethodGet,
		Path:   "/v2/{project_id}/instances/{instance_id}/metadata",
		Status: http.StatusBadRequest,
		Code:   "DMS.00400062",
	})
	var out bytes.Buffer
	err := run(t.Context(), c, &out, config{InstanceID: id, Suffix: "t2", Docs: sampleDocs()[:2]})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "list tasks, page 1")
	assert.Contains(t, out.String(), "Stopped early; deleting the 2 task(s) created.")
	assert.Equal(t, int64(0), taskCount(t, c, id))
}

func TestRunNeedsInput(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	for _, cfg := range []config{
		{Suffix: "x", Docs: sampleDocs()},
		{InstanceID: "i", Docs: sampleDocs()},
		{InstanceID: "i", Suffix: "x"},
	} {
		require.Error(t, run(t.Context(), c, &bytes.Buffer{}, cfg))
	}
	assert.Empty(t, srv.Requests())
}

func TestDetectType(t *testing.T) {
	t.Parallel()
	typ, err := detectType(sampleRocketMQ)
	require.NoError(t, err)
	assert.Equal(t, metadata.TypeRocketMQ, typ)
	typ, err = detectType(sampleRabbitMQ)
	require.NoError(t, err)
	assert.Equal(t, metadata.TypeRabbitToRocket, typ)
	_, err = detectType([]byte(`{"something":"else"}`))
	assert.EqualError(t, err, "cannot tell whether the document comes from RocketMQ or RabbitMQ")
	_, err = detectType([]byte(`[1]`))
	assert.EqualError(t, err, "the document is not a JSON object")
}

func TestFileDoc(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "prod definitions.json")
	require.NoError(t, os.WriteFile(path, sampleRabbitMQ, 0o600))

	d, err := fileDoc(path, "", "")
	require.NoError(t, err)
	assert.Equal(t, document{Label: "prod-definitions", Type: metadata.TypeRabbitToRocket, Data: sampleRabbitMQ}, d)

	d, err = fileDoc(path, metadata.TypeRocketMQ, "true")
	require.NoError(t, err)
	assert.Equal(t, metadata.TypeRocketMQ, d.Type)
	assert.True(t, d.Overwrite)

	_, err = fileDoc(path, "", "maybe")
	assert.EqualError(t, err, `ROCKETMQ_METADATA_OVERWRITE must be true or false, not "maybe"`)
	_, err = fileDoc(filepath.Join(dir, "missing.json"), "", "")
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestTaskLabel(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "prod_export-v2", taskLabel("prod_export.v2"))
	assert.Equal(t, "file", taskLabel(""))
	assert.Len(t, taskLabel(strings.Repeat("a", 100)), 40)
}

// TestStart runs the example as go run does, against the emulator.
func TestStart(t *testing.T) {
	t.Parallel()
	exampletest.SkipIfReal(t)
	var out bytes.Buffer
	require.NoError(t, start(t.Context(), &out, exampletest.Fast...))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, exampletest.Banner), "%s", s)
	assert.Contains(t, s, "   3 task(s).\n")
	assert.Contains(t, s, "The migrated topics and groups stay on the instance.")
}
