package rocketmqtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
)

type rawAnswer struct {
	status int
	header http.Header
	code   string
	msg    string
	body   string
}

// raw sends a request with net/http, signed with k at t when k is set.
func raw(t *testing.T, srv *rocketmqtest.Server, method, path string, body []byte, k *auth.AKSK, at time.Time, hdr map[string]string) rawAnswer {
	t.Helper()
	r, err := http.NewRequest(method, srv.URL()+path, bytes.NewReader(body))
	require.NoError(t, err)
	for h, v := range hdr {
		r.Header.Set(h, v)
	}
	if k != nil {
		require.NoError(t, k.Sign(r, body, at))
	}
	resp, err := srv.HTTPClient().Do(r)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var doc struct {
		ErrorCode string `json:"error_code"`
		ErrorMsg  string `json:"error_msg"`
	}
	_ = json.Unmarshal(b, &doc)
	return rawAnswer{status: resp.StatusCode, header: resp.Header, code: doc.ErrorCode, msg: doc.ErrorMsg, body: string(b)}
}

func TestAKSKVerification(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	good := srv.Credentials()
	path := "/v2/" + srv.ProjectID() + "/instances"

	a := raw(t, srv, "GET", path, nil, &good, time.Now(), nil)
	assert.Equal(t, http.StatusOK, a.status, a.body)
	assert.NotEmpty(t, a.header.Get("X-Request-Id"))

	// No credentials at all.
	a = raw(t, srv, "GET", path, nil, nil, time.Time{}, nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "APIGW.0301", a.code)
	assert.NotEmpty(t, a.header.Get("X-Request-Id"))

	// A wrong secret key.
	bad := auth.AKSK{AccessKey: good.AccessKey, SecretKey: "not-the-secret"}
	a = raw(t, srv, "GET", path, nil, &bad, time.Now(), nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "APIGW.0301", a.code)
	assert.Equal(t, "Incorrect IAM authentication information: verify aksk signature fail", a.msg)
	assert.Contains(t, a.body, `"request_id"`)

	// An unknown access key.
	unknown := auth.AKSK{AccessKey: "UNKNOWNAK0000000000", SecretKey: good.SecretKey}
	a = raw(t, srv, "GET", path, nil, &unknown, time.Now(), nil)
	assert.Equal(t, "APIGW.0301", a.code)

	// A tampered body.
	r, _ := http.NewRequest("POST", srv.URL()+path, strings.NewReader(`{"name":"x"}`))
	require.NoError(t, good.Sign(r, []byte(`{"name":"y"}`), time.Now()))
	resp, err := srv.HTTPClient().Do(r)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	// A signing time more than 15 minutes off, either way.
	for _, off := range []time.Duration{-16 * time.Minute, 16 * time.Minute} {
		a = raw(t, srv, "GET", path, nil, &good, time.Now().Add(off), nil)
		assert.Equal(t, http.StatusUnauthorized, a.status)
		assert.Equal(t, "APIGW.0301", a.code)
		assert.Contains(t, a.msg, "expired")
	}
	a = raw(t, srv, "GET", path, nil, &good, time.Now().Add(-14*time.Minute), nil)
	assert.Equal(t, http.StatusOK, a.status)

	// X-Project-Id must match the path.
	a = raw(t, srv, "GET", path, nil, &good, time.Now(), map[string]string{"X-Project-Id": "ffffffffffffffffffffffffffffffff"})
	assert.Equal(t, http.StatusForbidden, a.status)
	assert.Equal(t, "DMS.10240309", a.code)
	a = raw(t, srv, "GET", "/v2/ffffffffffffffffffffffffffffffff/instances", nil, &good, time.Now(), nil)
	assert.Equal(t, http.StatusForbidden, a.status)
}

func TestBadSignatureIsNotRetried(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.Client(rocketmq.WithCredentials(auth.AKSK{AccessKey: srv.Credentials().AccessKey, SecretKey: "wrong-secret"}))
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	var apiErr *rocketmq.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, "APIGW.0301", apiErr.Code)
	assert.Len(t, srv.Requests("GET /v2/"), 1, "a 401 is never retried")
}

func TestSecurityToken(t *testing.T) {
	k := auth.AKSK{AccessKey: "TEMPAK00000000000001", SecretKey: "TempSecret0000000000000000000000000001", SecurityToken: "sts-token-value"}
	srv := rocketmqtest.NewServer(rocketmqtest.WithCredentials(k))
	t.Cleanup(srv.Close)
	c, err := srv.Client()
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)
	noToken := k
	noToken.SecurityToken = ""
	a := raw(t, srv, "GET", "/v2/"+srv.ProjectID()+"/instances", nil, &noToken, time.Now(), nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "APIGW.0301", a.code)
}

func TestTokenLoginAndDiscovery(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	pc := auth.NewPasswordCredentials(srv.Password())
	c, err := rocketmq.NewClient(
		rocketmq.WithRegion(srv.Region()),
		rocketmq.WithEndpoint(srv.URL()),
		rocketmq.WithIAMEndpoint(srv.URL()),
		rocketmq.WithCredentials(pc),
		rocketmq.WithHTTPClient(srv.HTTPClient()),
	)
	require.NoError(t, err)
	assert.Empty(t, c.ProjectID())
	var list struct {
		InstanceNum int `json:"instance_num"`
	}
	_, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, &list)
	require.NoError(t, err)
	assert.Equal(t, srv.ProjectID(), c.ProjectID(), "the token's project")
	logins := srv.Requests("POST /v3/auth/tokens")
	require.Len(t, logins, 1)
	assert.Equal(t, http.StatusCreated, logins[0].Status)
	got := srv.Requests("GET /v2/")
	require.NotEmpty(t, got)
	assert.NotEmpty(t, got[0].Header.Get("X-Auth-Token"))
	assert.Empty(t, got[0].Header.Get("Authorization"))

	// The same via Server.Client with the credentials replaced.
	c2, err := srv.Client(rocketmq.WithProjectID(""), rocketmq.WithCredentials(auth.NewPasswordCredentials(srv.Password())))
	require.NoError(t, err)
	_, err = c2.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)

	// AK/SK with a region but no project ID: discovery via /v3/projects.
	c3, err := srv.Client(rocketmq.WithProjectID(""))
	require.NoError(t, err)
	_, err = c3.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.NoError(t, err)
	assert.Equal(t, srv.ProjectID(), c3.ProjectID())
	require.Len(t, srv.Requests("GET /v3/projects"), 1)
	assert.Equal(t, "name="+srv.Region(), srv.Requests("GET /v3/projects")[0].RawQuery)
}

func TestTokenEndpoints(t *testing.T) {
	other := rocketmqtest.Project{ID: "99998888777766665555444433332222", Name: "cn-east-3"}
	srv := rocketmqtest.NewServer(rocketmqtest.WithProject(other), rocketmqtest.WithIAMUser(rocketmqtest.IAMUser{Domain: "acme", Name: "ops", Password: "0ps-Passw0rd!"}))
	t.Cleanup(srv.Close)

	login := func(user, password, domain string, scope map[string]string) (*http.Response, string) {
		body, _ := json.Marshal(map[string]any{"auth": map[string]any{
			"identity": map[string]any{"methods": []string{"password"}, "password": map[string]any{"user": map[string]any{
				"name": user, "password": password, "domain": map[string]string{"name": domain},
			}}},
			"scope": map[string]any{"project": scope},
		}})
		resp, err := srv.HTTPClient().Post(srv.URL()+"/v3/auth/tokens", "application/json", bytes.NewReader(body))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}

	resp, body := login("ops", "0ps-Passw0rd!", "acme", map[string]string{"id": other.ID})
	require.Equal(t, http.StatusCreated, resp.StatusCode, body)
	tok := resp.Header.Get("X-Subject-Token")
	require.NotEmpty(t, tok)
	assert.NotEmpty(t, resp.Header.Get("X-Request-Id"))
	var doc struct {
		Token struct {
			ExpiresAt time.Time `json:"expires_at"`
			Project   struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"project"`
		} `json:"token"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	assert.Equal(t, other.ID, doc.Token.Project.ID)
	assert.Equal(t, "cn-east-3", doc.Token.Project.Name)
	assert.WithinDuration(t, time.Now().Add(24*time.Hour), doc.Token.ExpiresAt, time.Minute)

	// The token works for its project only.
	get := func(path, token string, hdr map[string]string) rawAnswer {
		h := map[string]string{"X-Auth-Token": token}
		for k, v := range hdr {
			h[k] = v
		}
		return raw(t, srv, "GET", path, nil, nil, time.Time{}, h)
	}
	a := get("/v2/"+other.ID+"/instances", tok, nil)
	assert.Equal(t, http.StatusOK, a.status, a.body)
	a = get("/v2/"+srv.ProjectID()+"/instances", tok, nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "DMS.10240104", a.code)
	a = get("/v2/"+other.ID+"/instances", tok, map[string]string{"X-Project-Id": srv.ProjectID()})
	assert.Equal(t, "DMS.10240104", a.code)
	a = get("/v2/"+other.ID+"/instances", "MIIforged", nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "DMS.10240101", a.code)

	// Project lookup by name, with the token.
	a = get("/v3/projects?name=cn-east-3", tok, nil)
	require.Equal(t, http.StatusOK, a.status, a.body)
	var projects struct {
		Projects []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	require.NoError(t, json.Unmarshal([]byte(a.body), &projects))
	require.Len(t, projects.Projects, 1)
	assert.Equal(t, other.ID, projects.Projects[0].ID)
	a = get("/v3/projects", tok, nil)
	require.NoError(t, json.Unmarshal([]byte(a.body), &projects))
	assert.Len(t, projects.Projects, 2)
	a = raw(t, srv, "GET", "/v3/projects", nil, nil, time.Time{}, nil)
	assert.Equal(t, http.StatusUnauthorized, a.status)

	// Scope by name; wrong password; unknown project.
	resp, _ = login("ops", "0ps-Passw0rd!", "acme", map[string]string{"name": srv.Region()})
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	resp, body = login("ops", "wr0ng-Secret!", "acme", map[string]string{"name": srv.Region()})
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.NotContains(t, body, "wr0ng-Secret!")
	assert.Empty(t, resp.Header.Get("X-Subject-Token"))
	resp, _ = login("ops", "0ps-Passw0rd!", "other-domain", map[string]string{"name": srv.Region()})
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp, _ = login("ops", "0ps-Passw0rd!", "acme", map[string]string{"name": "nowhere-1"})
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	// The SDK's password credentials report the refusal without the password.
	p := srv.Password()
	p.Password = "Definitely-Wrong-1"
	c, err := srv.Client(rocketmq.WithProjectID(""), rocketmq.WithCredentials(auth.NewPasswordCredentials(p)))
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &rocketmq.Request{Method: "GET", Path: pInstances}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Definitely-Wrong-1")
}

func TestTokenExpiry(t *testing.T) {
	var skew atomic.Int64
	srv := rocketmqtest.NewServer(rocketmqtest.WithTokenTTL(time.Hour), rocketmqtest.WithClock(func() time.Time {
		return time.Now().Add(time.Duration(skew.Load()))
	}))
	t.Cleanup(srv.Close)
	body, _ := json.Marshal(map[string]any{"auth": map[string]any{
		"identity": map[string]any{"methods": []string{"password"}, "password": map[string]any{"user": map[string]any{
			"name": srv.Password().Username, "password": srv.Password().Password, "domain": map[string]string{"name": srv.Password().DomainName},
		}}},
		"scope": map[string]any{"project": map[string]string{"name": srv.Region()}},
	}})
	resp, err := srv.HTTPClient().Post(srv.URL()+"/v3/auth/tokens", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
	tok := resp.Header.Get("X-Subject-Token")
	skew.Store(int64(2 * time.Hour))
	a := raw(t, srv, "GET", "/v2/"+srv.ProjectID()+"/instances", nil, nil, time.Time{}, map[string]string{"X-Auth-Token": tok})
	assert.Equal(t, http.StatusUnauthorized, a.status)
	assert.Equal(t, "DMS.10240102", a.code)
}

func TestUnknownURLAndMethod(t *testing.T) {
	srv := rocketmqtest.NewServer()
	t.Cleanup(srv.Close)
	k := srv.Credentials()
	a := raw(t, srv, "GET", "/v2/"+srv.ProjectID()+"/nothing-here", nil, &k, time.Now(), nil)
	assert.Equal(t, http.StatusNotFound, a.status)
	assert.Equal(t, "DMS.00404001", a.code)
	assert.NotEmpty(t, a.header.Get("X-Request-Id"))
	a = raw(t, srv, "PATCH", "/v2/"+srv.ProjectID()+"/instances", nil, &k, time.Now(), nil)
	assert.Equal(t, http.StatusMethodNotAllowed, a.status)
	assert.Equal(t, "DMS.00405001", a.code)
	a = raw(t, srv, "DELETE", "/v2/reliability/"+srv.ProjectID()+"/instances/x/messages", nil, &k, time.Now(), nil)
	assert.Equal(t, http.StatusMethodNotAllowed, a.status)
}

func TestPercentAndBarNamesSign(t *testing.T) {
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "odd-names"})
	for _, name := range []string{"CID%order|v2", "%%|%25|x", "a|b%7Cc"} {
		e.ok(withBody(req("POST", pTopics, "instance_id", id), map[string]any{"name": name}), nil)
		var tp topicResp
		e.ok(req("GET", pTopic, "instance_id", id, "topic", name), &tp)
		assert.Equal(t, name, tp.Name)
		e.ok(withBody(req("POST", pGroups, "instance_id", id), map[string]any{"name": name}), nil)
		e.ok(req("GET", pGroup, "instance_id", id, "group", name), nil)
		e.ok(withQuery(req("GET", pGroup+"/topics", "instance_id", id, "group", name), "topic", name), nil)
		e.ok(req("DELETE", pTopic, "instance_id", id, "topic", name), nil)
	}
	// And in the query.
	var l struct {
		Total int `json:"total"`
	}
	e.ok(withQuery(req("GET", pGroups, "instance_id", id), "group", "%order|"), &l)
	assert.Equal(t, 1, l.Total)
}
