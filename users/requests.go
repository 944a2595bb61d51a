package users

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// maxLimit is the largest page size of the user listings.
const maxLimit = 50

// defaultPageSize is the page size of ListIter when ListOptions.Limit is 0.
const defaultPageSize = 50

// Client is the user API client (reference section 5.5). Create it with
// New; it is safe for concurrent use. A nil or zero Client returns a
// *rocketmq.ValidationError.
type Client struct{ c *rocketmq.Client }

// New returns a user API client that sends its calls through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// ListOptions pages a listing (tables 5-95, 5-114, 5-118). A nil
// *ListOptions means the server's defaults.
type ListOptions struct {
	// Limit is the page size, 1–50; 0 leaves it to the server (ListIter
	// uses 50).
	Limit int
	// Offset is the number of items to skip (≥ 0). It is sent whenever
	// Limit is, or when not 0.
	Offset int
}

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, maxLimit), check.Offset(o.Offset))
}

// values renders the page. offset is sent whenever a limit is (as the
// 5.5.2 example does: "offset=0&limit=10") or when it is not 0.
func (o *ListOptions) values() url.Values {
	if o == nil {
		return nil
	}
	v := url.Values{}
	if o.Limit > 0 {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Limit > 0 || o.Offset > 0 {
		v.Set("offset", strconv.Itoa(o.Offset))
	}
	return v
}

// specials are the special characters a secret key may contain (table
// 5-88).
const specials = "`~!@#$%^&*()-_=+\\|[{}];:'\",<.>/?"

var perms = []string{PermPub, PermSub, PermPubSub, PermDeny}

// validate checks a user for Create (create true) or Update. name is the
// user name of the path on Update.
func (u *User) validate(create bool, name string) error {
	if u == nil {
		return check.Fail("request", "must not be nil")
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
		if err := check.OneOf("default_topic_perm", u.DefaultTopicPerm, perms...); err != nil {
			return err
		}
	}
	if u.DefaultGroupPerm != "" {
		if err := check.OneOf("default_group_perm", u.DefaultGroupPerm, perms...); err != nil {
			return err
		}
	}
	return check.First(checkPerms("topic_perms", u.TopicPerms), checkPerms("group_perms", u.GroupPerms))
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

func checkPerms(field string, ps []Permission) error {
	for i, p := range ps {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := check.Required(f+".name", p.Name); err != nil {
			return err
		}
		if err := check.OneOf(f+".perm", p.Perm, perms...); err != nil {
			return err
		}
	}
	return nil
}

// Create creates a user and returns it as the service answers it (its
// SecretKey masked). AccessKey and SecretKey are required; see User for
// the rules.
// POST /v2/{project_id}/instances/{instance_id}/users (reference 5.5.1).
func (c *Client) Create(ctx context.Context, instanceID string, u *User) (*User, error) {
	if err := check.First(check.ID("instance_id", instanceID), u.validate(true, "")); err != nil {
		return nil, err
	}
	var out User
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       usersPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Body:       u,
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// List returns one page of the instance's users.
// GET /v2/{project_id}/instances/{instance_id}/users (reference 5.5.2).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions) (*ListResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), opts.validate()); err != nil {
		return nil, err
	}
	var out ListResponse
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       usersPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query:      opts.values(),
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListIter iterates over every user of the instance, page by page (pages
// of opts.Limit users, 50 when 0, starting at opts.Offset). It stops at the
// response's total (never asking past it), after a short page when the
// answer has no usable total, and on an empty page. opts is copied, never
// modified; an invalid opts yields one *rocketmq.ValidationError and
// nothing is sent.
// GET /v2/{project_id}/instances/{instance_id}/users (reference 5.5.2).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions) iter.Seq2[User, error] {
	if ctx == nil {
		ctx = context.Background()
	}
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if o.Limit == 0 {
		o.Limit = defaultPageSize
	}
	if err := check.First(check.ID("instance_id", instanceID), o.validate()); err != nil {
		return func(yield func(User, error) bool) { yield(User{}, err) }
	}
	return pager.Offsets(ctx, o.Offset, o.Limit, false, func(ctx context.Context, offset, limit int) (pager.Page[User], error) {
		resp, err := c.List(ctx, instanceID, &ListOptions{Limit: limit, Offset: offset})
		if err != nil {
			return pager.Page[User]{}, err
		}
		return pager.Page[User]{Items: resp.Users, Total: pager.Total(resp.Total, offset, len(resp.Users))}, nil
	})
}

// Get returns one user. A missing user is an *rocketmq.APIError for which
// rocketmq.IsNotFound is true. The reference's request example appends
// "?offset=0&limit=10", a copy of the 5.5.2 listing example; its table
// documents no query parameter and a page means nothing for one user, so
// Get sends none.
// GET /v2/{project_id}/instances/{instance_id}/users/{user_name} (reference 5.5.4).
func (c *Client) Get(ctx context.Context, instanceID, name string) (*User, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("user_name", name)); err != nil {
		return nil, err
	}
	var out User
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       userPath,
		PathParams: map[string]string{"instance_id": instanceID, "user_name": name},
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes a user's parameters and returns the user as the service
// answers it; only the fields set in u are sent. A SecretKey, when set,
// must not equal the user name (or u.AccessKey) or its reverse.
// PUT /v2/{project_id}/instances/{instance_id}/users/{user_name} (reference 5.5.3).
func (c *Client) Update(ctx context.Context, instanceID, name string, u *User) (*User, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("user_name", name), u.validate(false, name)); err != nil {
		return nil, err
	}
	var out User
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodPut,
		Path:       userPath,
		PathParams: map[string]string{"instance_id": instanceID, "user_name": name},
		Body:       u,
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes a user. The service answers 200 with a body (the
// reference's table) or without one (its example); both succeed, as does
// 204.
// DELETE /v2/{project_id}/instances/{instance_id}/users/{user_name} (reference 5.5.5).
func (c *Client) Delete(ctx context.Context, instanceID, name string) error {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("user_name", name)); err != nil {
		return err
	}
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodDelete,
		Path:       userPath,
		PathParams: map[string]string{"instance_id": instanceID, "user_name": name},
	}, nil)
	return err
}

// ListTopicPolicies lists the users authorized on a topic, one page of
// them.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/accesspolicy
// (reference 5.5.6).
func (c *Client) ListTopicPolicies(ctx context.Context, instanceID, topic string, opts *ListOptions) (*PolicyList, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("topic", topic), opts.validate()); err != nil {
		return nil, err
	}
	return c.policies(ctx, topicPoliciesPath, map[string]string{"instance_id": instanceID, "topic": topic}, opts)
}

// ListGroupPolicies lists the users authorized on a consumer group, one
// page of them. The response's policies may be an array (the reference's
// table) or one object (its example); both are accepted.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/accesspolicy
// (reference 5.5.7).
func (c *Client) ListGroupPolicies(ctx context.Context, instanceID, group string, opts *ListOptions) (*PolicyList, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.ID("group", group), opts.validate()); err != nil {
		return nil, err
	}
	return c.policies(ctx, groupPoliciesPath, map[string]string{"instance_id": instanceID, "group_id": group}, opts)
}

func (c *Client) policies(ctx context.Context, path string, params map[string]string, opts *ListOptions) (*PolicyList, error) {
	var out PolicyList
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       path,
		PathParams: params,
		Query:      opts.values(),
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// do sends req through the SDK client; a nil or zero Client is refused.
func (c *Client) do(ctx context.Context, req *rocketmq.Request, out any) (*rocketmq.Response, error) {
	if c == nil || c.c == nil {
		return nil, check.Fail("client", "is nil; create it with New(*rocketmq.Client)")
	}
	return c.c.Do(ctx, req, out)
}
