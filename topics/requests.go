package topics

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
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

// Message types of a topic (CreateRequest.MessageType, Topic.MessageType;
// 5.x instances only).
const (
	// MessageNormal is ordinary messages.
	MessageNormal = "NORMAL"
	// MessageFIFO is ordered messages.
	MessageFIFO = "FIFO"
	// MessageDelay is scheduled (delayed) messages.
	MessageDelay = "DELAY"
	// MessageTransaction is transactional messages.
	MessageTransaction = "TRANSACTION"
)

// MaxListLimit is the largest page size the topic lists accept (limit
// 1–50); the iterators use it when Limit is 0.
const MaxListLimit = 50

// Queue number range of CreateRequest.QueueNum (reference 5.3.1).
const (
	minQueueNum = 1
	maxQueueNum = 50
)

// CreateRequest is the body of Create (reference 5.3.1, table 5-50).
// Optional fields left empty are not sent, so the server's defaults apply.
type CreateRequest struct {
	// Name is the topic name: 3–64 letters, digits, "%", "|", "-", "_",
	// not starting with "%RETRY%" or "%DLQ%" (RocketMQ's own topics).
	Name string `json:"name"`
	// Brokers lists the brokers the topic is created on, none empty.
	Brokers []string `json:"brokers,omitempty"`
	// QueueNum is the number of queues, 1–50 (the server's default is 8).
	QueueNum *int `json:"queue_num,omitempty"`
	// Permission is PermissionAll (the server's default), PermissionPub or
	// PermissionSub.
	Permission string `json:"permission,omitempty"`
	// Queues sets the number of queues per broker (current definitions;
	// 4.8.0 instances only).
	Queues []CreateQueues `json:"queues,omitempty"`
	// MessageType is MessageNormal, MessageFIFO, MessageDelay or
	// MessageTransaction (current definitions; 5.x instances only; ""
	// sends none).
	MessageType string `json:"message_type,omitempty"`
}

// CreateQueues is the queue number of one broker in CreateRequest.Queues.
type CreateQueues struct {
	// Broker names the broker (required).
	Broker string `json:"broker"`
	// QueueNum is the number of queues on it, 1–50.
	QueueNum int `json:"queue_num"`
}

// UpdateQueues is the queue numbers of one broker in UpdateRequest.Queues.
type UpdateQueues struct {
	// Broker names the broker (required).
	Broker string `json:"broker"`
	// ReadQueueNum and WriteQueueNum are its read and write queues, ≥ 1.
	ReadQueueNum  int `json:"read_queue_num"`
	WriteQueueNum int `json:"write_queue_num"`
}

func (r *CreateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var qErr error
	if r.QueueNum != nil {
		qErr = check.Range("queue_num", int64(*r.QueueNum), minQueueNum, maxQueueNum)
	}
	return check.First(
		check.NewTopic("name", r.Name),
		check.NoEmpty("brokers", r.Brokers),
		qErr,
		checkPermission(r.Permission),
		checkCreateQueues(r.Queues),
		checkMessageType(r.MessageType),
	)
}

func checkCreateQueues(qs []CreateQueues) error {
	for i, q := range qs {
		f := fmt.Sprintf("queues[%d].", i)
		if err := check.First(
			check.Required(f+"broker", q.Broker),
			check.Range(f+"queue_num", int64(q.QueueNum), minQueueNum, maxQueueNum),
		); err != nil {
			return err
		}
	}
	return nil
}

func checkUpdateQueues(qs []UpdateQueues) error {
	for i, q := range qs {
		f := fmt.Sprintf("queues[%d].", i)
		if err := check.First(
			check.Required(f+"broker", q.Broker),
			check.Min(f+"read_queue_num", int64(q.ReadQueueNum), 1),
			check.Min(f+"write_queue_num", int64(q.WriteQueueNum), 1),
		); err != nil {
			return err
		}
	}
	return nil
}

// checkMessageType accepts "" (not sent) or one of the message types.
func checkMessageType(v string) error {
	if v == "" {
		return nil
	}
	return check.OneOf("message_type", v, MessageNormal, MessageFIFO, MessageDelay, MessageTransaction)
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
	// Queues sets the queue numbers per broker (current definitions; 4.8.0
	// instances only).
	Queues []UpdateQueues `json:"queues,omitempty"`
	// TopicDesc describes the topic (current definitions);
	// rocketmq.String("") clears it.
	TopicDesc *string `json:"topic_desc,omitempty"`
}

func (r *UpdateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.First(
		checkQueues("read_queue_num", r.ReadQueueNum),
		checkQueues("write_queue_num", r.WriteQueueNum),
		checkPermission(r.Permission),
		checkUpdateQueues(r.Queues),
	)
}

// ListOptions pages List and ListIter (beyond the reference): limit 1–50.
// The zero value (or nil) asks for the server's defaults.
type ListOptions = rocketmq.PageOptions

// ListGroupsOptions pages ListGroups and ListGroupsIter (reference 5.3.5,
// table 5-59): limit 1–50, the server's default 10. The zero value (or
// nil) asks for the server's defaults.
type ListGroupsOptions = rocketmq.PageOptions

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

// batchDeleteBody is the body of BatchDelete (table 5-50, "topics").
type batchDeleteBody struct {
	Topics []string `json:"topics"`
}

// actionQuery is the query of the batch operations (?action=delete).
type actionQuery struct {
	Action string `url:"action"`
}

// Create creates a topic: Name must be 3–64 letters, digits, "%", "|", "-"
// or "_"; QueueNum, when set, 1–50, as each broker's queue number in
// Queues; MessageType one of the Message constants. A name already taken is
// DMS.00400800 (see rocketmq.IsAlreadyExists).
// POST /v2/{project_id}/instances/{instance_id}/topics (reference 5.3.1).
// IAM: dms:instance:modify (inferred: table 6-1 does not list it).
func (c *Client) Create(ctx context.Context, instanceID string, req *CreateRequest, opts ...rocketmq.CallOption) (*CreateResponse, error) {
	return call.Do[CreateResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: topicsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// BatchDelete deletes several topics at once; names lists at least one
// topic name (retry and dead-letter topics included).
// POST /v2/{project_id}/instances/{instance_id}/topics?action=delete
// (reference 5.3.1). IAM: dms:instance:modify (inferred).
func (c *Client) BatchDelete(ctx context.Context, instanceID string, names []string, opts ...rocketmq.CallOption) (*BatchDeleteResponse, error) {
	return call.Do[BatchDeleteResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: topicsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Query:  actionQuery{Action: "delete"},
		Body:   batchDeleteBody{Topics: names},
		Check:  check.Each("topics", names, check.Topic),
	}, opts)
}

// Get returns one topic. The reference's example has no name, so Name is
// filled from topic when the response leaves it out. A topic that does not
// exist is an *rocketmq.APIError for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.3). IAM: dms:instance:get (inferred).
func (c *Client) Get(ctx context.Context, instanceID, topic string, opts ...rocketmq.CallOption) (*Topic, error) {
	out, err := call.Do[Topic](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: topicPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Check:  check.Topic("topic", topic),
	}, opts)
	if err == nil && out.Name == "" {
		out.Name = topic
	}
	return out, err
}

// Update changes a topic's queue numbers (in total or per broker),
// permission or description; only the fields set in req are sent.
// PUT /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.4). IAM: dms:instance:modify.
func (c *Client) Update(ctx context.Context, instanceID, topic string, req *UpdateRequest, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: topicPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Body:   req,
		Check:  check.First(check.Topic("topic", topic), req.validate()),
	}, opts)
}

// Delete deletes a topic.
// DELETE /v2/{project_id}/instances/{instance_id}/topics/{topic}
// (reference 5.3.2). IAM: dms:instance:modify (inferred).
func (c *Client) Delete(ctx context.Context, instanceID, topic string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: topicPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Check:  check.Topic("topic", topic),
	}, opts)
}

// ListGroups returns one page of the consumer groups subscribed to a topic.
// The current service sends a total; the reference's answer has none.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/groups
// (reference 5.3.5). IAM: dms:instance:get.
func (c *Client) ListGroups(ctx context.Context, instanceID, topic string, opts *ListGroupsOptions, callOpts ...rocketmq.CallOption) (*ListGroupsResponse, error) {
	return call.Do[ListGroupsResponse](ctx, c.c, c.listGroupsSpec(instanceID, topic, opts), callOpts)
}

func (c *Client) listGroupsSpec(instanceID, topic string, opts *ListGroupsOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: groupsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Query:  opts,
		Check:  check.First(check.Topic("topic", topic), check.Page(opts, MaxListLimit)),
	}
}

// ListGroupsIter iterates over all the consumer groups subscribed to a
// topic, page by page, starting at opts.Offset with pages of opts.Limit (50
// when 0). It stops at the total when the answer has one (the current
// service's); without one (the reference's answer) it
// ends on a short or empty page, or cleanly when, after a full last page,
// the service refuses the next offset (rocketmq.CodeOffsetInvalid). A nil
// opts means all groups; opts is copied, never changed. An error is
// yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/groups
// (reference 5.3.5). IAM: dms:instance:get.
func (c *Client) ListGroupsIter(ctx context.Context, instanceID, topic string, opts *ListGroupsOptions, callOpts ...rocketmq.CallOption) iter.Seq2[string, error] {
	w := pager.Start(opts, MaxListLimit)
	w.End = call.OffsetRefused // a full last page without total, then a refused offset
	return pager.Iter(ctx, c.c, w, c.listGroupsSpec(instanceID, topic, opts).Check,
		func(offset, limit int) call.Spec {
			return c.listGroupsSpec(instanceID, topic, &ListGroupsOptions{Limit: limit, Offset: offset})
		},
		func(r *ListGroupsResponse) ([]string, int64) { return r.Groups, r.Total }, callOpts)
}

// GetStatus returns a topic's queues with their minimum and maximum
// offsets and the time of their last message; see Status.TotalMessages.
// brokers may come as an array (the table), one object (the example) or a
// bare array of brokers in place of the whole object.
// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}/status
// (reference 5.3.6). IAM: dms:instance:get.
func (c *Client) GetStatus(ctx context.Context, instanceID, topic string, opts ...rocketmq.CallOption) (*Status, error) {
	return call.Do[Status](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: statusPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "topic": topic},
		Check:  check.Topic("topic", topic),
	}, opts)
}

// List returns one page of the instance's topics (beyond the reference).
// GET /v2/{project_id}/instances/{instance_id}/topics.
// IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

func listSpec(instanceID string, opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: topicsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  check.Page(opts, MaxListLimit),
	}
}

// ListIter iterates over all the instance's topics (beyond the reference),
// page by page, starting at opts.Offset with pages of opts.Limit (50 when
// 0). It stops at the total the server reports (never asking past it),
// after a short page when the answer has no usable total, and on an empty
// page. A nil opts means all topics; opts is copied, never changed. An
// error is yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/topics.
// IAM: dms:instance:get (inferred).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Topic, error] {
	return pager.Iter(ctx, c.c, pager.Start(opts, MaxListLimit), listSpec(instanceID, opts).Check,
		func(offset, limit int) call.Spec {
			return listSpec(instanceID, &ListOptions{Limit: limit, Offset: offset})
		},
		func(r *ListResponse) ([]Topic, int64) { return r.Topics, r.Total }, callOpts)
}
