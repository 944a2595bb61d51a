// Package wait is the polling loop under every waiter.
package wait

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// ErrTimeout is wrapped by the error For returns when its timeout ends.
var ErrTimeout = errors.New("wait: timed out")

// For calls poll every interval until it reports done or an error, the
// context ends, or timeout (if > 0) passes. It polls once at once. An
// ended wait is always an error, never success: ctx.Err() (wrapped with the
// last state) or ErrTimeout.
func For(ctx context.Context, interval, timeout time.Duration, poll func(ctx context.Context) (done bool, state string, err error)) error {
	if interval <= 0 {
		interval = time.Second
	}
	return Backoff(ctx, interval, interval, timeout, poll)
}

// Default delays of a backing-off wait (Backoff): 100ms after the first
// poll, doubling up to the waiter's usual interval. A wait on the emulator
// then ends within a few hundred milliseconds, and the service sees about
// one poll per second or fewer after the first two seconds.
const (
	DefaultMinDelay = 100 * time.Millisecond
)

// Backoff is For with delays that grow: the first poll at once, then
// minDelay, doubling up to maxDelay (as aws-sdk-go-v2's waiters do). A
// minDelay ≤ 0 means DefaultMinDelay; a maxDelay below minDelay is raised
// to it.
func Backoff(ctx context.Context, minDelay, maxDelay, timeout time.Duration, poll func(ctx context.Context) (done bool, state string, err error)) error {
	if minDelay <= 0 {
		minDelay = DefaultMinDelay
	}
	if maxDelay < minDelay {
		maxDelay = minDelay
	}
	delay := minDelay
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, ErrTimeout)
		defer cancel()
	}
	t := time.NewTimer(0)
	defer t.Stop()
	last := ""
	for {
		select {
		case <-ctx.Done():
			return endErr(ctx, last)
		case <-t.C:
		}
		done, state, err := poll(ctx)
		if state != "" {
			last = state
		}
		if err != nil {
			if ctx.Err() != nil {
				return endErr(ctx, last)
			}
			return err
		}
		if done {
			return nil
		}
		t.Reset(delay)
		if delay < maxDelay {
			delay = min(2*delay, maxDelay)
		}
	}
}

func endErr(ctx context.Context, last string) error {
	cause := context.Cause(ctx)
	if errors.Is(cause, ErrTimeout) {
		if last != "" {
			return fmt.Errorf("%w (last state %s)", ErrTimeout, last)
		}
		return ErrTimeout
	}
	if last != "" {
		return fmt.Errorf("%w (last state %s)", ctx.Err(), last)
	}
	return ctx.Err()
}

// Schedule is when a waiter polls (the first poll is always at once) and
// for how long.
type Schedule struct {
	// MinDelay and MaxDelay bound the delay between two polls: it starts
	// at MinDelay and doubles up to MaxDelay (equal for a fixed interval).
	MinDelay, MaxDelay time.Duration
	// Timeout bounds the whole wait (0: only the context does).
	Timeout time.Duration
}

// Plan turns the PollInterval and Timeout of a family's WaitOptions into
// its schedule, the one rule of every waiter: PollInterval 0 backs off from
// DefaultMinDelay up to maxDelay, a positive one is a fixed interval, a
// negative one is a *rocketmq.ValidationError; Timeout 0 means
// defaultTimeout, a negative one no bound but the context's.
func Plan(pollInterval, timeout, maxDelay, defaultTimeout time.Duration) (Schedule, error) {
	if pollInterval < 0 {
		return Schedule{}, check.Fail("PollInterval", "is %s; it must be 0 (back off) or more", pollInterval)
	}
	s := Schedule{MinDelay: DefaultMinDelay, MaxDelay: maxDelay, Timeout: defaultTimeout}
	if pollInterval > 0 {
		s.MinDelay, s.MaxDelay = pollInterval, pollInterval
	}
	switch {
	case timeout < 0:
		s.Timeout = 0
	case timeout > 0:
		s.Timeout = timeout
	}
	return s, nil
}

// Poll runs poll on the schedule (see Backoff). A nil ctx is
// context.Background().
func (s Schedule) Poll(ctx context.Context, poll func(ctx context.Context) (done bool, state string, err error)) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return Backoff(ctx, s.MinDelay, s.MaxDelay, s.Timeout, poll)
}
