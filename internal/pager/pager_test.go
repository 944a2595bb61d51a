package pager_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

type call struct{ offset, limit int }

// server serves items 0..n-1; withTotal says whether pages carry the total.
type server struct {
	n         int
	withTotal bool
	byPage    bool // offset is a 1-based page number
	maxPage   int  // the server's page size when limit is 0
	calls     []call
	failAt    int // 1-based call number that fails; 0 = never
}

var errBoom = errors.New("boom")

func (s *server) fetch(_ context.Context, offset, limit int) (pager.Page[int], error) {
	s.calls = append(s.calls, call{offset, limit})
	if s.failAt == len(s.calls) {
		return pager.Page[int]{}, errBoom
	}
	size := limit
	if size == 0 {
		size = s.maxPage
	}
	start := offset
	if s.byPage {
		start = (max(offset, 1) - 1) * size
	}
	var items []int
	for i := start; i < start+size && i < s.n; i++ {
		items = append(items, i)
	}
	total := int64(-1)
	if s.withTotal {
		total = int64(s.n)
	}
	return pager.Page[int]{Items: items, Total: total}, nil
}

func collect(t *testing.T, seq func(func(int, error) bool)) ([]int, []error) {
	t.Helper()
	var items []int
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestOffsets(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		srv       server
		offset    int
		limit     int
		wantItems []int
		wantCalls []call
	}{
		{
			name: "total stops without an extra call",
			srv:  server{n: 20, withTotal: true}, limit: 10,
			wantItems: seq(20), wantCalls: []call{{0, 10}, {10, 10}},
		},
		{
			name: "short page stops without a total",
			srv:  server{n: 25}, limit: 10,
			wantItems: seq(25), wantCalls: []call{{0, 10}, {10, 10}, {20, 10}},
		},
		{
			name: "exact multiple without a total needs an empty page",
			srv:  server{n: 20}, limit: 10,
			wantItems: seq(20), wantCalls: []call{{0, 10}, {10, 10}, {20, 10}},
		},
		{
			name: "empty listing",
			srv:  server{n: 0, withTotal: true}, limit: 10,
			wantItems: nil, wantCalls: []call{{0, 10}},
		},
		{
			name: "starting offset counts toward the total",
			srv:  server{n: 25, withTotal: true}, offset: 5, limit: 10,
			wantItems: seq(25)[5:], wantCalls: []call{{5, 10}, {15, 10}},
		},
		{
			name: "starting at the total",
			srv:  server{n: 20, withTotal: true}, offset: 20, limit: 10,
			wantItems: nil, wantCalls: []call{{20, 10}},
		},
		{
			name: "zero limit: the server's page size, ends on an empty page",
			srv:  server{n: 25, maxPage: 10}, limit: 0,
			wantItems: seq(25), wantCalls: []call{{0, 0}, {10, 0}, {20, 0}, {25, 0}},
		},
		{
			name: "zero limit with a total",
			srv:  server{n: 25, maxPage: 10, withTotal: true}, limit: 0,
			wantItems: seq(25), wantCalls: []call{{0, 0}, {10, 0}, {20, 0}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.srv
			items, errs := collect(t, pager.Offsets(context.Background(), tc.offset, tc.limit, false, s.fetch))
			assert.Empty(t, errs)
			assert.Equal(t, tc.wantItems, items)
			assert.Equal(t, tc.wantCalls, s.calls)
		})
	}
}

func TestOffsetsByPage(t *testing.T) {
	t.Parallel()

	t.Run("from page 1", func(t *testing.T) {
		s := server{n: 25, withTotal: true, byPage: true}
		items, errs := collect(t, pager.Offsets(context.Background(), 1, 10, true, s.fetch))
		assert.Empty(t, errs)
		assert.Equal(t, seq(25), items)
		assert.Equal(t, []call{{1, 10}, {2, 10}, {3, 10}}, s.calls)
	})

	t.Run("from page 1, exact total", func(t *testing.T) {
		s := server{n: 30, withTotal: true, byPage: true}
		items, _ := collect(t, pager.Offsets(context.Background(), 1, 10, true, s.fetch))
		assert.Equal(t, seq(30), items)
		assert.Equal(t, []call{{1, 10}, {2, 10}, {3, 10}}, s.calls, "no page 4")
	})

	t.Run("from page 3: earlier pages count toward the total", func(t *testing.T) {
		s := server{n: 40, withTotal: true, byPage: true}
		items, _ := collect(t, pager.Offsets(context.Background(), 3, 10, true, s.fetch))
		assert.Equal(t, seq(40)[20:], items)
		assert.Equal(t, []call{{3, 10}, {4, 10}}, s.calls, "page 4 ends at the total: no page 5")
	})

	t.Run("from page 3 without a total", func(t *testing.T) {
		s := server{n: 35, byPage: true}
		items, _ := collect(t, pager.Offsets(context.Background(), 3, 10, true, s.fetch))
		assert.Equal(t, seq(35)[20:], items)
		assert.Equal(t, []call{{3, 10}, {4, 10}}, s.calls)
	})
}

func TestOffsetsBreak(t *testing.T) {
	t.Parallel()
	s := server{n: 100, withTotal: true}
	var got []int
	for it, err := range pager.Offsets(context.Background(), 0, 10, false, s.fetch) {
		require.NoError(t, err)
		got = append(got, it)
		if it == 12 {
			break
		}
	}
	assert.Equal(t, seq(13), got)
	assert.Equal(t, []call{{0, 10}, {10, 10}}, s.calls, "no page after the break")
}

func TestOffsetsErrorOnce(t *testing.T) {
	t.Parallel()
	s := server{n: 100, withTotal: true, failAt: 2}
	items, errs := collect(t, pager.Offsets(context.Background(), 0, 10, false, s.fetch))
	assert.Equal(t, seq(10), items, "the first page's items, then the error")
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], errBoom)
	assert.Len(t, s.calls, 2, "nothing after the error")

	// Breaking on the error stops too.
	s = server{n: 100, withTotal: true, failAt: 1}
	n := 0
	for _, err := range pager.Offsets(context.Background(), 0, 10, false, s.fetch) {
		n++
		require.ErrorIs(t, err, errBoom)
		break
	}
	assert.Equal(t, 1, n)
}

func TestOffsetsContext(t *testing.T) {
	t.Parallel()

	t.Run("cancelled between pages", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s := server{n: 100, withTotal: true}
		var items []int
		var errs []error
		for it, err := range pager.Offsets(ctx, 0, 10, false, s.fetch) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items = append(items, it)
			if it == 9 {
				cancel()
			}
		}
		assert.Equal(t, seq(10), items)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.Canceled)
		assert.Len(t, s.calls, 1)
	})

	t.Run("already cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		s := server{n: 100, withTotal: true}
		items, errs := collect(t, pager.Offsets(ctx, 0, 10, false, s.fetch))
		assert.Empty(t, items)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.Canceled)
		assert.Empty(t, s.calls)
	})
}

func TestOffsetsIsReusable(t *testing.T) {
	t.Parallel()
	s := server{n: 15, withTotal: true}
	it := pager.Offsets(context.Background(), 0, 10, false, s.fetch)
	a, _ := collect(t, it)
	b, _ := collect(t, it)
	assert.Equal(t, seq(15), a)
	assert.Equal(t, a, b, "each range starts over")
}

func TestTotal(t *testing.T) {
	for _, tc := range []struct {
		total       int64
		offset, n   int
		want        int64
		description string
	}{
		{10, 0, 5, 10, "consistent"},
		{10, 5, 5, 10, "last page"},
		{0, 0, 0, 0, "empty"},
		{0, 0, 5, -1, "no total but items"},
		{5, 4, 2, -1, "total below what was received"},
		{-3, 0, 0, -1, "negative"},
	} {
		assert.Equal(t, tc.want, pager.Total(tc.total, tc.offset, tc.n), tc.description)
	}
}

func TestErr(t *testing.T) {
	boom := errors.New("boom")
	var got []error
	for v, err := range pager.Err[int](boom) {
		assert.Zero(t, v)
		got = append(got, err)
	}
	assert.Equal(t, []error{boom}, got)
	for range pager.Err[string](boom) {
		break // a consumer that stops at once
	}
}

// A service that answers fewer items than asked for (a capped page size)
// does not end an iteration that has a total; without a total a short page
// is the end.
func TestOffsetsShortPagesWithTotal(t *testing.T) {
	capped := func(total int64, calls *[]call) pager.Fetch[int] {
		return func(_ context.Context, offset, limit int) (pager.Page[int], error) {
			*calls = append(*calls, call{offset, limit})
			var items []int
			for i := offset; i < offset+3 && int64(i) < 10; i++ { // at most 3 per page
				items = append(items, i)
			}
			return pager.Page[int]{Items: items, Total: total}, nil
		}
	}
	var calls []call
	var got []int
	for v, err := range pager.Offsets(context.Background(), 0, 5, false, capped(10, &calls)) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, got)
	assert.Equal(t, []call{{0, 5}, {3, 5}, {6, 5}, {9, 5}}, calls)

	calls, got = nil, nil
	for v, err := range pager.Offsets(context.Background(), 0, 5, false, capped(-1, &calls)) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{0, 1, 2}, got, "no total: the short page ends it")
}
