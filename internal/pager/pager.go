// Package pager turns offset/limit list calls into iter.Seq2 iterators.
package pager

import (
	"context"
	"iter"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
)

// Page is one page of a list call.
type Page[T any] struct {
	Items []T
	// Total is the number of items the server reports, or -1 when the
	// response has no total (the iterator then stops on a short page).
	Total int64
}

// Fetch asks for one page at offset with limit.
type Fetch[T any] func(ctx context.Context, offset, limit int) (Page[T], error)

// Offsets iterates over every item, starting at offset (≥ 0) with pages of
// limit items (limit > 0). It never asks past Total, stops on an empty page
// (and, when there is no Total, on a short one), stops when the consumer
// breaks, yields an error once and stops, and checks ctx between pages.
//
// byPage says how offset advances: false, by items (offset += len(items));
// true, for APIs whose offset is a 1-based page number, by pages
// (offset += 1).
func Offsets[T any](ctx context.Context, offset, limit int, byPage bool, fetch Fetch[T]) iter.Seq2[T, error] {
	start := offset
	return func(yield func(T, error) bool) {
		var zero T
		var seen int64
		// Each range starts over at the first offset.
		offset := start
		if !byPage {
			seen = int64(offset)
		} else if offset > 1 {
			// Pages before the first one asked for count toward the total.
			seen = int64(offset-1) * int64(limit)
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, offset, limit)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			n := len(page.Items)
			seen += int64(n)
			switch {
			case n == 0:
				return
			case page.Total >= 0:
				// With a total, a short page is not the end: the service
				// may answer fewer items than asked for.
				if seen >= page.Total {
					return
				}
			case n < limit:
				return
			}
			if byPage {
				offset++
			} else {
				offset += n
			}
		}
	}
}

// Total returns the total to stop at for a page of n items at offset, or
// -1 when the response's total is missing or contradicts the items
// received (the iterator then stops on a short page).
func Total(total int64, offset, n int) int64 {
	if total < int64(offset)+int64(n) {
		return -1
	}
	return total
}

// Err is an iterator that yields err once.
func Err[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// Window is where an iterator starts and how it pages.
type Window struct {
	// Offset is the first offset (item offset, or page number when ByPage).
	Offset int
	// Limit is the page size, > 0.
	Limit int
	// ByPage says the API's offset is a 1-based page number.
	ByPage bool
	// End, when set, recognises the error with which the service refuses
	// a page past the end of a list without total: such an error after
	// the first page ends the iteration cleanly.
	End func(error) bool
}

// At is the window of an iterator asked to start at offset with pages of
// limit items, max when limit is 0.
func At(offset, limit, max int) Window {
	if limit <= 0 {
		limit = max
	}
	return Window{Offset: offset, Limit: limit}
}

// Start is At for page options (nil: from the start).
func Start(o *rocketmq.PageOptions, max int) Window {
	if o == nil {
		return At(0, 0, max)
	}
	return At(o.Offset, o.Limit, max)
}

// Iter is the iterator of a paged list call, the one shape of every
// …Iter method: check (the method's rules, checked once, not per page)
// ends it at once with that error; otherwise each page is the request
// spec(offset, limit) sent by call.Do, and items reads a decoded page: its
// items and the total the answer reports (-1 for none). A total that
// contradicts the items received is ignored (see Total). The caller's
// options are read when Iter is called: later changes do not affect it.
func Iter[Item, P any](ctx context.Context, c *rocketmq.Client, w Window, check error,
	spec func(offset, limit int) call.Spec, items func(*P) ([]Item, int64), opts []rocketmq.CallOption) iter.Seq2[Item, error] {
	if check != nil {
		return Err[Item](check)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	opts = append([]rocketmq.CallOption(nil), opts...)
	return Offsets(ctx, w.Offset, w.Limit, w.ByPage, func(ctx context.Context, offset, limit int) (Page[Item], error) {
		p, err := call.Do[P](ctx, c, spec(offset, limit), opts)
		if err != nil {
			if offset != w.Offset && w.End != nil && w.End(err) {
				return Page[Item]{Total: -1}, nil
			}
			return Page[Item]{}, err
		}
		its, total := items(p)
		if total >= 0 {
			first := offset
			if w.ByPage {
				first = max(offset-1, 0) * limit
			}
			total = Total(total, first, len(its))
		}
		return Page[Item]{Items: its, Total: total}, nil
	})
}

// All collects every item of Iter with these arguments: the lists the
// service pages but a family method returns whole. It returns a non-nil
// slice, or the first error.
func All[Item, P any](ctx context.Context, c *rocketmq.Client, w Window, check error,
	spec func(offset, limit int) call.Spec, items func(*P) ([]Item, int64), opts []rocketmq.CallOption) ([]Item, error) {
	out := []Item{}
	for it, err := range Iter(ctx, c, w, check, spec, items, opts) {
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
