package rocketmq

// PageOptions pages a list call with limit and offset: the one options
// type behind the family lists that take nothing else (topics.ListOptions,
// topics.ListGroupsOptions, groups.ListTopicsOptions, users.ListOptions are
// aliases of it). The zero value (or a nil pointer) asks for the server's
// defaults; an iterator uses the largest page the list allows when Limit
// is 0.
type PageOptions struct {
	// Limit is the page size; 0 means the server's default. The family
	// method states the range it accepts (1–50 for most lists).
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}
