package groups

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Client manages consumer groups (reference section 5.2). It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a groups client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// maxLimit is the largest page size the API accepts (limit 1–50).
const maxLimit = 50

// ListOptions filters and pages List and ListIter (reference 5.2.1,
// table 5-23). The zero value (or nil) asks for the server's defaults.
type ListOptions struct {
	// Group filters by consumer group name.
	Group string `url:"group,omitempty"`
	// Limit is the page size, 1–50; 0 means the server's default (10).
	// ListIter uses 50 when it is 0.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

// CreateRequest is the body of Create (reference 5.2.2, table 5-28).
// Optional fields left nil are not sent, so the server's defaults apply.
type CreateRequest struct {
	// Name is the group name: 3–64 letters, digits, "%", "|", "-", "_".
	Name string `json:"name"`
	// Brokers lists the brokers the group is associated with, none empty.
	Brokers []string `json:"brokers,omitempty"`
	// Enabled says whether the group may consume.
	Enabled *bool `json:"enabled,omitempty"`
	// Broadcast says whether the group consumes in broadcast mode.
	Broadcast *bool `json:"broadcast,omitempty"`
	// RetryMaxTime is the maximum number of consumption retries, ≥ 0.
	RetryMaxTime *int `json:"retry_max_time,omitempty"`
	// FromBeginning says whether the group consumes from the beginning.
	FromBeginning *bool `json:"from_beginning,omitempty"`
}

// UpdateRequest is the body of Update (reference 5.2.6, table 5-38) and
// one item of BatchUpdateRequest (5.2.3, table 5-32). Only the fields set
// are sent: a nil pointer leaves the setting unchanged, while
// rocketmq.Bool(false) or rocketmq.Int(0) sends false or 0.
type UpdateRequest struct {
	// Name is the group name. Update may leave it empty (the group is named
	// by the path); every BatchUpdate item must set it.
	Name string `json:"name,omitempty"`
	// Enabled says whether the group may consume.
	Enabled *bool `json:"enabled,omitempty"`
	// Broadcast says whether the group consumes in broadcast mode.
	Broadcast *bool `json:"broadcast,omitempty"`
	// Brokers lists the brokers the group is associated with.
	Brokers []string `json:"brokers,omitempty"`
	// RetryMaxTime is the maximum number of consumption retries, ≥ 0.
	RetryMaxTime *int `json:"retry_max_time,omitempty"`
	// FromBeginning says whether the group consumes from the beginning.
	FromBeginning *bool `json:"from_beginning,omitempty"`
}

// BatchUpdateRequest is the body of BatchUpdate (reference 5.2.3,
// table 5-31). It lists at least one group.
type BatchUpdateRequest struct {
	// Groups lists the groups to change, each named by its Name.
	Groups []UpdateRequest `json:"groups"`
}

// ListTopicsOptions pages ListTopics and ListTopicsIter (reference 5.2.7,
// table 5-40). The zero value (or nil) asks for the server's defaults.
type ListTopicsOptions struct {
	// Limit is the page size, 1–50; 0 means the server's default (10).
	// ListTopicsIter uses 50 when it is 0.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

// ResetOffsetRequest is the body of ResetOffset (reference 5.2.8,
// table 5-45).
type ResetOffsetRequest struct {
	// Topic is the topic whose offsets are reset (required; retry and
	// dead-letter topics such as "%RETRY%group" are accepted).
	Topic string `json:"topic"`
	// Timestamp is the point in time to reset to, in Unix milliseconds
	// (time.Time.UnixMilli), ≥ 0. It is always sent, 0 included.
	Timestamp int64 `json:"timestamp"`
}

// checkName checks a group name: 3–64 letters, digits, "%", "|", "-", "_".
func checkName(field, v string) error { return check.NewGroup(field, v) }

// checkTopic checks a topic name, retry and dead-letter topics included.
func checkTopic(field, v string) error { return check.Topic(field, v) }

// checkBrokers refuses empty broker names.
func checkBrokers(field string, brokers []string) error { return check.NoEmpty(field, brokers) }

// checkRetry refuses a negative retry_max_time.
func checkRetry(field string, v *int) error {
	if v != nil && *v < 0 {
		return check.Fail(field, "is %d; it must be 0 or more", *v)
	}
	return nil
}

// validate checks an update (or a batch item, named by prefix "groups[i]."
// with the name required).
func (r *UpdateRequest) validate(prefix string, nameRequired bool) error {
	var nameErr error
	if nameRequired || r.Name != "" {
		nameErr = checkName(prefix+"name", r.Name)
	}
	return check.First(
		nameErr,
		checkBrokers(prefix+"brokers", r.Brokers),
		checkRetry(prefix+"retry_max_time", r.RetryMaxTime),
	)
}

func checkPage(limit, offset int) error {
	return check.First(check.Limit(limit, maxLimit), check.Offset(offset))
}

func instanceParams(instanceID string) map[string]string {
	return map[string]string{"instance_id": instanceID}
}

func groupParams(instanceID, group string) map[string]string {
	return map[string]string{"instance_id": instanceID, "group": group}
}

// List returns one page of the instance's consumer groups.
// GET /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.1).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions) (*ListResponse, error) {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(check.ID("instance_id", instanceID), checkPage(o.Limit, o.Offset)); err != nil {
		return nil, err
	}
	var out ListResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       groupsPath,
		PathParams: instanceParams(instanceID),
		Query:      &o,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListIter iterates over all the instance's consumer groups, page by page,
// starting at opts.Offset with pages of opts.Limit (50 when 0). It stops at
// the total the server reports (never asking past it), after a short page
// when the answer has no usable total, and on an empty page. A nil opts
// means all groups. opts is copied, never changed. An error (a
// *rocketmq.ValidationError for bad options) is yielded once and ends the
// iteration.
// GET /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.1).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions) iter.Seq2[Group, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(check.ID("instance_id", instanceID), checkPage(o.Limit, o.Offset)); err != nil {
		return pager.Err[Group](err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	limit := o.Limit
	if limit == 0 {
		limit = maxLimit
	}
	return pager.Offsets(ctx, o.Offset, limit, false, func(ctx context.Context, offset, limit int) (pager.Page[Group], error) {
		p := o
		p.Offset, p.Limit = offset, limit
		r, err := c.List(ctx, instanceID, &p)
		if err != nil {
			return pager.Page[Group]{}, err
		}
		return pager.Page[Group]{Items: r.Groups, Total: pager.Total(r.Total, offset, len(r.Groups))}, nil
	})
}

// Create creates a consumer group: Name must be 3–64 letters, digits, "%",
// "|", "-" or "_".
// POST /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.2).
func (c *Client) Create(ctx context.Context, instanceID string, req *CreateRequest) (*CreateResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.NotNil("request", req == nil)); err != nil {
		return nil, err
	}
	if err := check.First(
		checkName("name", req.Name),
		checkBrokers("brokers", req.Brokers),
		checkRetry("retry_max_time", req.RetryMaxTime),
	); err != nil {
		return nil, err
	}
	var out CreateResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       groupsPath,
		PathParams: instanceParams(instanceID),
		Body:       req,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// batchDeleteBody is the body of BatchDelete (table 5-28, "groups").
type batchDeleteBody struct {
	Groups []string `json:"groups"`
}

// BatchDelete deletes several consumer groups at once; names lists at
// least one valid group name.
// POST /v2/{project_id}/instances/{instance_id}/groups?action=delete
// (reference 5.2.2).
func (c *Client) BatchDelete(ctx context.Context, instanceID string, names []string) (*BatchDeleteResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.Names("groups", names)); err != nil {
		return nil, err
	}
	for i, n := range names {
		if err := checkName(fmt.Sprintf("groups[%d]", i), n); err != nil {
			return nil, err
		}
	}
	var out BatchDeleteResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       groupsPath,
		PathParams: instanceParams(instanceID),
		Query:      url.Values{"action": {"delete"}},
		Body:       batchDeleteBody{Groups: names},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// BatchUpdate changes several consumer groups at once; each item names its
// group in Name.
// PUT /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.3).
func (c *Client) BatchUpdate(ctx context.Context, instanceID string, req *BatchUpdateRequest) (*BatchUpdateResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.NotNil("request", req == nil)); err != nil {
		return nil, err
	}
	if len(req.Groups) == 0 {
		return nil, check.Fail("groups", "must list at least one group")
	}
	for i := range req.Groups {
		if err := req.Groups[i].validate(fmt.Sprintf("groups[%d].", i), true); err != nil {
			return nil, err
		}
	}
	var out BatchUpdateResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPut,
		Path:       groupsPath,
		PathParams: instanceParams(instanceID),
		Body:       req,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one consumer group; Name is filled from group when the
// response has none. A group that does not exist is an *rocketmq.APIError
// for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.5).
func (c *Client) Get(ctx context.Context, instanceID, group string) (*Group, error) {
	if err := check.First(check.ID("instance_id", instanceID), checkName("group", group)); err != nil {
		return nil, err
	}
	var out Group
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       groupPath,
		PathParams: groupParams(instanceID, group),
	}, &out); err != nil {
		return nil, err
	}
	if out.Name == "" {
		out.Name = group
	}
	return &out, nil
}

// Update changes a consumer group's settings; only the fields set in req
// are sent.
// PUT /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.6).
func (c *Client) Update(ctx context.Context, instanceID, group string, req *UpdateRequest) error {
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("group", group),
		check.NotNil("request", req == nil),
	); err != nil {
		return err
	}
	if err := req.validate("", false); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPut,
		Path:       groupPath,
		PathParams: groupParams(instanceID, group),
		Body:       req,
	}, nil)
	return err
}

// Delete deletes a consumer group.
// DELETE /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.4).
func (c *Client) Delete(ctx context.Context, instanceID, group string) error {
	if err := check.First(check.ID("instance_id", instanceID), checkName("group", group)); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodDelete,
		Path:       groupPath,
		PathParams: groupParams(instanceID, group),
	}, nil)
	return err
}

// ListTopics returns one page of the topics a consumer group consumes (the
// list mode of 5.2.7, without ?topic=).
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics
// (reference 5.2.7).
func (c *Client) ListTopics(ctx context.Context, instanceID, group string, opts *ListTopicsOptions) (*ListTopicsResponse, error) {
	var o ListTopicsOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("group", group),
		checkPage(o.Limit, o.Offset),
	); err != nil {
		return nil, err
	}
	var out ListTopicsResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       topicsPath,
		PathParams: groupParams(instanceID, group),
		Query:      &o,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListTopicsIter iterates over all the topics a consumer group consumes,
// page by page, starting at opts.Offset with pages of opts.Limit (50 when
// 0). It stops at the total the server reports (never asking past it),
// after a short page when the answer has no usable total, and on an empty
// page. A nil opts means all topics; opts is copied, never changed. An
// error is yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics
// (reference 5.2.7).
func (c *Client) ListTopicsIter(ctx context.Context, instanceID, group string, opts *ListTopicsOptions) iter.Seq2[string, error] {
	var o ListTopicsOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("group", group),
		checkPage(o.Limit, o.Offset),
	); err != nil {
		return pager.Err[string](err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	limit := o.Limit
	if limit == 0 {
		limit = maxLimit
	}
	return pager.Offsets(ctx, o.Offset, limit, false, func(ctx context.Context, offset, limit int) (pager.Page[string], error) {
		r, err := c.ListTopics(ctx, instanceID, group, &ListTopicsOptions{Limit: limit, Offset: offset})
		if err != nil {
			return pager.Page[string]{}, err
		}
		return pager.Page[string]{Items: r.Topics, Total: pager.Total(r.Total, offset, len(r.Topics))}, nil
	})
}

// GetConsumption returns a consumer group's progress on one topic: per
// broker and queue the lag, broker offset, consumer offset and time of the
// last consumed message (the detail mode of 5.2.7, with ?topic=).
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics?topic={topic}
// (reference 5.2.7).
func (c *Client) GetConsumption(ctx context.Context, instanceID, group, topic string) (*Consumption, error) {
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("group", group),
		checkTopic("topic", topic),
	); err != nil {
		return nil, err
	}
	var out Consumption
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       topicsPath,
		PathParams: groupParams(instanceID, group),
		Query:      url.Values{"topic": {topic}},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ResetOffset resets a consumer group's offsets on a topic to the point in
// time req.Timestamp (Unix milliseconds) and returns the queues reset.
// POST /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/reset-message-offset
// (reference 5.2.8).
func (c *Client) ResetOffset(ctx context.Context, instanceID, group string, req *ResetOffsetRequest) (*ResetOffsetResponse, error) {
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("group", group),
		check.NotNil("request", req == nil),
	); err != nil {
		return nil, err
	}
	if err := check.First(
		checkTopic("topic", req.Topic),
		check.Min("timestamp", req.Timestamp, 0),
	); err != nil {
		return nil, err
	}
	var out ResetOffsetResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       resetOffsetPath,
		PathParams: map[string]string{"instance_id": instanceID, "group_id": group},
		Body:       req,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
