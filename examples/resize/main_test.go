package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampleenv"
	"github.com/dms-rocketmq/rocketmq-go/examples/internal/exampletest"
	"github.com/dms-rocketmq/rocketmq-go/instances"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tasks"
)

func testConfig(t *testing.T, name string) config {
	t.Helper()
	spec, err := exampleenv.InstanceSpec(func(string) string { return "" }, true, name, "resize test")
	require.NoError(t, err)
	return config{Spec: spec, Wait: exampletest.Wait}
}

func instanceCount(t *testing.T, c *rocketmq.Client) int {
	t.Helper()
	list, err := instances.New(c).List(context.Background(), &instances.ListOptions{IncludeFailure: true})
	require.NoError(t, err)
	return len(list.Instances)
}

func TestRunResizesAndFollowsTheTask(t *testing.T) {
	t.Parallel()
	// The task runs long enough for the first look at its progress to
	// find it running (a look comes right after the resize's answer).
	srv, c := exampletest.Server(t, rocketmqtest.WithTaskDelay(time.Second))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, testConfig(t, "resize-test")))
	s := out.String()

	// The flavour table lists the 4.8.0 catalogue.
	rows := exampletest.Rows(s, "PRODUCT")
	require.NotEmpty(t, rows)
	assert.Equal(t, []string{"5", "flavour(s)"}, rows[len(rows)-1][:2]) // the line after the table
	rows = rows[:len(rows)-1]
	var listed []string
	for _, r := range rows {
		listed = append(listed, r[0])
	}
	var want []string
	for _, f := range rocketmqtest.Catalogue() {
		if f.EngineVersion == "4.8.0" {
			want = append(want, f.ProductID)
		}
	}
	assert.Equal(t, want, listed)
	assert.Contains(t, rows, []string{"c6.4u8g.cluster", "cluster", "1-10", "300-30000"})

	for _, w := range []string{
		"5 flavour(s) for RocketMQ 4.8.0; using c6.4u8g.cluster.",
		"Requested resize-test (c6.4u8g.cluster, 1 broker(s), 300 GB); instance ID ",
		"Status RUNNING, 300 GB.",
		"   Passed: true\n",
		"It could also change to: c6.8u16g.cluster, c6.12u24g.cluster, c6.16u32g.cluster.",
		"Resize to 400 GB requested; task ",
		"100%  all steps completed\n",
		"Task extendInstance: SUCCESS",
		"is RUNNING with 400 GB (1 resize(s)).",
		"Delete the instance",
		" deleted.",
	} {
		assert.Contains(t, s, w)
	}
	assert.Equal(t, 0, instanceCount(t, c), "the instance is deleted at the end")

	// While the task ran, its progress named the step it was at.
	assert.Regexp(t, `(?m)^ +\d+%  (checkInstance|extendStorage|refreshInstance) IN_PROGRESS`, s)

	// The resize request is the service's: POST on the engine-scoped
	// extend path, no query, exactly the storage change.
	m := regexp.MustCompile(`instance ID ([0-9a-f-]+)\.`).FindStringSubmatch(s)
	require.Len(t, m, 2)
	id := m[1]
	posts := srv.Requests("POST /v2/reliability/")
	require.Len(t, posts, 1)
	assert.Equal(t, "POST", posts[0].Method)
	assert.Equal(t, "/v2/reliability/"+srv.ProjectID()+"/instances/"+id+"/extend", posts[0].EscapedPath)
	assert.Empty(t, posts[0].RawQuery)
	assert.JSONEq(t, `{"oper_type":"storage","new_storage_space":400}`, string(posts[0].Body))

	// The task was followed through tasks.WaitForTask (GET …/tasks/{id}).
	assert.NotEmpty(t, srv.Requests("GET /v2/"+srv.ProjectID()+"/instances/"+id+"/tasks/"))
}

func TestRunRaisesStorageToTheFlavoursMinimum(t *testing.T) {
	t.Parallel()
	_, c := exampletest.Server(t, rocketmqtest.WithTaskDelay(0))
	cfg := testConfig(t, "resize-big")
	cfg.Spec.ProductID = "c6.16u32g.cluster"
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), c, &out, cfg))
	assert.Contains(t, out.String(), "(c6.16u32g.cluster, 1 broker(s), 500 GB)")
	assert.Contains(t, out.String(), "is RUNNING with 600 GB (1 resize(s)).")
}

func TestRunRefusesUnknownFlavour(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t)
	cfg := testConfig(t, "resize-unknown")
	cfg.Spec.ProductID = "c6.99u.cluster"
	err := run(t.Context(), c, &bytes.Buffer{}, cfg)
	require.EqualError(t, err, "flavour c6.99u.cluster is not offered for RocketMQ 4.8.0")
	assert.Empty(t, srv.Requests("POST /v2/"), "nothing created")
}

func TestRunDeletesInstanceWhenTheTaskFails(t *testing.T) {
	t.Parallel()
	srv, c := exampletest.Server(t, rocketmqtest.WithTaskDelay(time.Hour))
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		// Fail the resize task once the instance is EXTENDING.
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
			id := srv.InstanceID("resize-fail")
			if id == "" || srv.InstanceStatus(id) != rocketmqtest.StatusExtending {
				continue
			}
			for _, tid := range taskIDs(c, id) {
				_ = srv.SetTaskStatus(id, tid, rocketmqtest.TaskFailed)
			}
			return
		}
	}()
	var out bytes.Buffer
	err := run(t.Context(), c, &out, testConfig(t, "resize-fail"))
	close(done)
	<-stopped
	var failed *tasks.TerminalStatusError
	require.ErrorAs(t, err, &failed)
	assert.Equal(t, tasks.StatusFailed, failed.Status)
	assert.Contains(t, err.Error(), "ended FAILED")
	assert.Contains(t, out.String(), "Stopped early; deleting instance ")
	assert.Equal(t, 0, instanceCount(t, c))
}

// taskIDs lists the IDs of an instance's background tasks.
func taskIDs(c *rocketmq.Client, id string) []string {
	var out []string
	for t, err := range tasks.New(c).ListIter(context.Background(), id, nil) {
		if err != nil {
			return nil
		}
		out = append(out, t.ID)
	}
	return out
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
	require.NoError(t, start(t.Context(), &out, append(exampletest.Fast, rocketmqtest.WithTaskDelay(20*time.Millisecond))...))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, exampletest.Banner), "%s", s)
	assert.Contains(t, s, "Task extendInstance: SUCCESS")
	assert.Contains(t, s, " deleted.")
}
