package rocketmq

// Bool returns a pointer to v, for optional request fields where false is
// meaningful.
func Bool(v bool) *bool { return &v }

// Int returns a pointer to v, for optional request fields where 0 is
// meaningful.
func Int(v int) *int { return &v }

// Int64 returns a pointer to v.
func Int64(v int64) *int64 { return &v }

// String returns a pointer to v, for optional request fields where "" is
// meaningful.
func String(v string) *string { return &v }
