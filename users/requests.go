package users

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// MaxListLimit is the largest page size of the user listings (limit
// 1–50); ListIter uses it when ListOptions.Limit is 0.
const MaxListLimit = 50

// Client is the user API client (reference section 5.5). Create it with
// New; it is safe for concurrent use. A Client made with New(nil) returns
// a *rocketmq.ValidationError.
type Client struct{ c *rocketmq.Client }

// New returns a user API client that sends its calls through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// ListOptions pages a listing (tables 5-95, 5-114, 5-118): limit 1–50.
// A nil *ListOptions means the server's defaults. The offset is sent
// whenever a limit is (as the 5.5.2 example does: "offset=0&limit=10")
// or when it is not 0.
type ListOptions = rocketmq.PageOptions

// pageWire is the query of a listing.
type pageWire struct {
	Limit  int  `url:"limit,omitempty"`
	Offset *int `url:"offset,omitempty"`
}

// pageQuery renders o (nil sends nothing).
func pageQuery(o *ListOptions) *pageWire {
	if o == nil {
		return nil
	}
	q := &pageWire{Limit: o.Limit}
	if o.Limit > 0 || o.Offset > 0 {
		off := o.Offset
		q.Offset = &off
	}
	return q
}

// specials are the special characters a secret key may contain (table
// 5-88).
const specials = "`~!@#$%^&*()-_=+\\|[{}];:'\",<.>/?"

// topicPerms are the permissions on topics; groupPerms those on consumer
// groups (a group is only subscribed to: the current definitions allow
// SUB and DENY).
var (
	topicPerms = []string{PermPub, PermSub, PermPubSub, PermDeny}
	groupPerms = []string{PermSub, PermDeny}
)

// validate checks a user for Create (create true) or Update. name is the
// user name of the path on Update.
func (u *User) validate(create bool, name string) error {
	if u == nil {
		return check.NotNil("request", true)
	}
	if create || u.AccessKey != "" {
		if err := check.Required("access_key", u.AccessKey); err != nil {
			return err
		}
		if err := check.Pattern("access_key", u.AccessKey, 7, 64, true, "-_"); err != nil {
			return err
		}
	}
	if create || u.SecretKey != "" {
		if err := checkSecret(u.SecretKey, u.AccessKey, name); err != nil {
			return err
		}
	}
	if u.WhiteRemoteAddress != nil {
		if err := checkWhiteList(*u.WhiteRemoteAddress); err != nil {
			return err
		}
	}
	if u.DefaultTopicPerm != "" {
		if err := check.OneOf("default_topic_perm", u.DefaultTopicPerm, topicPerms...); err != nil {
			return err
		}
	}
	if u.DefaultGroupPerm != "" {
		if err := check.OneOf("default_group_perm", u.DefaultGroupPerm, groupPerms...); err != nil {
			return err
		}
	}
	return check.First(
		checkPerms("topic_perms", u.TopicPerms, check.Topic, topicPerms),
		checkPerms("group_perms", u.GroupPerms, check.Group, groupPerms),
	)
}

// checkSecret applies the secret-key rules of table 5-88; names are the
// user's names (the access key, and on Update the name in the path). Its
// messages never quote the secret.
func checkSecret(secret string, names ...string) error {
	const field = "secret_key"
	if secret == "" {
		return check.Fail(field, "is required")
	}
	if n := utf8.RuneCountInString(secret); n < 8 || n > 32 {
		return check.Fail(field, "is %d characters long; it must be 8 to 32", n)
	}
	var upper, lower, digit, special bool
	for _, r := range secret {
		switch {
		case 'A' <= r && r <= 'Z':
			upper = true
		case 'a' <= r && r <= 'z':
			lower = true
		case '0' <= r && r <= '9':
			digit = true
		case strings.ContainsRune(specials, r):
			special = true
		default:
			return check.Fail(field, "contains a character that is not allowed; use letters, digits and the special characters %s", specials)
		}
	}
	kinds := 0
	for _, ok := range []bool{upper, lower, digit, special} {
		if ok {
			kinds++
		}
	}
	if kinds < 3 {
		return check.Fail(field, "must contain at least three of: upper-case letters, lower-case letters, digits, special characters")
	}
	for _, n := range names {
		if n != "" && (secret == n || secret == reverse(n)) {
			return check.Fail(field, "must not equal the user name (access key) or the name reversed")
		}
	}
	return nil
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// checkWhiteList accepts "" (no allow-list) or IP addresses and CIDR blocks
// separated by commas.
func checkWhiteList(v string) error {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	for i, part := range strings.Split(v, ",") {
		if strings.TrimSpace(part) == "" {
			return check.Fail("white_remote_address", "entry %d is empty", i)
		}
		if err := check.IPOrCIDR("white_remote_address", part); err != nil {
			return err
		}
	}
	return nil
}

// checkPerms checks permissions on topics or groups: each names an
// existing one (by name's rule) with one of allowed.
func checkPerms(field string, ps []Permission, name func(field, v string) error, allowed []string) error {
	for i, p := range ps {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := check.First(name(f+".name", p.Name), check.OneOf(f+".perm", p.Perm, allowed...)); err != nil {
			return err
		}
	}
	return nil
}

// Create creates a user and returns it as the service answers it (its
// SecretKey masked). AccessKey and SecretKey are required; see User for
// the rules.
// POST /v2/{project_id}/instances/{instance_id}/users (reference 5.5.1).
// IAM: dms:instance:modify.
func (c *Client) Create(ctx context.Context, instanceID string, u *User, opts ...rocketmq.CallOption) (*User, error) {
	return call.Do[User](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: usersPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   u,
		Check:  u.validate(true, ""),
	}, opts)
}

func listSpec(instanceID string, opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: usersPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  pageQuery(opts),
		Check:  check.Page(opts, MaxListLimit),
	}
}

// List returns one page of the instance's users.
// GET /v2/{project_id}/instances/{instance_id}/users (reference 5.5.2).
// IAM: dms:instance:get.
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

// ListIter iterates over every user of the instance, page by page (pages
// of opts.Limit users, 50 when 0, starting at opts.Offset). It stops at the
// response's total (never asking past it), after a short page when the
// answer has no usable total, and on an empty page. opts is copied, never
// modified; an invalid opts yields one *rocketmq.ValidationError and
// nothing is sent.
// GET /v2/{project_id}/instances/{instance_id}/users (reference 5.5.2).
// IAM: dms:instance:get.
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[User, error] {
	return pager.Iter(ctx, c.c, pager.Start(opts, MaxListLimit), check.Page(opts, MaxListLimit),
		func(offset, limit int) call.Spec {
			return listSpec(instanceID, &ListOptions{Limit: limit, Offset: offset})
		},
		func(r *ListResponse) ([]User, int64) { return r.Users, r.Total }, callOpts)
}

// Get returns one user. A missing user is an *rocketmq.APIError for which
// rocketmq.IsNotFound is true. The reference's request example appends
// "?offset=0&limit=10", a copy of the 5.5.2 listing example; its table
// documents no query parameter and a page means nothing for one user, so
// Get sends none.
// GET /v2/{project_id}/instances/{instance_id}/users/{user_name}
// (reference 5.5.4). IAM: dms:instance:get.
func (c *Client) Get(ctx context.Context, instanceID, name string, opts ...rocketmq.CallOption) (*User, error) {
	return call.Do[User](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: userPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "user_name": name},
	}, opts)
}

// Update changes a user's parameters and returns the user as the service
// answers it; only the fields set in u are sent. A SecretKey, when set,
// must not equal the user name (or u.AccessKey) or its reverse.
// PUT /v2/{project_id}/instances/{instance_id}/users/{user_name}
// (reference 5.5.3). IAM: dms:instance:modify (inferred).
func (c *Client) Update(ctx context.Context, instanceID, name string, u *User, opts ...rocketmq.CallOption) (*User, error) {
	return call.Do[User](ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: userPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "user_name": name},
		Body:   u,
		Check:  u.validate(false, name),
	}, opts)
}

// Delete deletes a user. The service answers 200 with a body (the
// reference's table) or without one (its example); both succeed, as does
// 204.
// DELETE /v2/{project_id}/instances/{instance_id}/users/{user_name}
// (reference 5.5.5). IAM: dms:instance:modify (inferred).
func (c *Client) Delete(ctx context.Context, instanceID, name string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: userPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "user_name": name},
	}, opts)
}

// ListTopicPolicies lists the users authorized on a topic, one page of
// them. topic follows RocketMQ's name rule (1–127 letters, digits, "%",
// "|", "-", "_"), so topics the broker created are accepted.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/accesspolicy
// (reference 5.5.6). IAM: dms:instance:get (inferred).
func (c *Client) ListTopicPolicies(ctx context.Context, instanceID, topic string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*PolicyList, error) {
	return call.Do[PolicyList](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: topicPoliciesPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Query:  pageQuery(opts),
		Check:  check.First(check.Topic("topic", topic), check.Page(opts, MaxListLimit)),
	}, callOpts)
}

// ListGroupPolicies lists the users authorized on a consumer group, one
// page of them. group follows RocketMQ's name rule (1–255 letters,
// digits, "%", "|", "-", "_"). The response's policies may be an array
// (the reference's table) or one object (its example); both are accepted.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/accesspolicy
// (reference 5.5.7). IAM: dms:instance:get (inferred).
func (c *Client) ListGroupPolicies(ctx context.Context, instanceID, group string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*PolicyList, error) {
	return call.Do[PolicyList](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: groupPoliciesPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "group_id": group},
		Query:  pageQuery(opts),
		Check:  check.First(check.Group("group", group), check.Page(opts, MaxListLimit)),
	}, callOpts)
}
