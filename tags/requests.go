package tags

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// Limits of the tag rules (5.7.1, table 5-132).
const (
	// MaxTagsPerCall is the most tags one Create or Delete call takes.
	MaxTagsPerCall = 20
	// MaxKeyLength is the longest tag key, in characters.
	MaxKeyLength = 128
	// MaxValueLength is the longest tag value, in characters.
	MaxValueLength = 255
)

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

// Create adds tags to an instance (an existing key gets the new value).
// tags must pass Validate.
// POST /v2/{project_id}/rocketmq/{instance_id}/tags/action with action
// "create" (reference 5.7.1).
func (c *Client) Create(ctx context.Context, instanceID string, tags []Tag) error {
	return c.action(ctx, instanceID, ActionCreate, tags)
}

// Delete removes tags from an instance. tags must pass Validate.
// POST /v2/{project_id}/rocketmq/{instance_id}/tags/action with action
// "delete" (reference 5.7.1).
func (c *Client) Delete(ctx context.Context, instanceID string, tags []Tag) error {
	return c.action(ctx, instanceID, ActionDelete, tags)
}

func (c *Client) action(ctx context.Context, instanceID, action string, tags []Tag) error {
	if err := check.First(check.ID("instance_id", instanceID), Validate(tags)); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       actionPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Body:       &actionRequest{Action: action, Tags: tags},
	}, nil)
	return err
}

// List returns the tags of one instance.
// GET /v2/{project_id}/rocketmq/{instance_id}/tags (beyond the reference).
func (c *Client) List(ctx context.Context, instanceID string) (*ListResponse, error) {
	if err := check.ID("instance_id", instanceID); err != nil {
		return nil, err
	}
	var out ListResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       instancePath,
		PathParams: map[string]string{"instance_id": instanceID},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListProject returns the tags used by the project's instances.
// GET /v2/{project_id}/rocketmq/tags (beyond the reference).
func (c *Client) ListProject(ctx context.Context) (*ListResponse, error) {
	var out ListResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{Method: http.MethodGet, Path: projectPath}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Validate checks a list of tags for one Create or Delete call: 1 to
// MaxTagsPerCall tags, no key twice, and every key and value by ValidateKey
// and ValidateValue. It returns nil or a *rocketmq.ValidationError whose
// Field names the offending tag, e.g. "tags[1].key".
func Validate(tags []Tag) error {
	if len(tags) == 0 {
		return check.Fail("tags", "must list at least one tag")
	}
	if len(tags) > MaxTagsPerCall {
		return check.Fail("tags", "lists %d tags; at most %d are allowed in one call", len(tags), MaxTagsPerCall)
	}
	seen := make(map[string]int, len(tags))
	for i, t := range tags {
		if err := ValidateKey(fmt.Sprintf("tags[%d].key", i), t.Key); err != nil {
			return err
		}
		if err := ValidateValue(fmt.Sprintf("tags[%d].value", i), t.Value); err != nil {
			return err
		}
		if j, dup := seen[t.Key]; dup {
			return check.Fail(fmt.Sprintf("tags[%d].key", i), "%q is also tags[%d].key; a key may appear once", t.Key, j)
		}
		seen[t.Key] = i
	}
	return nil
}

// ValidateKey checks a tag key: 1–128 characters, letters, digits, spaces
// and _ . : = + - @, no leading or trailing space.
func ValidateKey(field, key string) error {
	if key == "" {
		return check.Fail(field, "must not be empty")
	}
	if err := check.MaxLen(field, key, MaxKeyLength); err != nil {
		return err
	}
	if strings.TrimSpace(key) != key {
		return check.Fail(field, "%q starts or ends with a space", key)
	}
	return allowed(field, key, "_.:=+-@ ")
}

// ValidateValue checks a tag value: 0–255 characters, letters, digits,
// spaces and _ . : / = + - @.
func ValidateValue(field, value string) error {
	if err := check.MaxLen(field, value, MaxValueLength); err != nil {
		return err
	}
	return allowed(field, value, "_.:/=+-@ ")
}

// allowed refuses a character that is not a (Unicode) letter or digit and
// not in extra; invalid UTF-8 is refused too.
func allowed(field, s, extra string) error {
	if !utf8.ValidString(s) {
		return check.Fail(field, "is not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(extra, r) {
			continue
		}
		return check.Fail(field, "%q contains %q; only letters, digits, spaces and %s are allowed",
			s, r, strings.TrimSpace(extra))
	}
	return nil
}
