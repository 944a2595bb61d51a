package wait_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/wait"
)

func TestForDoneAtOnce(t *testing.T) {
	t.Parallel()
	var polls atomic.Int32
	start := time.Now()
	err := wait.For(context.Background(), time.Hour, time.Hour, func(context.Context) (bool, string, error) {
		polls.Add(1)
		return true, "RUNNING", nil
	})
	require.NoError(t, err)
	assert.EqualValues(t, 1, polls.Load())
	assert.Less(t, time.Since(start), time.Second, "the first poll is immediate")
}

func TestForPollsUntilDone(t *testing.T) {
	t.Parallel()
	var polls atomic.Int32
	err := wait.For(context.Background(), time.Millisecond, 0, func(context.Context) (bool, string, error) {
		return polls.Add(1) == 4, "CREATING", nil
	})
	require.NoError(t, err)
	assert.EqualValues(t, 4, polls.Load())
}

func TestForTimeout(t *testing.T) {
	t.Parallel()
	start := time.Now()
	err := wait.For(context.Background(), 5*time.Millisecond, 40*time.Millisecond, func(context.Context) (bool, string, error) {
		return false, "CREATING", nil
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, wait.ErrTimeout)
	assert.NotErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "CREATING", "the last state is reported")
	assert.Less(t, time.Since(start), 2*time.Second)

	// Without a state.
	err = wait.For(context.Background(), 5*time.Millisecond, 20*time.Millisecond, func(context.Context) (bool, string, error) {
		return false, "", nil
	})
	assert.Equal(t, wait.ErrTimeout, err)
}

func TestForTimeoutWhilePolling(t *testing.T) {
	t.Parallel()
	// The poll itself sees the wait's context end (as an HTTP call would).
	err := wait.For(context.Background(), time.Millisecond, 30*time.Millisecond, func(ctx context.Context) (bool, string, error) {
		<-ctx.Done()
		return false, "DELETING", ctx.Err()
	})
	assert.ErrorIs(t, err, wait.ErrTimeout)
	assert.Contains(t, err.Error(), "DELETING")
}

func TestForContextCancel(t *testing.T) {
	t.Parallel()

	t.Run("between polls", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var polls atomic.Int32
		err := wait.For(ctx, time.Millisecond, time.Hour, func(context.Context) (bool, string, error) {
			if polls.Add(1) == 2 {
				cancel()
			}
			return false, "CREATING", nil
		})
		require.Error(t, err, "an ended wait is never success")
		assert.ErrorIs(t, err, context.Canceled)
		assert.NotErrorIs(t, err, wait.ErrTimeout)
	})

	t.Run("during a poll", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		err := wait.For(ctx, time.Millisecond, 0, func(pctx context.Context) (bool, string, error) {
			cancel()
			<-pctx.Done()
			return false, "", pctx.Err()
		})
		assert.Equal(t, context.Canceled, err)
	})

	t.Run("already cancelled", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var polls atomic.Int32
		err := wait.For(ctx, time.Millisecond, time.Hour, func(context.Context) (bool, string, error) {
			polls.Add(1)
			return false, "", nil
		})
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
	})

	t.Run("parent deadline before the timeout", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		err := wait.For(ctx, time.Millisecond, time.Hour, func(context.Context) (bool, string, error) {
			return false, "CREATING", nil
		})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.NotErrorIs(t, err, wait.ErrTimeout)
	})
}

func TestForPollError(t *testing.T) {
	t.Parallel()
	boom := errors.New("HTTP 500")
	var polls atomic.Int32
	err := wait.For(context.Background(), time.Millisecond, time.Hour, func(context.Context) (bool, string, error) {
		if polls.Add(1) == 3 {
			return false, "", boom
		}
		return false, "CREATING", nil
	})
	assert.Equal(t, boom, err)
	assert.EqualValues(t, 3, polls.Load(), "no poll after the error")

	// An error with done=true is still an error.
	err = wait.For(context.Background(), time.Millisecond, 0, func(context.Context) (bool, string, error) {
		return true, "", boom
	})
	assert.Equal(t, boom, err)
}

func TestForDefaultInterval(t *testing.T) {
	t.Parallel()
	// interval ≤ 0 means one second: a second poll is not made within 100ms.
	var polls atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := wait.For(ctx, 0, 0, func(context.Context) (bool, string, error) {
		polls.Add(1)
		return false, "", nil
	})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.EqualValues(t, 1, polls.Load())
}

func TestBackoffGrowsToMax(t *testing.T) {
	t.Parallel()
	var stamps []time.Time
	start := time.Now()
	err := wait.Backoff(context.Background(), 10*time.Millisecond, 40*time.Millisecond, 0, func(context.Context) (bool, string, error) {
		stamps = append(stamps, time.Now())
		return len(stamps) == 7, "CREATING", nil
	})
	require.NoError(t, err)
	require.Len(t, stamps, 7)
	assert.Less(t, stamps[0].Sub(start), 10*time.Millisecond, "the first poll is immediate")
	// Gaps: 10, 20, 40, 40, 40, 40 ms at least (timers fire late, never early).
	want := []time.Duration{10, 20, 40, 40, 40, 40}
	for i, w := range want {
		assert.GreaterOrEqual(t, stamps[i+1].Sub(stamps[i]), w*time.Millisecond, "gap %d", i)
	}
	// Uncapped, the last gap would be 320ms.
	assert.Less(t, stamps[6].Sub(stamps[5]), 250*time.Millisecond, "the delay stops growing at the maximum")
}

// TestPlan: PollInterval 0 backs off from DefaultMinDelay to the waiter's
// longest delay; an explicit interval is fixed; a negative one is refused;
// Timeout 0 is the waiter's default, a negative one none.
func TestPlan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		poll, timeout time.Duration
		want          wait.Schedule
	}{
		{0, 0, wait.Schedule{MinDelay: wait.DefaultMinDelay, MaxDelay: 10 * time.Second, Timeout: time.Hour}},
		{time.Second, 2 * time.Hour, wait.Schedule{MinDelay: time.Second, MaxDelay: time.Second, Timeout: 2 * time.Hour}},
		{0, -1, wait.Schedule{MinDelay: wait.DefaultMinDelay, MaxDelay: 10 * time.Second}},
	} {
		got, err := wait.Plan(tc.poll, tc.timeout, 10*time.Second, time.Hour)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	_, err := wait.Plan(-time.Second, 0, 10*time.Second, time.Hour)
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "PollInterval", ve.Field)
}
