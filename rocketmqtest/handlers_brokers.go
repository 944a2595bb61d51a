package rocketmqtest

// pagedBrokers answers one page of GET …/instances/{instance_id}/brokers
// as the current service does (ListBrokers): limit 1–50 (default 10) and
// offset select the page; total, next_offset and previous_offset describe
// it. A request without limit and offset gets the first 10 brokers.
func pagedBrokers(c *call, all []wireBroker) result {
	page, limit, offset, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	next, prev := nextPrev(len(all), limit, offset)
	return okJSON(map[string]any{
		"brokers":         page,
		"total":           len(all),
		"next_offset":     next,
		"previous_offset": prev,
	})
}
