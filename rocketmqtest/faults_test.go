package rocketmqtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

func TestFault503ThenSuccess(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "faulty"})
	f := e.srv.InjectFault(rocketmqtest.Fault{Method: "GET", Path: "/v2/{project_id}/instances/{instance_id}", Status: 503})
	var in instanceResp
	resp := e.ok(req("GET", pInstance, "instance_id", id), &in)
	assert.Equal(t, 2, resp.Attempts, "retried once")
	assert.Equal(t, "faulty", in.Name)
	assert.Equal(t, 1, f.Hits())
	assert.Equal(t, 0, f.Remaining())
	log := e.srv.Requests("GET /v2/")
	require.Len(t, log, 2)
	assert.Equal(t, http.StatusServiceUnavailable, log[0].Status)
	assert.Equal(t, http.StatusOK, log[1].Status)
	assert.NotEqual(t, log[0].RequestID, log[1].RequestID)
	assert.NotEmpty(t, log[1].Header.Get("Authorization"), "each attempt is signed")
}

func TestFaultPersistentAndCodes(t *testing.T) {
	e := newEnv(t)
	f := e.srv.InjectFault(rocketmqtest.Fault{Path: "/v2/", Status: 500, Code: "DMS.00500006", Message: "Internal service error.", Times: -1})
	apiErr := e.fails(req("GET", pInstances), 500, "DMS.00500006")
	assert.Equal(t, "Internal service error.", apiErr.Message)
	assert.Equal(t, 1, f.Hits(), "500 is not retried")
	e.fails(req("GET", pInstances), 500, "DMS.00500006")
	assert.Equal(t, -1, f.Remaining())
	f.Remove()
	e.ok(req("GET", pInstances), nil)

	// A fault on another path or method does not apply.
	e.srv.InjectFault(rocketmqtest.Fault{Method: "POST", Path: "/v2/", Status: 500})
	e.srv.InjectFault(rocketmqtest.Fault{Path: "/v3/", Status: 500})
	e.ok(req("GET", pInstances), nil)
	e.srv.ClearFaults()

	// 429 with Retry-After (fractional seconds) is retried even for POST.
	e.srv.InjectFault(rocketmqtest.Fault{Method: "POST", Path: "/v2/{project_id}/instances", Status: 429, RetryAfter: 30 * time.Millisecond})
	resp := e.ok(withBody(req("POST", pInstances), createBody("after-throttle")), nil)
	assert.Equal(t, 2, resp.Attempts)
	log := e.srv.Requests("POST /v2/")
	require.Len(t, log, 2)
	assert.Equal(t, 429, log[0].Status)

	// A POST answered 503 is not retried (it may have been applied).
	e.srv.InjectFault(rocketmqtest.Fault{Method: "POST", Status: 503})
	e.fails(withBody(req("POST", pInstances), createBody("not-retried")), 503, "DMS.00500000")
}

func TestFaultDroppedConnection(t *testing.T) {
	e := newEnv(t)
	// A GET whose connection drops is retried.
	f := e.srv.InjectFault(rocketmqtest.Fault{Method: "GET", Path: "/v2/{project_id}/instances", Drop: true})
	resp := e.ok(req("GET", pInstances), nil)
	assert.Equal(t, 2, resp.Attempts, "the SDK saw the failure and retried")
	assert.Equal(t, 1, f.Hits())
	log := e.srv.Requests("GET /v2/")
	require.Len(t, log, 2)
	assert.Zero(t, log[0].Status, "dropped: no answer")
	assert.Equal(t, 200, log[1].Status)

	// A POST whose connection drops is not retried: the error is a
	// transport error, not an *APIError.
	e.srv.InjectFault(rocketmqtest.Fault{Method: "POST", Drop: true})
	_, err := e.do(withBody(req("POST", pInstances), createBody("dropped-post")), nil)
	require.Error(t, err)
	var apiErr *rocketmq.APIError
	assert.False(t, errors.As(err, &apiErr), "%v", err)
	assert.Len(t, e.srv.Requests("POST /v2/"), 1)
}

func TestFaultLatencyVersusAttemptTimeout(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client(rocketmq.WithTimeout(100 * time.Millisecond))
	require.NoError(t, err)
	srv.InjectFault(rocketmqtest.Fault{Method: "GET", Path: "/v2/{project_id}/instances", Latency: 400 * time.Millisecond})
	start := time.Now()
	resp, err := c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts, "the slow attempt timed out, the next one succeeded")
	assert.Less(t, time.Since(start), 400*time.Millisecond)

	// Latency alone: the request is then handled normally.
	srv.InjectFault(rocketmqtest.Fault{Latency: 30 * time.Millisecond})
	start = time.Now()
	resp, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, resp.Attempts)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)

	// The caller's context ends the wait.
	srv.InjectFault(rocketmqtest.Fault{Latency: time.Second, Times: 5})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Do(ctx, &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	srv.ClearFaults()
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, rocketmqtest.WithSampleTraffic())
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "busy", BrokerNum: 2, StorageSpace: 600})
	e.srv.InjectFault(rocketmqtest.Fault{Method: "GET", Status: 503, Times: 10})
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for w := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for i := range 8 {
				topic := fmt.Sprintf("t-%d-%d", w, i)
				group := fmt.Sprintf("g-%d-%d", w, i)
				steps := []*rocketmq.Request{
					withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": topic, "queue_num": 2}),
					withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": group}),
					req("GET", pTopic+"/status", "instance_id", id, "topic", topic),
					withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", group), "topic", topic),
					withQuery(req("GET", pTopics, "instance_id", id), "limit", "50"),
					req("GET", pInstance, "instance_id", id),
					withBody(req("POST", pTagAction, "instance_id", id), map[string]any{"action": "create", "tags": []map[string]string{{"key": fmt.Sprintf("k%d", w%10), "value": topic}}}),
					req("DELETE", pGroup, "instance_id", id, "group", group),
				}
				for _, r := range steps {
					_, err := e.c.Do(ctx, r, nil)
					var apiErr *rocketmq.APIError
					if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusServiceUnavailable {
						continue // three injected 503s in a row for one call
					}
					if err != nil {
						errs <- fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
					}
				}
				if _, err := e.srv.Produce(id, topic, rocketmqtest.Message{Body: "x"}); err != nil {
					errs <- err
				}
				_ = e.srv.Requests()
				if i%3 == 0 {
					e.srv.InjectFault(rocketmqtest.Fault{Method: "GET", Path: "/v2/available-zones", Status: 502})
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var list struct {
		Total int `json:"total"`
	}
	e.ok(withQuery(req("GET", pTopics, "instance_id", id), "limit", "1"), &list)
	assert.Equal(t, 96, list.Total)
}
