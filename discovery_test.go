package rocketmq_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/auth"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

const iamEndpoint = "https://iam.test.example/iam"

// discoveryClient is a client with AK/SK and a region but no project ID.
func discoveryClient(t *testing.T, opts ...rocketmq.Option) (*rocketmq.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	base := []rocketmq.Option{
		rocketmq.WithRegion("cn-north-4"),
		rocketmq.WithEndpoint(testutil.Endpoint),
		rocketmq.WithIAMEndpoint(iamEndpoint),
		rocketmq.WithCredentials(testCreds),
		rocketmq.WithHTTPClient(&http.Client{Transport: mt}),
		fast(3),
	}
	c, err := rocketmq.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

const projectsBody = `{"projects":[
	{"id":"proj-north-4","name":"cn-north-4","domain_id":"d","enabled":true},
	{"id":"proj-sub","name":"cn-north-4_sub","domain_id":"d","enabled":true}
],"links":{"self":"x"}}`

func TestProjectDiscovery(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	assert.Equal(t, "", c.ProjectID())
	rec := record(t, mt, reply(200, projectsBody), reply(200, `{"instances":[]}`), reply(200, `{}`))

	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)

	iam := reqs[0]
	assert.Equal(t, http.MethodGet, iam.Method)
	assert.Equal(t, "iam.test.example", iam.Host)
	assert.Equal(t, "/iam/v3/projects", iam.Path)
	assert.Equal(t, "name=cn-north-4", iam.Query)
	assert.NotEmpty(t, iam.Header.Get("Authorization"), "the IAM call is signed")
	assert.Empty(t, iam.Header.Get("X-Project-Id"))
	assert.Empty(t, iam.Body)
	verifySignature(t, iam)

	dms := reqs[1]
	assert.Equal(t, testutil.Host, dms.Host)
	assert.Equal(t, testutil.BasePath+"/v2/proj-north-4/instances", dms.Path)
	assert.Equal(t, "proj-north-4", dms.Header.Get("X-Project-Id"))
	verifySignature(t, dms)
	assert.Equal(t, "proj-north-4", c.ProjectID())

	// Cached: the next call does not ask IAM again.
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	reqs = rec.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, testutil.Host, reqs[2].Host)
}

func TestProjectDiscoveryConcurrentCallersShareOneLookup(t *testing.T) {
	t.Parallel()
	c, mt := discoveryClient(t)
	var mu sync.Mutex
	iamCalls := 0
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if req.URL.Host == "iam.test.example" {
			mu.Lock()
			iamCalls++
			mu.Unlock()
			time.Sleep(10 * time.Millisecond)
			return reply(200, projectsBody)(req)
		}
		return reply(200, `{}`)(req)
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, iamCalls)
}

func TestProjectDiscoveryDefaultIAMEndpoint(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c, err := rocketmq.NewClient(
		rocketmq.WithRegion("eu-west-101"),
		rocketmq.WithCredentials(testCreds),
		rocketmq.WithHTTPClient(&http.Client{Transport: mt}),
	)
	require.NoError(t, err)
	rec := record(t, mt, reply(200, `{"projects":[{"id":"eu-proj","name":"eu-west-101"}]}`), reply(200, `{}`))
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "iam.eu-west-101.myhuaweicloud.eu", reqs[0].Host)
	assert.Equal(t, "/v3/projects", reqs[0].Path)
	assert.Equal(t, "dms.eu-west-101.myhuaweicloud.eu", reqs[1].Host)
	assert.Equal(t, "/v2/eu-proj/instances", reqs[1].Path)
}

func TestProjectDiscoveryFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		step httpmock.Responder
		want []string
	}{
		{"no match", reply(200, `{"projects":[]}`), []string{"no project named", "cn-north-4", "WithProjectID"}},
		{"only other names", reply(200, `{"projects":[{"id":"x","name":"cn-north-4_sub"}]}`), []string{"no project named"}},
		{"two matches", reply(200, `{"projects":[{"id":"a","name":"cn-north-4"},{"id":"b","name":"cn-north-4"}]}`), []string{"2 projects", "WithProjectID"}},
		{"IAM refuses", reply(403, `{"error":{"code":"IAM.0002","message":"forbidden"}}`), []string{"discovering the project ID", "HTTP 403"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := discoveryClient(t)
			rec := record(t, mt, tc.step)
			_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Equal(t, 1, rec.count(), "only the IAM call was sent")
			assert.Equal(t, "", c.ProjectID(), "a failure is not cached")
		})
	}
}

func TestProjectDiscoveryNotNeeded(t *testing.T) {
	t.Parallel()
	// A path without {project_id} sends nothing to IAM.
	c, mt := discoveryClient(t)
	rec := record(t, mt, reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/available-zones"}, nil)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, testutil.BasePath+"/v2/available-zones", reqs[0].Path)
	assert.Empty(t, reqs[0].Header.Get("X-Project-Id"))
}

func TestProjectDiscoveryNeedsARegion(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c, err := rocketmq.NewClient(rocketmq.WithEndpoint(testutil.Endpoint), rocketmq.WithCredentials(testCreds),
		rocketmq.WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, err = c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithProjectID")
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestProjectFromPasswordToken(t *testing.T) {
	t.Parallel()
	const password = "Hunter2-Secret!"
	creds := auth.NewPasswordCredentials(auth.Password{
		Username: "alice", Password: password, DomainName: "acme", ProjectName: "cn-north-4",
	})
	c, mt := discoveryClient(t, rocketmq.WithCredentials(creds))
	rec := record(t, mt,
		func(req *http.Request) (*http.Response, error) {
			resp, err := reply(201, `{"token":{"expires_at":"`+time.Now().Add(24*time.Hour).UTC().Format(time.RFC3339)+
				`","project":{"id":"scoped-project","name":"cn-north-4"}}}`, "X-Subject-Token", "subject-token")(req)
			return resp, err
		},
		reply(200, `{}`))
	_, err := c.Do(bg, &rocketmq.Request{Path: "/v2/{project_id}/instances"}, nil)
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2, "a token login, then the call: no /v3/projects lookup")
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, "/iam/v3/auth/tokens", reqs[0].Path)
	assert.Equal(t, "iam.test.example", reqs[0].Host)
	assert.JSONEq(t, `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alice","password":"`+password+`","domain":{"name":"acme"}}}},"scope":{"project":{"name":"cn-north-4"}}}}`, string(reqs[0].Body))
	assert.Equal(t, testutil.BasePath+"/v2/scoped-project/instances", reqs[1].Path)
	assert.Equal(t, "subject-token", reqs[1].Header.Get("X-Auth-Token"))
	assert.Empty(t, reqs[1].Header.Get("Authorization"))
	assert.Equal(t, "scoped-project", c.ProjectID())
}
