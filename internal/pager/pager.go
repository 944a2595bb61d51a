// Package pager turns offset/limit list calls into iter.Seq2 iterators.
package pager

import (
	"context"
	"iter"
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
