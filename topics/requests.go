package topics

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Client manages topics (reference section 5.3). It is safe for concurrent
// use.
type Client struct{ c *rocketmq.Client }

// New returns a topics client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// Topic permissions (reference 5.3.1, 5.3.4).
const (
	// PermissionAll lets producers publish and consumers subscribe (the
	// server's default).
	PermissionAll = "all"
	// PermissionPub allows publishing only.
	PermissionPub = "pub"
	// PermissionSub allows subscribing only.
	PermissionSub = "sub"
)

// maxLimit is the largest page size the API accepts (limit 1–50).
const maxLimit = 50

// Queue number range of CreateRequest.QueueNum (reference 5.3.1).
const (
	minQueueNum = 1
	maxQueueNum = 50
)

// CreateRequest is the body of Create (reference 5.3.1, table 5-50).
// Optional fields left empty are not sent, so the server's defaults apply.
type CreateRequest struct {
	// Name is the topic name: 3–64 letters, digits, "%", "|", "-", "_".
	Name string `json:"name"`
	// Brokers lists the brokers the topic is created on, none empty.
	Brokers []string `json:"brokers,omitempty"`
	// QueueNum is the number of queues, 1–50 (the server's default is 8).
	QueueNum *int `json:"queue_num,omitempty"`
	// Permission is PermissionAll (the server's default), PermissionPub or
	// PermissionSub.
	Permission string `json:"permission,omitempty"`
}

// UpdateRequest is the body of Update (reference 5.3.4, table 5-57). Only
// the fields set (non-nil, non-empty) are sent.
type UpdateRequest struct {
	// ReadQueueNum is the total number of read queues, ≥ 1.
	ReadQueueNum *int `json:"read_queue_num,omitempty"`
	// WriteQueueNum is the total number of write queues, ≥ 1.
	WriteQueueNum *int `json:"write_queue_num,omitempty"`
	// Permission is PermissionAll, PermissionPub or PermissionSub.
	Permission string `json:"permission,omitempty"`
}

// ListOptions pages List and ListIter (beyond the reference). The zero
// value (or nil) asks for the server's defaults.
type ListOptions struct {
	// Limit is the page size, 1–50; 0 means the server's default.
	// ListIter uses 50 when it is 0.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

// ListGroupsOptions pages ListGroups and ListGroupsIter (reference 5.3.5,
// table 5-59). The zero value (or nil) asks for the server's defaults.
type ListGroupsOptions struct {
	// Limit is the page size, 1–50; 0 means the server's default (10).
	// ListGroupsIter uses 50 when it is 0.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

// checkNewName checks the name of a topic to create: 3–64 letters,
// digits, "%", "|", "-", "_".
func checkNewName(field, v string) error { return check.GroupOrTopicName(field, v) }

// checkName checks the name of an existing topic: a name Create accepts,
// or a retry/dead-letter prefix followed by a valid group name.
func checkName(field, v string) error { return check.TopicName(field, v) }

// checkPermission accepts "" (not sent) or one of all, pub, sub.
func checkPermission(v string) error {
	if v == "" {
		return nil
	}
	return check.OneOf("permission", v, PermissionAll, PermissionPub, PermissionSub)
}

// checkQueues refuses a queue number below 1 when set.
func checkQueues(field string, v *int) error {
	if v == nil {
		return nil
	}
	return check.Min(field, int64(*v), 1)
}

// checkBrokers refuses empty broker names.
func checkBrokers(brokers []string) error { return check.NoEmpty("brokers", brokers) }

func checkPage(limit, offset int) error {
	return check.First(check.Limit(limit, maxLimit), check.Offset(offset))
}

func instanceParams(instanceID string) map[string]string {
	return map[string]string{"instance_id": instanceID}
}

func topicParams(instanceID, topic string) map[string]string {
	return map[string]string{"instance_id": instanceID, "topic": topic}
}

// Create creates a topic: Name must be 3–64 letters, digits, "%", "|", "-"
// or "_"; QueueNum, when set, 1–50.
// POST /v2/{project_id}/instances/{instance_id}/topics (reference 5.3.1).
func (c *Client) Create(ctx context.Context, instanceID string, req *CreateRequest) (*CreateResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.NotNil("request", req == nil)); err != nil {
		return nil, err
	}
	var qErr error
	if req.QueueNum != nil {
		qErr = check.Range("queue_num", int64(*req.QueueNum), minQueueNum, maxQueueNum)
	}
	if err := check.First(
		checkNewName("name", req.Name),
		checkBrokers(req.Brokers),
		qErr,
		checkPermission(req.Permission),
	); err != nil {
		return nil, err
	}
	var out CreateResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       topicsPath,
		PathParams: instanceParams(instanceID),
		Body:       req,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// batchDeleteBody is the body of BatchDelete (table 5-50, "topics").
type batchDeleteBody struct {
	Topics []string `json:"topics"`
}

// BatchDelete deletes several topics at once; names lists at least one
// valid topic name (retry and dead-letter topics included).
// POST /v2/{project_id}/instances/{instance_id}/topics?action=delete
// (reference 5.3.1).
func (c *Client) BatchDelete(ctx context.Context, instanceID string, names []string) (*BatchDeleteResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.Names("topics", names)); err != nil {
		return nil, err
	}
	for i, n := range names {
		if err := checkName(fmt.Sprintf("topics[%d]", i), n); err != nil {
			return nil, err
		}
	}
	var out BatchDeleteResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       topicsPath,
		PathParams: instanceParams(instanceID),
		Query:      url.Values{"action": {"delete"}},
		Body:       batchDeleteBody{Topics: names},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one topic. The reference's example has no name, so Name is
// filled from topic when the response leaves it out. A topic that does not
// exist is an *rocketmq.APIError for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.3).
func (c *Client) Get(ctx context.Context, instanceID, topic string) (*Topic, error) {
	if err := check.First(check.ID("instance_id", instanceID), checkName("topic", topic)); err != nil {
		return nil, err
	}
	var out Topic
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       topicPath,
		PathParams: topicParams(instanceID, topic),
	}, &out); err != nil {
		return nil, err
	}
	if out.Name == "" {
		out.Name = topic
	}
	return &out, nil
}

// Update changes a topic's queue numbers or permission; only the fields
// set in req are sent.
// PUT /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.4).
func (c *Client) Update(ctx context.Context, instanceID, topic string, req *UpdateRequest) error {
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("topic", topic),
		check.NotNil("request", req == nil),
	); err != nil {
		return err
	}
	if err := check.First(
		checkQueues("read_queue_num", req.ReadQueueNum),
		checkQueues("write_queue_num", req.WriteQueueNum),
		checkPermission(req.Permission),
	); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPut,
		Path:       topicPath,
		PathParams: topicParams(instanceID, topic),
		Body:       req,
	}, nil)
	return err
}

// Delete deletes a topic.
// DELETE /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.2).
func (c *Client) Delete(ctx context.Context, instanceID, topic string) error {
	if err := check.First(check.ID("instance_id", instanceID), checkName("topic", topic)); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodDelete,
		Path:       topicPath,
		PathParams: topicParams(instanceID, topic),
	}, nil)
	return err
}

// ListGroups returns one page of the consumer groups subscribed to a topic.
// The response has no total.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/groups
// (reference 5.3.5).
func (c *Client) ListGroups(ctx context.Context, instanceID, topic string, opts *ListGroupsOptions) (*ListGroupsResponse, error) {
	var o ListGroupsOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("topic", topic),
		checkPage(o.Limit, o.Offset),
	); err != nil {
		return nil, err
	}
	var out ListGroupsResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       groupsPath,
		PathParams: topicParams(instanceID, topic),
		Query:      &o,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListGroupsIter iterates over all the consumer groups subscribed to a
// topic, page by page, starting at opts.Offset with pages of opts.Limit (50
// when 0). The response has no total, so the iteration ends on a short or
// empty page, or cleanly when, after a full last page, the service refuses
// the next offset (rocketmq.CodeOffsetInvalid). A nil opts means all
// groups; opts is copied, never changed. An error is yielded once and ends
// the iteration.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/groups
// (reference 5.3.5).
func (c *Client) ListGroupsIter(ctx context.Context, instanceID, topic string, opts *ListGroupsOptions) iter.Seq2[string, error] {
	var o ListGroupsOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(
		check.ID("instance_id", instanceID),
		checkName("topic", topic),
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
		r, err := c.ListGroups(ctx, instanceID, topic, &ListGroupsOptions{Limit: limit, Offset: offset})
		var apiErr *rocketmq.APIError
		if offset > o.Offset && errors.As(err, &apiErr) && apiErr.Code == rocketmq.CodeOffsetInvalid {
			// Without a total, a full last page makes the iterator ask at
			// the total, which the service refuses (DMS.40050010): the end.
			return pager.Page[string]{}, nil
		}
		if err != nil {
			return pager.Page[string]{}, err
		}
		return pager.Page[string]{Items: r.Groups, Total: -1}, nil
	})
}

// GetStatus returns a topic's queues with their minimum and maximum
// offsets and the time of their last message; see Status.TotalMessages.
// brokers may come as an array (the table), one object (the example) or a
// bare array of brokers in place of the whole object.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/status
// (reference 5.3.6).
func (c *Client) GetStatus(ctx context.Context, instanceID, topic string) (*Status, error) {
	if err := check.First(check.ID("instance_id", instanceID), checkName("topic", topic)); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       statusPath,
		PathParams: topicParams(instanceID, topic),
	}, &raw); err != nil {
		return nil, err
	}
	var out Status
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return &out, nil
	}
	var err error
	if raw[0] == '[' {
		// A bare array where the object is documented: the brokers.
		err = jsonx.Unmarshal(raw, &out.Brokers)
	} else {
		err = jsonx.Unmarshal(raw, &out)
	}
	if err != nil {
		return nil, fmt.Errorf("topics: decoding the status of %s: %w", topic, err)
	}
	return &out, nil
}

// List returns one page of the instance's topics (beyond the reference).
// GET /v2/{project_id}/instances/{instance_id}/topics.
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
		Path:       topicsPath,
		PathParams: instanceParams(instanceID),
		Query:      &o,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListIter iterates over all the instance's topics (beyond the reference),
// page by page, starting at opts.Offset with pages of opts.Limit (50 when
// 0). It stops at the total the server reports (never asking past it),
// after a short page when the answer has no usable total, and on an empty
// page. A nil opts means all topics; opts is copied, never changed. An
// error is yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/topics.
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions) iter.Seq2[Topic, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(check.ID("instance_id", instanceID), checkPage(o.Limit, o.Offset)); err != nil {
		return pager.Err[Topic](err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	limit := o.Limit
	if limit == 0 {
		limit = maxLimit
	}
	return pager.Offsets(ctx, o.Offset, limit, false, func(ctx context.Context, offset, limit int) (pager.Page[Topic], error) {
		r, err := c.List(ctx, instanceID, &ListOptions{Limit: limit, Offset: offset})
		if err != nil {
			return pager.Page[Topic]{}, err
		}
		return pager.Page[Topic]{Items: r.Topics, Total: pager.Total(r.Total, offset, len(r.Topics))}, nil
	})
}
