// Package check holds the input rules the family packages share. Every
// function returns nil or a *rocketmq.ValidationError naming the field.
package check

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
)

// Fail returns a *rocketmq.ValidationError.
func Fail(field, format string, args ...any) error {
	return &rocketmq.ValidationError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// First returns the first non-nil error.
func First(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Required refuses an empty (or all-space) string.
func Required(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(field, "is required")
	}
	return nil
}

// ID refuses an empty path identifier (an instance ID, a name, a task ID).
func ID(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(field, "must not be empty")
	}
	return nil
}

// NotNil refuses a nil request.
func NotNil(field string, isNil bool) error {
	if isNil {
		return Fail(field, "must not be nil")
	}
	return nil
}

// MaxLen refuses strings longer than max characters (runes).
func MaxLen(field, v string, max int) error {
	if n := utf8.RuneCountInString(v); n > max {
		return Fail(field, "is %d characters long; at most %d are allowed", n, max)
	}
	return nil
}

// Range refuses an integer outside [lo, hi].
func Range(field string, v, lo, hi int64) error {
	if v < lo || v > hi {
		return Fail(field, "is %d; it must be between %d and %d", v, lo, hi)
	}
	return nil
}

// Min refuses an integer below lo.
func Min(field string, v, lo int64) error {
	if v < lo {
		return Fail(field, "is %d; it must be at least %d", v, lo)
	}
	return nil
}

// Limit checks a page size: 0 (the server's default) or 1..max.
func Limit(v, max int) error {
	if v != 0 && (v < 1 || v > max) {
		return Fail("limit", "is %d; it must be between 1 and %d (0 for the server's default)", v, max)
	}
	return nil
}

// Offset checks an offset: ≥ 0.
func Offset(v int) error {
	if v < 0 {
		return Fail("offset", "is %d; it must be 0 or more", v)
	}
	return nil
}

// OneOf refuses a value outside allowed.
func OneOf(field, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return Fail(field, "is %q; it must be one of %s", v, strings.Join(quoteAll(allowed), ", "))
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// Pattern checks a name: length lo..hi characters, the first one a letter
// when letterFirst, every one a letter, a digit or in extra.
func Pattern(field, v string, lo, hi int, letterFirst bool, extra string) error {
	n := utf8.RuneCountInString(v)
	if n < lo || n > hi {
		return Fail(field, "%q is %d characters long; it must be %d to %d", v, n, lo, hi)
	}
	for i, r := range v {
		isLetter := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
		isDigit := '0' <= r && r <= '9'
		if i == 0 && letterFirst && !isLetter {
			return Fail(field, "%q must start with a letter", v)
		}
		if !isLetter && !isDigit && !strings.ContainsRune(extra, r) {
			return Fail(field, "%q contains %q; only letters, digits and %s are allowed", v, r, describe(extra))
		}
	}
	return nil
}

func describe(extra string) string {
	parts := make([]string, 0, len(extra))
	for _, r := range extra {
		parts = append(parts, fmt.Sprintf("%q", r))
	}
	return strings.Join(parts, " ")
}

// Names checks a non-empty list of names, none of them empty.
func Names(field string, names []string) error {
	if len(names) == 0 {
		return Fail(field, "must list at least one name")
	}
	return NoEmpty(field, names)
}

// IPOrCIDR checks an IPv4/IPv6 address or CIDR block.
func IPOrCIDR(field, v string) error {
	v = strings.TrimSpace(v)
	if _, err := netip.ParseAddr(v); err == nil {
		return nil
	}
	if _, err := netip.ParsePrefix(v); err == nil {
		return nil
	}
	return Fail(field, "%q is neither an IP address nor a CIDR block", v)
}

// nameChars are the characters a topic or consumer group name may hold
// besides letters and digits.
const nameChars = "%|-_"

// NewGroup checks the name of a consumer group to create: 3–64 letters,
// digits, "%", "|", "-", "_".
func NewGroup(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(field, "must not be empty")
	}
	return Pattern(field, v, 3, 64, false, nameChars)
}

// reservedTopicPrefixes start the retry and dead-letter topics RocketMQ
// creates for a group ("%RETRY%" + group, "%DLQ%" + group): no topic
// created by a caller may take them.
var reservedTopicPrefixes = []string{"%RETRY%", "%DLQ%"}

// NewTopic checks the name of a topic to create: 3–64 letters, digits,
// "%", "|", "-", "_", not starting with a reserved prefix ("%RETRY%",
// "%DLQ%").
func NewTopic(field, v string) error {
	if err := NewGroup(field, v); err != nil {
		return err
	}
	for _, p := range reservedTopicPrefixes {
		if strings.HasPrefix(strings.ToUpper(v), p) {
			return Fail(field, "%q starts with %q, which RocketMQ reserves for its retry and dead-letter topics", v, p)
		}
	}
	return nil
}

// Topic checks the name of an existing topic with RocketMQ's own rule
// (the broker creates topics too, "t1" or "%RETRY%group" among them):
// 1–127 letters, digits, "%", "|", "-", "_".
func Topic(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(field, "must not be empty")
	}
	return Pattern(field, v, 1, 127, false, nameChars)
}

// Group checks the name of an existing consumer group with RocketMQ's own
// rule: 1–255 letters, digits, "%", "|", "-", "_".
func Group(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Fail(field, "must not be empty")
	}
	return Pattern(field, v, 1, 255, false, nameChars)
}

// Each applies rule to every name of a non-empty list, naming the item
// ("topics[2]") in the error.
func Each(field string, names []string, rule func(field, v string) error) error {
	if len(names) == 0 {
		return Fail(field, "must list at least one name")
	}
	for i, n := range names {
		if err := rule(fmt.Sprintf("%s[%d]", field, i), n); err != nil {
			return err
		}
	}
	return nil
}

// Page checks page options (nil is the server's defaults): limit 0 or
// 1..max, offset ≥ 0.
func Page(o *rocketmq.PageOptions, max int) error {
	if o == nil {
		return nil
	}
	return First(Limit(o.Limit, max), Offset(o.Offset))
}

// NoEmpty refuses empty items in an optional list (such as broker names).
func NoEmpty(field string, items []string) error {
	for i, b := range items {
		if strings.TrimSpace(b) == "" {
			return Fail(fmt.Sprintf("%s[%d]", field, i), "must not be empty")
		}
	}
	return nil
}
