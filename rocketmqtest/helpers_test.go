package rocketmqtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

// env is a server and a client wired to it.
type env struct {
	t   *testing.T
	srv *rocketmqtest.Server
	c   *rocketmq.Client
}

func newEnv(t *testing.T, opts ...rocketmqtest.Option) *env {
	t.Helper()
	srv := rocketmqtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	require.NoError(t, err)
	return &env{t: t, srv: srv, c: c}
}

// req builds a request; params alternate name, value.
func req(method, path string, params ...string) *rocketmq.Request {
	r := &rocketmq.Request{Method: method, Path: path, PathParams: map[string]string{}}
	for i := 0; i+1 < len(params); i += 2 {
		r.PathParams[params[i]] = params[i+1]
	}
	return r
}

// do sends r and decodes into out.
func (e *env) do(r *rocketmq.Request, out any) (*rocketmq.Response, error) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return e.c.Do(ctx, r, out)
}

// ok sends r, requires success and decodes into out.
func (e *env) ok(r *rocketmq.Request, out any) *rocketmq.Response {
	e.t.Helper()
	resp, err := e.do(r, out)
	require.NoError(e.t, err, "%s %s", r.Method, r.Path)
	require.NotEmpty(e.t, resp.RequestID, "X-Request-Id")
	return resp
}

// fails sends r and requires an *APIError with status and code.
func (e *env) fails(r *rocketmq.Request, status int, code string) *rocketmq.APIError {
	e.t.Helper()
	_, err := e.do(r, nil)
	require.Error(e.t, err, "%s %s: want %d %s", r.Method, r.Path, status, code)
	var apiErr *rocketmq.APIError
	require.True(e.t, errors.As(err, &apiErr), "want *APIError, got %T: %v", err, err)
	require.Equal(e.t, status, apiErr.StatusCode, "status: %v", err)
	require.Equal(e.t, code, apiErr.Code, "code: %v", err)
	require.NotEmpty(e.t, apiErr.RequestID, "X-Request-Id on an error")
	require.NotEmpty(e.t, apiErr.Message)
	return apiErr
}

func withQuery(r *rocketmq.Request, kv ...string) *rocketmq.Request {
	q := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		q[kv[i]] = kv[i+1]
	}
	r.Query = q
	return r
}

func withBody(r *rocketmq.Request, body any) *rocketmq.Request {
	r.Body = body
	return r
}

// createBody is the reference's 5.1.1 example request.
func createBody(name string) map[string]any {
	return map[string]any{
		"name":                  name,
		"description":           "",
		"engine":                "reliability",
		"engine_version":        "4.8.0",
		"storage_space":         600,
		"vpc_id":                "3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf",
		"subnet_id":             "0a0f1fcb-f019-458d-b9e5-301867394d50",
		"security_group_id":     "23c5977f-ff33-4b95-a73e-08d8a0bc4e6c",
		"available_zones":       []string{"9f1c5806706d4c1fb0eb72f0a9b18c77"},
		"product_id":            "c6.4u8g.cluster",
		"enterprise_project_id": "0",
		"ssl_enable":            false,
		"storage_spec_code":     "dms.physical.storage.ultra.v2",
		"ipv6_enable":           false,
		"enable_publicip":       false,
		"publicip_id":           "",
		"broker_num":            1,
	}
}

const (
	pInstances = "/v2/{project_id}/instances"
	pInstance  = "/v2/{project_id}/instances/{instance_id}"
	pTopics    = pInstance + "/topics"
	pTopic     = pTopics + "/{topic}"
	pGroups    = pInstance + "/groups"
	pGroup     = pGroups + "/{group}"
	pUsers     = pInstance + "/users"
	pUser      = pUsers + "/{user_name}"
	pEngine    = "/v2/{engine}/{project_id}/instances/{instance_id}"
	pMetadata  = pInstance + "/metadata"
	pTagAction = "/v2/{project_id}/rocketmq/{instance_id}/tags/action"
	pTags      = "/v2/{project_id}/rocketmq/{instance_id}/tags"
)

// obj decodes raw JSON into a generic object.
func obj(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	return m
}
