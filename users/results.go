package users

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// Permissions of a user on topics and groups: publish, subscribe, both,
// none.
const (
	PermPub    = "PUB"
	PermSub    = "SUB"
	PermPubSub = "PUB|SUB"
	PermDeny   = "DENY"
)

// User is a user of an instance (tables 5-88, 5-91, 5-97, 5-101, 5-104,
// 5-108): the request of Create and Update and the answer of every user
// operation. Fields where false or "" mean something on the wire are
// pointers (use rocketmq.Bool and rocketmq.String); nil fields are not sent.
// TopicPerms and GroupPerms are not sent when nil, and sent as [] when
// empty but not nil (to clear them on Update).
//
// SecretKey never appears in fmt or log/slog output: String, GoString,
// Format and LogValue print "[REDACTED]" in its place.
type User struct {
	// AccessKey is the user name: 7–64 characters, a letter first, then
	// letters, digits, '-' and '_'.
	AccessKey string `json:"access_key,omitempty"`
	// SecretKey is the user's secret: 8–32 characters with at least three
	// of upper-case letters, lower-case letters, digits and special
	// characters, not the access key nor the access key reversed. Responses
	// mask it ("*****").
	SecretKey string `json:"secret_key,omitempty"`
	// WhiteRemoteAddress is the IP allow-list: IP addresses or CIDR blocks,
	// separated by commas; "" for none.
	WhiteRemoteAddress *string `json:"white_remote_address,omitempty"`
	// Admin makes the user an administrator.
	Admin *bool `json:"admin,omitempty"`
	// DefaultTopicPerm and DefaultGroupPerm are the permissions on topics
	// and groups not listed in TopicPerms and GroupPerms: PermPub, PermSub,
	// PermPubSub or PermDeny.
	DefaultTopicPerm string `json:"default_topic_perm,omitempty"`
	DefaultGroupPerm string `json:"default_group_perm,omitempty"`
	// TopicPerms and GroupPerms are the permissions on single topics and
	// groups.
	TopicPerms []Permission `json:"topic_perms,omitzero"`
	GroupPerms []Permission `json:"group_perms,omitzero"`
}

// Permission is a user's permission on one topic or group (tables 5-89,
// 5-90 and their twins).
type Permission struct {
	// Name is the topic or group.
	Name string `json:"name"`
	// Perm is PermPub, PermSub, PermPubSub or PermDeny.
	Perm string `json:"perm"`
}

// ListResponse is one page of users (table 5-96).
type ListResponse struct {
	// Users are the users of the page.
	Users []User `json:"users"`
	// Total is the number of users of the instance.
	Total int64 `json:"total"`
}

// PolicyList lists the users authorized on a topic or a group (tables 5-115
// and 5-119).
type PolicyList struct {
	// Policies are the users and their permission (an array, or one object
	// in the 5.5.7 example).
	Policies []Policy `json:"policies"`
	// Total is the number of users.
	Total int64 `json:"total"`
	// Name is the topic or group.
	Name string `json:"name"`
}

// Policy is one user's permission on a topic or group (tables 5-116 and
// 5-120). Like User, it never prints or logs its SecretKey.
type Policy struct {
	// AccessKey is the user name.
	AccessKey string `json:"access_key"`
	// SecretKey is the user's secret (masked by the service).
	SecretKey string `json:"secret_key"`
	// WhiteRemoteAddress is the user's IP allow-list.
	WhiteRemoteAddress string `json:"white_remote_address"`
	// Admin reports whether the user is an administrator.
	Admin bool `json:"admin"`
	// Perm is the user's permission on the topic or group.
	Perm string `json:"perm"`
}

// redacted replaces a secret in fmt output.
const redacted = "[REDACTED]"

func redact(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

func ptrString(p *string, goSyntax bool) string {
	switch {
	case p == nil && goSyntax:
		return "nil"
	case p == nil:
		return "<nil>"
	case goSyntax:
		return "rocketmq.String(" + strconv.Quote(*p) + ")"
	}
	return *p
}

func ptrBool(p *bool, goSyntax bool) string {
	switch {
	case p == nil && goSyntax:
		return "nil"
	case p == nil:
		return "<nil>"
	case goSyntax:
		return "rocketmq.Bool(" + strconv.FormatBool(*p) + ")"
	}
	return strconv.FormatBool(*p)
}

// String returns the user in %+v style, with the secret key redacted.
func (u User) String() string {
	return fmt.Sprintf("{AccessKey:%s SecretKey:%s WhiteRemoteAddress:%s Admin:%s DefaultTopicPerm:%s DefaultGroupPerm:%s TopicPerms:%+v GroupPerms:%+v}",
		u.AccessKey, redact(u.SecretKey), ptrString(u.WhiteRemoteAddress, false), ptrBool(u.Admin, false),
		u.DefaultTopicPerm, u.DefaultGroupPerm, u.TopicPerms, u.GroupPerms)
}

// GoString returns the user in Go syntax (%#v), with the secret key redacted.
func (u User) GoString() string {
	return fmt.Sprintf("users.User{AccessKey:%q, SecretKey:%q, WhiteRemoteAddress:%s, Admin:%s, DefaultTopicPerm:%q, DefaultGroupPerm:%q, TopicPerms:%#v, GroupPerms:%#v}",
		u.AccessKey, redact(u.SecretKey), ptrString(u.WhiteRemoteAddress, true), ptrBool(u.Admin, true),
		u.DefaultTopicPerm, u.DefaultGroupPerm, u.TopicPerms, u.GroupPerms)
}

// Format implements fmt.Formatter so that no verb prints the secret key:
// %#v prints GoString, %q the quoted String, every other verb String.
func (u User) Format(f fmt.State, verb rune) { format(f, verb, u.String(), u.GoString()) }

// String returns the policy in %+v style, with the secret key redacted.
func (p Policy) String() string {
	return fmt.Sprintf("{AccessKey:%s SecretKey:%s WhiteRemoteAddress:%s Admin:%t Perm:%s}",
		p.AccessKey, redact(p.SecretKey), p.WhiteRemoteAddress, p.Admin, p.Perm)
}

// GoString returns the policy in Go syntax (%#v), with the secret key
// redacted.
func (p Policy) GoString() string {
	return fmt.Sprintf("users.Policy{AccessKey:%q, SecretKey:%q, WhiteRemoteAddress:%q, Admin:%t, Perm:%q}",
		p.AccessKey, redact(p.SecretKey), p.WhiteRemoteAddress, p.Admin, p.Perm)
}

// Format implements fmt.Formatter so that no verb prints the secret key.
func (p Policy) Format(f fmt.State, verb rune) { format(f, verb, p.String(), p.GoString()) }

// LogValue makes log/slog (every handler, JSON included) log the user with
// the secret key redacted.
func (u User) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_key", u.AccessKey),
		slog.String("secret_key", redact(u.SecretKey)),
		slog.String("white_remote_address", ptrString(u.WhiteRemoteAddress, false)),
		slog.String("admin", ptrBool(u.Admin, false)),
		slog.String("default_topic_perm", u.DefaultTopicPerm),
		slog.String("default_group_perm", u.DefaultGroupPerm),
		slog.Any("topic_perms", u.TopicPerms),
		slog.Any("group_perms", u.GroupPerms),
	)
}

// LogValue makes log/slog log the policy with the secret key redacted.
func (p Policy) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_key", p.AccessKey),
		slog.String("secret_key", redact(p.SecretKey)),
		slog.String("white_remote_address", p.WhiteRemoteAddress),
		slog.Bool("admin", p.Admin),
		slog.String("perm", p.Perm),
	)
}

func format(f fmt.State, verb rune, s, gs string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, gs)
	case verb == 'q':
		_, _ = io.WriteString(f, strconv.Quote(s))
	default:
		_, _ = io.WriteString(f, s)
	}
}

// compile-time checks.
var (
	_ fmt.Formatter  = User{}
	_ fmt.Stringer   = User{}
	_ fmt.GoStringer = User{}
	_ fmt.Formatter  = Policy{}
)
