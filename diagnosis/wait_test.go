package diagnosis_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/diagnosis"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

func reportCall(status string) testutil.Call {
	return testutil.Call{
		Method: http.MethodGet, Path: reportPath + "rep-4e8b0c6d",
		Response: `{"report_id":"rep-4e8b0c6d","status":"` + status + `","created_at":1717171717171}`,
	}
}

func TestWaitForReportPollsWhileDiagnosing(t *testing.T) {
	t.Parallel()
	// nil options back off (at once, 100ms, 200ms): three polls.
	c := newClient(t, reportCall("diagnosing"), reportCall("diagnosing"), testutil.Call{
		Method: http.MethodGet, Path: reportPath + "rep-4e8b0c6d",
		Response: testutil.Fixture(t, "get.response.json"),
	})
	got, err := c.WaitForReport(context.Background(), "rep-4e8b0c6d", nil)
	require.NoError(t, err)
	assert.Equal(t, wantReport, got)
}

func TestWaitForReportEndsOnAnyOtherStatus(t *testing.T) {
	t.Parallel()
	for _, st := range []string{"finished", "normal", "Abnormal"} {
		t.Run(st, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, reportCall("DIAGNOSING"), reportCall(st))
			got, err := c.WaitForReport(context.Background(), "rep-4e8b0c6d", &diagnosis.WaitOptions{PollInterval: time.Millisecond})
			require.NoError(t, err)
			assert.Equal(t, st, got.Status)
		})
	}
}

func TestWaitForReportFailsOnFailedOrDeleted(t *testing.T) {
	t.Parallel()
	for _, st := range []string{diagnosis.StatusFailed, diagnosis.StatusDeleted} {
		t.Run(st, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, reportCall("diagnosing"), reportCall(st))
			got, err := c.WaitForReport(context.Background(), "rep-4e8b0c6d", &diagnosis.WaitOptions{PollInterval: time.Millisecond})
			require.Error(t, err)
			assert.Nil(t, got)
			var se *diagnosis.ReportStatusError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, &diagnosis.ReportStatusError{ReportID: "rep-4e8b0c6d", Status: st}, se)
			assert.Equal(t, "diagnosis: report rep-4e8b0c6d is "+st, err.Error(), "the state and the report once")
		})
	}
}

func TestWaitForReportEndsWithGetsError(t *testing.T) {
	t.Parallel()
	c := newClient(t, testutil.Call{
		Method: http.MethodGet, Path: reportPath + "rep-4e8b0c6d", Status: http.StatusBadRequest,
		Response: `{"error_code":"DMS.00400062","error_msg":"Invalid request parameter."}`,
	})
	_, err := c.WaitForReport(context.Background(), "rep-4e8b0c6d", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DMS.00400062")
}

// diagnosingForever answers every request with a report still diagnosing
// and counts them.
func diagnosingForever(t *testing.T) (*diagnosis.Client, *atomic.Int64) {
	t.Helper()
	c, mt := testutil.NewClient(t)
	var n atomic.Int64
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		n.Add(1)
		testutil.AssertRequest(t, req, nil, reportCall("diagnosing"))
		return httpmock.NewStringResponse(http.StatusOK, `{"report_id":"rep-4e8b0c6d","status":"diagnosing"}`), nil
	})
	return diagnosis.New(c), &n
}

func TestWaitForReportTimeoutIsAnError(t *testing.T) {
	t.Parallel()
	c, n := diagnosingForever(t)
	got, err := c.WaitForReport(context.Background(), "rep-4e8b0c6d", &diagnosis.WaitOptions{PollInterval: time.Millisecond, Timeout: 30 * time.Millisecond})
	assert.Nil(t, got)
	require.ErrorIs(t, err, diagnosis.ErrWaitTimeout)
	assert.Contains(t, err.Error(), "diagnosing", "the error names the last state")
	assert.GreaterOrEqual(t, n.Load(), int64(2), "a fixed interval polls more than once")
}

func TestWaitForReportContextEndIsAnError(t *testing.T) {
	t.Parallel()
	c, _ := diagnosingForever(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	got, err := c.WaitForReport(ctx, "rep-4e8b0c6d", nil)
	assert.Nil(t, got)
	require.ErrorIs(t, err, context.Canceled)
}

func TestWaitForReportEndedContextPollsNever(t *testing.T) {
	t.Parallel()
	c, n := diagnosingForever(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.WaitForReport(ctx, "rep-4e8b0c6d", nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.LessOrEqual(t, n.Load(), int64(1))
}
