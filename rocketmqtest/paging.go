package rocketmqtest

import (
	"strconv"
	"strings"
)

const (
	defaultLimit = 10
	maxLimit     = 50
)

// page reads limit (1–50, default 10) and offset (≥ 0, default 0).
func (c *call) page() (limit, offset int, e *apiError) {
	limit, offset = defaultLimit, 0
	if v := c.query("limit"); v != "" || c.hasQuery("limit") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return 0, 0, bad(codeBadLimit, "The number of records on each page for pagination query exceeds the upper limit.", "limit must be an integer from 1 to 50, not "+quote(v)+".")
		}
		limit = n
	}
	if v := c.query("offset"); v != "" || c.hasQuery("offset") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, 0, bad(codeBadOffset, "The number of skipped records for pagination query exceeds the upper limit.", "offset must be an integer of at least 0, not "+quote(v)+".")
		}
		offset = n
	}
	return limit, offset, nil
}

// window returns the [lo, hi) slice bounds of a page. An offset at or
// beyond a non-empty total is DMS.40050010, as the real service answers.
func window(total, limit, offset int) (lo, hi int, e *apiError) {
	if total > 0 && offset >= total {
		return 0, 0, bad(codeOffsetInvalid, "Offset parameter is invalid.", "offset "+strconv.Itoa(offset)+" is at or beyond the total of "+strconv.Itoa(total)+".")
	}
	lo = min(offset, total)
	hi = min(lo+limit, total)
	return lo, hi, nil
}

// paged slices items by the request's limit and offset.
func paged[T any](c *call, items []T) (page []T, limit, offset int, e *apiError) {
	limit, offset, e = c.page()
	if e != nil {
		return nil, 0, 0, e
	}
	lo, hi, e := window(len(items), limit, offset)
	if e != nil {
		return nil, 0, 0, e
	}
	return items[lo:hi], limit, offset, nil
}

// nextPrev computes next_offset and previous_offset (-1 when none).
func nextPrev(total, limit, offset int) (next, prev int) {
	next, prev = -1, -1
	if offset+limit < total {
		next = offset + limit
	}
	if offset > 0 {
		prev = max(offset-limit, 0)
	}
	return next, prev
}

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
