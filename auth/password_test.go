package auth_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/auth"
)

const iam = "https://iam.test.example"

func tokenResponder(t *testing.T, calls *atomic.Int32, expires time.Time, check func(body map[string]any)) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		b, _ := io.ReadAll(req.Body)
		var body map[string]any
		require.NoError(t, json.Unmarshal(b, &body))
		if check != nil {
			check(body)
		}
		time.Sleep(5 * time.Millisecond) // let concurrent callers pile up
		resp := httpmock.NewStringResponse(201, `{"token":{"expires_at":"`+expires.UTC().Format(time.RFC3339Nano)+`","methods":["password"],"project":{"id":"pid-1","name":"cn-north-4"}}}`)
		resp.Header.Set("X-Subject-Token", "token-"+string(rune('0'+calls.Load())))
		return resp, nil
	}
}

func newMock() (*httpmock.MockTransport, context.Context) {
	mt := httpmock.NewMockTransport()
	ctx := auth.WithEnv(context.Background(), auth.Env{HTTPClient: &http.Client{Transport: mt}, IAMEndpoint: iam})
	return mt, ctx
}

func TestPasswordCredentialsLoginAndScope(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", tokenResponder(t, &calls, time.Now().Add(24*time.Hour), func(body map[string]any) {
		want := `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alice","password":"pw-Secret1","domain":{"name":"acme"}}}},"scope":{"project":{"name":"cn-north-4"}}}}`
		got, _ := json.Marshal(body)
		assert.JSONEq(t, want, string(got))
	}))
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: "pw-Secret1", DomainName: "acme", ProjectName: "cn-north-4"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, "token-1", req.Header.Get("X-Auth-Token"))
	pid, err := c.ProjectID(ctx)
	require.NoError(t, err)
	assert.Equal(t, "pid-1", pid)
	// Cached: no second login.
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, int32(1), calls.Load())
}

func TestPasswordCredentialsScopeByProjectID(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", tokenResponder(t, &calls, time.Now().Add(time.Hour), func(body map[string]any) {
		scope := body["auth"].(map[string]any)["scope"].(map[string]any)["project"].(map[string]any)
		assert.Equal(t, map[string]any{"id": "pid-9"}, scope)
	}))
	c := auth.NewPasswordCredentials(auth.Password{IAMEndpoint: iam, Username: "a", Password: "b", DomainName: "d", ProjectID: "pid-9"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	require.NoError(t, c.Authorize(auth.WithEnv(context.Background(), auth.Env{HTTPClient: &http.Client{Transport: mt}}), req, nil))
	_ = ctx
}

func TestPasswordCredentialsConcurrentCallersShareOneFetch(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", tokenResponder(t, &calls, time.Now().Add(24*time.Hour), nil))
	c := auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d", ProjectName: "r"})
	var wg sync.WaitGroup
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
			assert.NoError(t, c.Authorize(ctx, req, nil))
			assert.Equal(t, "token-1", req.Header.Get("X-Auth-Token"))
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(1), calls.Load())
}

func TestPasswordCredentialsRefreshBeforeExpiry(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	// A token that expires in 4 minutes is inside the 5-minute refresh
	// window… but the window is capped at half the lifetime (2 minutes), so
	// it is used once and renewed only after RefreshBefore is set larger.
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", tokenResponder(t, &calls, time.Now().Add(4*time.Minute), nil))
	c := auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	require.NoError(t, c.Authorize(ctx, req, nil))
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, int32(1), calls.Load())
	c.Invalidate()
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, int32(2), calls.Load())
	assert.Equal(t, "token-2", req.Header.Get("X-Auth-Token"))
}

func TestPasswordCredentialsExpiredTokenIsRenewed(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", tokenResponder(t, &calls, time.Now().Add(-time.Minute), nil))
	c := auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	// An already-expired token is fetched, used once, and fetched again on the next call.
	require.NoError(t, c.Authorize(ctx, req, nil))
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, int32(2), calls.Load())
}

func TestPasswordCredentialsRefusedPasswordIsClearAndRedacted(t *testing.T) {
	mt, ctx := newMock()
	const pw = "Wr0ng-Secret!"
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens",
		httpmock.NewStringResponder(401, `{"error":{"code":401,"message":"The username or password is wrong: `+pw+`","title":"Unauthorized"}}`))
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: pw, DomainName: "acme", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	err := c.Authorize(ctx, req, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refused the password")
	assert.Contains(t, err.Error(), `"alice"`)
	assert.NotContains(t, err.Error(), pw)
	assert.Empty(t, req.Header.Get("X-Auth-Token"))
}

func TestPasswordCredentialsNeedFields(t *testing.T) {
	_, ctx := newMock()
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	err := auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d"}).Authorize(ctx, req, nil)
	require.ErrorContains(t, err, "ProjectName")
	err = auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d", ProjectName: "r"}).Authorize(context.Background(), req, nil)
	require.ErrorContains(t, err, "IAM endpoint")
}

func TestPasswordCredentialsCallerCancellation(t *testing.T) {
	mt, _ := newMock()
	block := make(chan struct{})
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", func(req *http.Request) (*http.Response, error) {
		<-block
		return httpmock.NewStringResponse(500, "x"), nil
	})
	defer close(block)
	ctx, cancel := context.WithCancel(auth.WithEnv(context.Background(), auth.Env{HTTPClient: &http.Client{Transport: mt}, IAMEndpoint: iam}))
	c := auth.NewPasswordCredentials(auth.Password{Username: "a", Password: "b", DomainName: "d", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	err := c.Authorize(ctx, req, nil)
	require.ErrorIs(t, err, context.Canceled)
}

// A refused password is not sent to IAM again (repeated failed logins
// lock the IAM user) until Invalidate.
func TestPasswordCredentialsRefusalIsRemembered(t *testing.T) {
	mt, ctx := newMock()
	var calls atomic.Int32
	refuse := true
	var mu sync.Mutex
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		calls.Add(1)
		if refuse {
			return httpmock.NewStringResponse(401, `{"error":{"code":401,"message":"The username or password is wrong."}}`), nil
		}
		resp := httpmock.NewStringResponse(201, `{"token":{"expires_at":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`","project":{"id":"pid-1"}}}`)
		resp.Header.Set("X-Subject-Token", "fresh")
		return resp, nil
	})
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: "pw-123456", DomainName: "acme", ProjectName: "r"})
	for range 5 {
		req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
		err := c.Authorize(ctx, req, nil)
		require.ErrorIs(t, err, auth.ErrPasswordRefused)
	}
	assert.EqualValues(t, 1, calls.Load(), "IAM was asked once")

	mu.Lock()
	refuse = false // the password was fixed on IAM's side
	mu.Unlock()
	c.Invalidate()
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	require.NoError(t, c.Authorize(ctx, req, nil))
	assert.Equal(t, "fresh", req.Header.Get("X-Auth-Token"))
	assert.EqualValues(t, 2, calls.Load())
}

// A password that IAM's JSON escapes ('"', '<') is redacted from the
// decoded message too.
func TestPasswordCredentialsEscapedEchoIsRedacted(t *testing.T) {
	mt, ctx := newMock()
	const pw = `Pa"ss<w0rd>&`
	escaped, _ := json.Marshal("The password is incorrect: " + pw)
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens",
		httpmock.NewStringResponder(401, `{"error":{"code":401,"message":`+string(escaped)+`}}`))
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: pw, DomainName: "acme", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	err := c.Authorize(ctx, req, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), pw)
	assert.Contains(t, err.Error(), "The password is incorrect")
}

// A redirect from IAM is not followed with the password in the body.
func TestPasswordCredentialsNeverFollowRedirects(t *testing.T) {
	mt, ctx := newMock()
	var elsewhere atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", func(req *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(307, "")
		resp.Header.Set("Location", "https://attacker.example/steal")
		return resp, nil
	})
	mt.RegisterResponder(http.MethodPost, "https://attacker.example/steal", func(req *http.Request) (*http.Response, error) {
		elsewhere.Add(1)
		return httpmock.NewStringResponse(201, `{}`), nil
	})
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: "pw-123456", DomainName: "acme", ProjectName: "r"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	err := c.Authorize(ctx, req, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "HTTP 307")
	assert.Zero(t, elsewhere.Load())
}

// An Invalidate while a login is in flight wins over that login's refusal.
func TestPasswordCredentialsInvalidateDuringRefusedLogin(t *testing.T) {
	mt, ctx := newMock()
	release := make(chan struct{})
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, iam+"/v3/auth/tokens", func(req *http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			<-release
			return httpmock.NewStringResponse(403, `{"error":{"code":403,"message":"refused"}}`), nil
		}
		resp := httpmock.NewStringResponse(201, `{"token":{"expires_at":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`","project":{"id":"pid-1"}}}`)
		resp.Header.Set("X-Subject-Token", "fresh")
		return resp, nil
	})
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: "pw-123456", DomainName: "acme", ProjectName: "r"})
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
		done <- c.Authorize(ctx, req, nil)
	}()
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 5*time.Second, time.Millisecond)
	c.Invalidate() // e.g. the password was just fixed
	close(release)
	require.ErrorIs(t, <-done, auth.ErrPasswordRefused, "the login in flight was refused")
	req, _ := http.NewRequest(http.MethodGet, "https://dms/x", nil)
	require.NoError(t, c.Authorize(ctx, req, nil), "the refusal is not remembered past Invalidate")
	assert.Equal(t, "fresh", req.Header.Get("X-Auth-Token"))
}

// The IAM endpoint cannot carry user info (it would be sent and printed),
// and the refusal does not show it.
func TestPasswordCredentialsRefuseUserInfoInTheIAMEndpoint(t *testing.T) {
	t.Parallel()
	mt, ctx := newMock()
	c := auth.NewPasswordCredentials(auth.Password{IAMEndpoint: "https://admin:s3cretpw@iam.test.example", Username: "alice",
		Password: "pw-123456", DomainName: "acme", ProjectName: "cn-north-4"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms.example/v2", nil)
	err := c.Authorize(ctx, req, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "without user info")
	assert.NotContains(t, err.Error(), "s3cretpw")
	assert.Zero(t, mt.GetTotalCallCount())
}

// A transport failure of the login has its URL redacted and stays a
// *url.Error.
func TestPasswordCredentialsTransportErrorIsAURLError(t *testing.T) {
	t.Parallel()
	mt, ctx := newMock()
	mt.RegisterNoResponder(httpmock.NewErrorResponder(io.ErrUnexpectedEOF))
	c := auth.NewPasswordCredentials(auth.Password{Username: "alice", Password: "pw-123456", DomainName: "acme", ProjectName: "cn-north-4"})
	req, _ := http.NewRequest(http.MethodGet, "https://dms.example/v2", nil)
	err := c.Authorize(ctx, req, nil)
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, iam+"/v3/auth/tokens", ue.URL)
	assert.NotContains(t, err.Error(), "pw-123456")
}
