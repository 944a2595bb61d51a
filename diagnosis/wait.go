package diagnosis

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/wait"
)

// Defaults of WaitOptions.
const (
	// DefaultPollInterval is the longest delay between two polls of a
	// wait without PollInterval: 5s (a diagnosis takes seconds to a
	// minute).
	DefaultPollInterval = 5 * time.Second
	// DefaultWaitTimeout bounds a wait whose Timeout is 0: 10 minutes.
	DefaultWaitTimeout = 10 * time.Minute
)

// ErrWaitTimeout is wrapped by the error of a wait whose Timeout passed
// (errors.Is). A wait ended by its context wraps the context's error
// instead.
var ErrWaitTimeout = wait.ErrTimeout

// WaitOptions tunes WaitForReport. A nil *WaitOptions means the defaults.
type WaitOptions struct {
	// PollInterval is the delay between two polls. 0 backs off: the first
	// poll at once, then 100ms, doubling up to DefaultPollInterval (5s).
	// A positive value polls at once, then every PollInterval. A negative
	// value is a *rocketmq.ValidationError.
	PollInterval time.Duration
	// Timeout bounds the whole wait; 0 means DefaultWaitTimeout (10m), a
	// negative value no bound but the context's.
	Timeout time.Duration
}

func (o *WaitOptions) schedule() (wait.Schedule, error) {
	if o == nil {
		o = &WaitOptions{}
	}
	return wait.Plan(o.PollInterval, o.Timeout, DefaultPollInterval, DefaultWaitTimeout)
}

// ReportStatusError reports a wait ended by a report that will not be
// finished: StatusFailed or StatusDeleted. WaitForReport returns it as
// it is; use errors.As.
type ReportStatusError struct {
	// ReportID is the report waited for.
	ReportID string
	// Status is the status it reached.
	Status string
}

// Error implements error.
func (e *ReportStatusError) Error() string {
	return fmt.Sprintf("diagnosis: report %s is %s", e.ReportID, e.Status)
}

// WaitForReport polls Get while the report is StatusDiagnosing and
// returns it once it has any other status (StatusFinished, StatusNormal,
// StatusAbnormal, …; compared without regard to case). StatusFailed and
// StatusDeleted end the wait with a *ReportStatusError naming the state
// (returned as it is),
// and an error of Get ends it with that error (Get itself retries by the
// client's RetryPolicy). Without opts.PollInterval the polls back off: at
// once, then after 100ms, doubling up to DefaultPollInterval (5s). When
// opts.Timeout (default 10m) or ctx ends first, the error wraps
// ErrWaitTimeout or the context's error and names the last status seen;
// it is never success.
// Polls GET /v2/{engine}/{project_id}/diagnosis/{report_id}
// (ShowDiagnosisReport). IAM: dms:instance:get (inferred).
func (c *Client) WaitForReport(ctx context.Context, reportID string, opts *WaitOptions) (*Report, error) {
	sched, err := opts.schedule()
	if err != nil {
		return nil, err
	}
	var got *Report
	err = sched.Poll(ctx, func(ctx context.Context) (bool, string, error) {
		r, err := c.Get(ctx, reportID)
		if err != nil {
			return false, "", err
		}
		switch strings.ToLower(strings.TrimSpace(r.Status)) {
		case StatusDiagnosing:
			return false, r.Status, nil
		case StatusFailed, StatusDeleted:
			return false, r.Status, &ReportStatusError{ReportID: reportID, Status: r.Status}
		}
		got = r
		return true, r.Status, nil
	})
	var ended *ReportStatusError
	switch {
	case err == nil:
		return got, nil
	case errors.As(err, &ended):
		// Its message names the report and the status once.
		return nil, err
	}
	return nil, fmt.Errorf("diagnosis: waiting for report %s: %w", reportID, err)
}
