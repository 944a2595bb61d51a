package instances

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/wait"
)

// TestWaitOptionsDelays: nil options and PollInterval 0 back off from
// wait.DefaultMinDelay to DefaultPollInterval; an explicit interval is
// fixed; Timeout 0 is the default, a negative one none.
func TestWaitOptionsDelays(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opts                *WaitOptions
		minD, maxD, timeout time.Duration
	}{
		{nil, wait.DefaultMinDelay, 10 * time.Second, DefaultWaitTimeout},
		{&WaitOptions{}, wait.DefaultMinDelay, 10 * time.Second, DefaultWaitTimeout},
		{&WaitOptions{PollInterval: time.Second, Timeout: time.Hour}, time.Second, time.Second, time.Hour},
		{&WaitOptions{Timeout: -1}, wait.DefaultMinDelay, 10 * time.Second, 0},
	} {
		minD, maxD, timeout, err := tc.opts.delays()
		require.NoError(t, err)
		assert.Equal(t, tc.minD, minD)
		assert.Equal(t, tc.maxD, maxD)
		assert.Equal(t, tc.timeout, timeout)
	}
}
