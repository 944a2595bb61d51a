package tags

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Limits of the tag rules (5.7.1, table 5-132, and the current service).
const (
	// MaxTagsPerCall is the most tags one Create or Delete call takes (an
	// instance carries at most 20 tags).
	MaxTagsPerCall = 20
	// MaxKeyLength is the longest tag key, in characters.
	MaxKeyLength = 128
	// MaxValueLength is the longest tag value, in characters.
	MaxValueLength = 255
)

// MaxListLimit is the page size List and ListProject ask for while they
// follow limit/offset to the end: the service's default page (10). The
// service states no larger maximum for these lists, so they ask for pages
// of the size it is known to answer.
const MaxListLimit = 10

// Actions of the batch tag operation (5.7.1): Create sends ActionCreate,
// Delete ActionDelete.
const (
	ActionCreate = "create"
	ActionDelete = "delete"
)

// Client manages instance tags (reference section 5.7). It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a tags client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// actionRequest is 5.7.1's request body (table 5-131).
type actionRequest struct {
	Action string `json:"action"`
	Tags   []Tag  `json:"tags"`
}

// validate checks the tags of one call: 1 to MaxTagsPerCall tags, no key
// twice, every key and value by the rules of Tag. The field of an error
// names the tag, e.g. "tags[1].key".
func (r *actionRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	if len(r.Tags) == 0 {
		return check.Fail("tags", "must list at least one tag")
	}
	if len(r.Tags) > MaxTagsPerCall {
		return check.Fail("tags", "lists %d tags; at most %d are allowed in one call", len(r.Tags), MaxTagsPerCall)
	}
	seen := make(map[string]int, len(r.Tags))
	for i, t := range r.Tags {
		if err := check.First(checkKey(fmt.Sprintf("tags[%d].key", i), t.Key),
			checkValue(fmt.Sprintf("tags[%d].value", i), t.Value)); err != nil {
			return err
		}
		if j, dup := seen[t.Key]; dup {
			return check.Fail(fmt.Sprintf("tags[%d].key", i), "%q is also tags[%d].key; a key may appear once", t.Key, j)
		}
		seen[t.Key] = i
	}
	return nil
}

// checkKey checks a tag key: 1–128 characters, letters, digits, spaces
// and _ . : = + - @, no leading or trailing space.
func checkKey(field, key string) error {
	if key == "" {
		return check.Fail(field, "must not be empty")
	}
	return check.First(check.MaxLen(field, key, MaxKeyLength), noOuterSpace(field, key), allowed(field, key))
}

// checkValue checks a tag value: 0–255 characters, letters, digits,
// spaces and _ . : = + - @ (no "/"), no leading or trailing space.
func checkValue(field, value string) error {
	return check.First(check.MaxLen(field, value, MaxValueLength), noOuterSpace(field, value), allowed(field, value))
}

func noOuterSpace(field, s string) error {
	if strings.TrimSpace(s) != s {
		return check.Fail(field, "%q starts or ends with a space", s)
	}
	return nil
}

// tagChars are the characters beside letters and digits that keys and
// values may hold.
const tagChars = "_.:=+-@ "

// allowed refuses a character that is not a (Unicode) letter or digit and
// not in tagChars; invalid UTF-8 is refused too.
func allowed(field, s string) error {
	if !utf8.ValidString(s) {
		return check.Fail(field, "is not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(tagChars, r) {
			continue
		}
		return check.Fail(field, "%q contains %q; only letters, digits, spaces and %s are allowed",
			s, r, strings.TrimSpace(tagChars))
	}
	return nil
}

// pageQuery pages the tag lists.
type pageQuery struct {
	Limit  int `url:"limit"`
	Offset int `url:"offset"`
}

// Create adds tags to an instance; a key it already has gets the new
// value. tags lists 1 to MaxTagsPerCall tags, no key twice; a key is 1–128
// characters, a value 0–255, both letters, digits, spaces and
// _ . : = + - @ with no leading or trailing space (a value may not hold
// "/"). The service refuses more than 20 tags on an instance
// (DMS.10240044).
// POST /v2/{project_id}/rocketmq/{instance_id}/tags/action with action
// "create" (reference 5.7.1). IAM: dms:instance:modify (inferred).
func (c *Client) Create(ctx context.Context, instanceID string, tags []Tag, opts ...rocketmq.CallOption) error {
	body := &actionRequest{Action: ActionCreate, Tags: tags}
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: actionPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   body,
		Check:  body.validate(),
	}, opts)
}

// Delete removes tags from an instance; a key it does not have is left
// alone. tags follow the rules of Create.
// POST /v2/{project_id}/rocketmq/{instance_id}/tags/action with action
// "delete" (reference 5.7.1). IAM: dms:instance:modify (inferred).
func (c *Client) Delete(ctx context.Context, instanceID string, tags []Tag, opts ...rocketmq.CallOption) error {
	body := &actionRequest{Action: ActionDelete, Tags: tags}
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: actionPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   body,
		Check:  body.validate(),
	}, opts)
}

// List returns every tag of one instance. The service pages the list
// (limit/offset, 10 by default): List follows the pages to the end and
// returns them as one answer whose Total is the service's count. With
// rocketmq.CaptureResponse the last page's response is captured.
// GET /v2/{project_id}/rocketmq/{instance_id}/tags?limit=&offset= (beyond
// the reference). IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*ListResponse, error) {
	return all(ctx, c.c, func(offset, limit int) call.Spec {
		return call.Spec{
			Method: http.MethodGet, Path: instancePath, Action: call.ActionGet,
			Params: call.Params{"instance_id": instanceID},
			Query:  pageQuery{Limit: limit, Offset: offset},
		}
	}, func(p *ListResponse) ([]Tag, int64) { return p.Tags, p.Total },
		func(tags []Tag, total int64) *ListResponse { return &ListResponse{Tags: tags, Total: total} }, opts)
}

// ListProject returns the tags used by the project's instances: each key
// once, with its values. The service answers {key, values[]}; an answer in
// the reference's {key, value} form (one item per pair) folds into Values
// too, the pairs of one key gathered under it. The service pages the list
// (limit/offset, 10 by default): ListProject follows the pages to the end
// and returns them as one answer whose Total is the service's count of
// items. With rocketmq.CaptureResponse the last page's response is
// captured.
// GET /v2/{project_id}/rocketmq/tags?limit=&offset= (beyond the
// reference). IAM: dms:instance:get (inferred).
func (c *Client) ListProject(ctx context.Context, opts ...rocketmq.CallOption) (*ProjectTagsResponse, error) {
	return all(ctx, c.c, func(offset, limit int) call.Spec {
		return call.Spec{
			Method: http.MethodGet, Path: projectPath, Action: call.ActionGet,
			Query: pageQuery{Limit: limit, Offset: offset},
		}
	}, func(p *projectPage) ([]wireProjectTag, int64) { return p.Tags, p.Total }, foldProjectTags, opts)
}

// all follows the pages of a tag list from offset 0 with pages of
// MaxListLimit and builds one answer of every item and the total: the
// service's, or the number of items when the answer has none (or a smaller
// one). A full last page without a total ends cleanly when the service
// refuses the next offset (rocketmq.CodeOffsetInvalid).
func all[Item, P, Out any](ctx context.Context, c *rocketmq.Client, spec func(offset, limit int) call.Spec,
	items func(*P) ([]Item, int64), build func([]Item, int64) *Out, opts []rocketmq.CallOption) (*Out, error) {
	w := pager.At(0, MaxListLimit, MaxListLimit)
	w.End = call.OffsetRefused
	var total int64
	list, err := pager.All(ctx, c, w, nil, spec, func(p *P) ([]Item, int64) {
		its, t := items(p)
		total = t
		return its, t
	}, opts)
	if err != nil {
		return nil, err
	}
	return build(list, max(total, int64(len(list)))), nil
}

// foldProjectTags gathers project tag items by key (first seen first),
// each key's values in order, without repeats.
func foldProjectTags(items []wireProjectTag, total int64) *ProjectTagsResponse {
	out := &ProjectTagsResponse{Tags: []ProjectTag{}, Total: total}
	index := map[string]int{}
	for _, it := range items {
		i, ok := index[it.Key]
		if !ok {
			i = len(out.Tags)
			index[it.Key] = i
			out.Tags = append(out.Tags, ProjectTag{Key: it.Key, Values: []string{}})
		}
		vals := it.Values
		if it.Value != nil {
			vals = append(vals[:len(vals):len(vals)], *it.Value)
		}
		for _, v := range vals {
			if !contains(out.Tags[i].Values, v) {
				out.Tags[i].Values = append(out.Tags[i].Values, v)
			}
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
