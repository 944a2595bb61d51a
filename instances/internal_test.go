package instances

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWaitOptionsDefaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opts              *WaitOptions
		interval, timeout time.Duration
	}{
		{nil, 10 * time.Second, DefaultWaitTimeout},
		{&WaitOptions{}, 10 * time.Second, DefaultWaitTimeout},
		{&WaitOptions{PollInterval: time.Second, Timeout: time.Hour}, time.Second, time.Hour},
		{&WaitOptions{Timeout: -1}, 10 * time.Second, 0},
	} {
		interval, timeout, err := tc.opts.values()
		require.NoError(t, err)
		assert.Equal(t, tc.interval, interval)
		assert.Equal(t, tc.timeout, timeout)
	}
}
