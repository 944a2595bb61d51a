package groups

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

// Client manages consumer groups (reference section 5.2). It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a groups client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// MaxListLimit is the largest page size the group lists accept (limit
// 1–50); the iterators use it when Limit is 0.
const MaxListLimit = 50

// Range of retry_max_time (the current definitions: 1–16 in Create,
// Update, BatchUpdate and the list item).
const (
	minRetryMaxTime = 1
	maxRetryMaxTime = 16
)

// maxDescLen is the longest group_desc, in characters.
const maxDescLen = 200

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

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), check.Offset(o.Offset))
}

// CreateRequest is the body of Create (reference 5.2.2, table 5-28, plus
// the current definition's consume_orderly and group_desc). Optional
// fields left nil are not sent, so the server's defaults apply.
type CreateRequest struct {
	// Name is the group name: 3–64 letters, digits, "%", "|", "-", "_".
	Name string `json:"name"`
	// Brokers lists the brokers the group is associated with, none empty.
	Brokers []string `json:"brokers,omitempty"`
	// Enabled says whether the group may consume.
	Enabled *bool `json:"enabled,omitempty"`
	// Broadcast says whether the group consumes in broadcast mode.
	Broadcast *bool `json:"broadcast,omitempty"`
	// RetryMaxTime is the maximum number of consumption retries, 1–16.
	RetryMaxTime *int `json:"retry_max_time,omitempty"`
	// FromBeginning says whether the group consumes from the beginning.
	FromBeginning *bool `json:"from_beginning,omitempty"`
	// ConsumeOrderly says whether messages are consumed in order (5.x
	// instances only).
	ConsumeOrderly *bool `json:"consume_orderly,omitempty"`
	// GroupDesc describes the group, 0–200 characters ("" sends none).
	GroupDesc string `json:"group_desc,omitempty"`
}

func (r *CreateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.First(
		check.NewGroup("name", r.Name),
		check.NoEmpty("brokers", r.Brokers),
		checkRetry("retry_max_time", r.RetryMaxTime),
		check.MaxLen("group_desc", r.GroupDesc, maxDescLen),
	)
}

// UpdateRequest is the body of Update (reference 5.2.6, table 5-38) and
// one item of BatchUpdateRequest (5.2.3, table 5-32), plus the current
// definition's consume_orderly and group_desc. Only the fields set are
// sent: a nil pointer leaves the setting unchanged, while
// rocketmq.Bool(false), rocketmq.Int(0) or rocketmq.String("") sends
// false, 0 or "".
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
	// RetryMaxTime is the maximum number of consumption retries, 1–16.
	RetryMaxTime *int `json:"retry_max_time,omitempty"`
	// FromBeginning says whether the group consumes from the beginning.
	FromBeginning *bool `json:"from_beginning,omitempty"`
	// ConsumeOrderly says whether messages are consumed in order (5.x
	// instances only).
	ConsumeOrderly *bool `json:"consume_orderly,omitempty"`
	// GroupDesc describes the group, 0–200 characters;
	// rocketmq.String("") clears it.
	GroupDesc *string `json:"group_desc,omitempty"`
}

// check checks an update (or a batch item, named by prefix "groups[i]."
// with the name required).
func (r *UpdateRequest) check(prefix string, nameRequired bool) error {
	var nameErr, descErr error
	if nameRequired || r.Name != "" {
		nameErr = check.Group(prefix+"name", r.Name)
	}
	if r.GroupDesc != nil {
		descErr = check.MaxLen(prefix+"group_desc", *r.GroupDesc, maxDescLen)
	}
	return check.First(
		nameErr,
		check.NoEmpty(prefix+"brokers", r.Brokers),
		checkRetry(prefix+"retry_max_time", r.RetryMaxTime),
		descErr,
	)
}

func (r *UpdateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return r.check("", false)
}

// BatchUpdateRequest is the body of BatchUpdate (reference 5.2.3,
// table 5-31). It lists at least one group.
type BatchUpdateRequest struct {
	// Groups lists the groups to change, each named by its Name.
	Groups []UpdateRequest `json:"groups"`
}

func (r *BatchUpdateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	if len(r.Groups) == 0 {
		return check.Fail("groups", "must list at least one group")
	}
	for i := range r.Groups {
		if err := r.Groups[i].check(fmt.Sprintf("groups[%d].", i), true); err != nil {
			return err
		}
	}
	return nil
}

// ListTopicsOptions pages ListTopics and ListTopicsIter (reference 5.2.7,
// table 5-40): limit 1–50, the server's default 10. The zero value (or
// nil) asks for the server's defaults.
type ListTopicsOptions = rocketmq.PageOptions

// ResetOffsetRequest is the body of ResetOffset (reference 5.2.8,
// table 5-45).
type ResetOffsetRequest struct {
	// Topic is the topic whose offsets are reset (required; retry and
	// dead-letter topics such as "%RETRY%group" are accepted).
	Topic string `json:"topic"`
	// Timestamp is the point in time to reset to, in Unix milliseconds
	// (time.Time.UnixMilli), ≥ 0. It is always sent, 0 included, as a JSON
	// number: the reference's type (Number). The current definition types
	// it as a string; the SDK keeps the number on purpose.
	Timestamp int64 `json:"timestamp"`
}

func (r *ResetOffsetRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.First(check.Topic("topic", r.Topic), check.Min("timestamp", r.Timestamp, 0))
}

// ListClientsOptions selects and pages ListClients and ListClientsIter
// (the current ShowConsumerConnections). The zero value (or nil) asks for
// the brief list with the server's default page.
type ListClientsOptions struct {
	// Detail asks for the detailed consumer list (is_detail=true); false
	// sends nothing (the brief list).
	Detail bool `url:"is_detail,omitempty"`
	// Limit is the page size, 1–50; 0 means the server's default.
	// ListClientsIter uses 50 when it is 0.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

func (o *ListClientsOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), check.Offset(o.Offset))
}

// checkRetry refuses a retry_max_time outside 1–16 when set.
func checkRetry(field string, v *int) error {
	if v == nil {
		return nil
	}
	return check.Range(field, int64(*v), minRetryMaxTime, maxRetryMaxTime)
}

// batchDeleteBody is the body of BatchDelete (table 5-28, "groups").
type batchDeleteBody struct {
	Groups []string `json:"groups"`
}

// actionQuery is the query of the batch operations (?action=delete).
type actionQuery struct {
	Action string `url:"action"`
}

// topicQuery is the query of GetConsumption (?topic=).
type topicQuery struct {
	Topic string `url:"topic"`
}

// List returns one page of the instance's consumer groups.
// GET /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.1).
// IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

func listSpec(instanceID string, opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: groupsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  opts.validate(),
	}
}

// ListIter iterates over all the instance's consumer groups, page by page,
// starting at opts.Offset with pages of opts.Limit (50 when 0), keeping
// opts.Group. It stops at the total the server reports (never asking past
// it), after a short page when the answer has no usable total, and on an
// empty page. A nil opts means all groups; opts is copied, never changed.
// An error (a *rocketmq.ValidationError for bad options) is yielded once
// and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.1).
// IAM: dms:instance:get (inferred).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Group, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(o.Offset, o.Limit, MaxListLimit), o.validate(),
		func(offset, limit int) call.Spec {
			p := o
			p.Offset, p.Limit = offset, limit
			return listSpec(instanceID, &p)
		},
		func(r *ListResponse) ([]Group, int64) { return r.Groups, r.Total }, callOpts)
}

// Create creates a consumer group: Name must be 3–64 letters, digits, "%",
// "|", "-" or "_"; RetryMaxTime, when set, 1–16; GroupDesc at most 200
// characters. A name already taken is DMS.10240018 (see
// rocketmq.IsAlreadyExists).
// POST /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.2).
// IAM: dms:instance:modify (inferred).
func (c *Client) Create(ctx context.Context, instanceID string, req *CreateRequest, opts ...rocketmq.CallOption) (*CreateResponse, error) {
	return call.Do[CreateResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: groupsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// BatchDelete deletes several consumer groups at once; names lists at
// least one group name (RocketMQ's rule: 1–255 letters, digits, "%", "|",
// "-", "_").
// POST /v2/{project_id}/instances/{instance_id}/groups?action=delete
// (reference 5.2.2). IAM: dms:instance:modify (inferred).
func (c *Client) BatchDelete(ctx context.Context, instanceID string, names []string, opts ...rocketmq.CallOption) (*BatchDeleteResponse, error) {
	return call.Do[BatchDeleteResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: groupsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Query:  actionQuery{Action: "delete"},
		Body:   batchDeleteBody{Groups: names},
		Check:  check.Each("groups", names, check.Group),
	}, opts)
}

// BatchUpdate changes several consumer groups at once; each item names its
// group in Name, and follows Update's rules.
// PUT /v2/{project_id}/instances/{instance_id}/groups (reference 5.2.3).
// IAM: dms:instance:modify (inferred).
func (c *Client) BatchUpdate(ctx context.Context, instanceID string, req *BatchUpdateRequest, opts ...rocketmq.CallOption) (*BatchUpdateResponse, error) {
	return call.Do[BatchUpdateResponse](ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: groupsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// Get returns one consumer group; Name is filled from group when the
// response has none. A group that does not exist is an *rocketmq.APIError
// for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.5). IAM: dms:instance:get (inferred).
func (c *Client) Get(ctx context.Context, instanceID, group string, opts ...rocketmq.CallOption) (*Group, error) {
	out, err := call.Do[Group](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: groupPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Check:  check.Group("group", group),
	}, opts)
	if err == nil && out.Name == "" {
		out.Name = group
	}
	return out, err
}

// Update changes a consumer group's settings; only the fields set in req
// are sent. RetryMaxTime, when set, is 1–16; GroupDesc at most 200
// characters.
// PUT /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.6). IAM: dms:instance:modify (inferred).
func (c *Client) Update(ctx context.Context, instanceID, group string, req *UpdateRequest, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: groupPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Body:   req,
		Check:  check.First(check.Group("group", group), req.validate()),
	}, opts)
}

// Delete deletes a consumer group.
// DELETE /v2/{project_id}/instances/{instance_id}/groups/{group}
// (reference 5.2.4). IAM: dms:instance:modify (inferred).
func (c *Client) Delete(ctx context.Context, instanceID, group string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: groupPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Check:  check.Group("group", group),
	}, opts)
}

// ListTopics returns one page of the topics a consumer group consumes (the
// list mode of 5.2.7, without ?topic=).
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics
// (reference 5.2.7). IAM: dms:instance:get (inferred).
func (c *Client) ListTopics(ctx context.Context, instanceID, group string, opts *ListTopicsOptions, callOpts ...rocketmq.CallOption) (*ListTopicsResponse, error) {
	return call.Do[ListTopicsResponse](ctx, c.c, listTopicsSpec(instanceID, group, opts), callOpts)
}

func listTopicsSpec(instanceID, group string, opts *ListTopicsOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: topicsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Query:  opts,
		Check:  check.First(check.Group("group", group), check.Page(opts, MaxListLimit)),
	}
}

// ListTopicsIter iterates over all the topics a consumer group consumes,
// page by page, starting at opts.Offset with pages of opts.Limit (50 when
// 0). It stops at the total the server reports (never asking past it),
// after a short page when the answer has no usable total, and on an empty
// page. A nil opts means all topics; opts is copied, never changed. An
// error is yielded once and ends the iteration.
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics
// (reference 5.2.7). IAM: dms:instance:get (inferred).
func (c *Client) ListTopicsIter(ctx context.Context, instanceID, group string, opts *ListTopicsOptions, callOpts ...rocketmq.CallOption) iter.Seq2[string, error] {
	return pager.Iter(ctx, c.c, pager.Start(opts, MaxListLimit), listTopicsSpec(instanceID, group, opts).Check,
		func(offset, limit int) call.Spec {
			return listTopicsSpec(instanceID, group, &ListTopicsOptions{Limit: limit, Offset: offset})
		},
		func(r *ListTopicsResponse) ([]string, int64) { return r.Topics, r.Total }, callOpts)
}

// GetConsumption returns a consumer group's progress on one topic: the
// totals (Lag, MaxOffset, ConsumerOffset, when the service sends them) and
// per broker and queue the lag, broker offset, consumer offset and time of
// the last consumed message (the detail mode of 5.2.7, with ?topic=).
// GET /v2/{project_id}/instances/{instance_id}/groups/{group}/topics?topic={topic}
// (reference 5.2.7). IAM: dms:instance:get (inferred).
func (c *Client) GetConsumption(ctx context.Context, instanceID, group, topic string, opts ...rocketmq.CallOption) (*Consumption, error) {
	return call.Do[Consumption](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: topicsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Query:  topicQuery{Topic: topic},
		Check:  check.First(check.Group("group", group), check.Topic("topic", topic)),
	}, opts)
}

// ResetOffset resets a consumer group's offsets on a topic to the point in
// time req.Timestamp (Unix milliseconds) and returns the queues reset. The
// timestamp goes on the wire as a JSON number, as the reference types it;
// the current definition says string, and the SDK keeps the number on
// purpose.
// POST /v2/{engine}/{project_id}/instances/{instance_id}/groups/{group_id}/reset-message-offset
// (reference 5.2.8). IAM: dms:instance:modify (inferred).
func (c *Client) ResetOffset(ctx context.Context, instanceID, group string, req *ResetOffsetRequest, opts ...rocketmq.CallOption) (*ResetOffsetResponse, error) {
	return call.Do[ResetOffsetResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: resetOffsetPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID, "group_id": group},
		Body:   req,
		Check:  check.First(check.Group("group", group), req.validate()),
	}, opts)
}

// ListClients returns one page of the consumers of a group: their client
// IDs (what messages.VerifyConsumption's ClientID takes), addresses,
// language, version, consume type and subscriptions, and whether the
// group is online and its subscriptions consistent. opts.Detail asks for
// the detailed list.
// GET /v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients
// (current definition ShowConsumerConnections). IAM: dms:instance:get
// (inferred).
func (c *Client) ListClients(ctx context.Context, instanceID, group string, opts *ListClientsOptions, callOpts ...rocketmq.CallOption) (*ClientsResponse, error) {
	return call.Do[ClientsResponse](ctx, c.c, listClientsSpec(instanceID, group, opts), callOpts)
}

func listClientsSpec(instanceID, group string, opts *ListClientsOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: clientsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID, "group": group},
		Query:  opts,
		Check:  check.First(check.Group("group", group), opts.validate()),
	}
}

// ListClientsIter iterates over all the consumers of a group, page by
// page, starting at opts.Offset with pages of opts.Limit (50 when 0),
// keeping opts.Detail. It stops at the total the server reports, after a
// short page when the answer has no usable total, and on an empty page.
// A nil opts means every consumer (brief list); opts is copied, never
// changed. An error is yielded once and ends the iteration.
// GET /v2/rocketmq/{project_id}/instances/{instance_id}/groups/{group}/clients
// (current definition ShowConsumerConnections). IAM: dms:instance:get
// (inferred).
func (c *Client) ListClientsIter(ctx context.Context, instanceID, group string, opts *ListClientsOptions, callOpts ...rocketmq.CallOption) iter.Seq2[ConsumerClient, error] {
	var o ListClientsOptions
	if opts != nil {
		o = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(o.Offset, o.Limit, MaxListLimit), listClientsSpec(instanceID, group, &o).Check,
		func(offset, limit int) call.Spec {
			p := o
			p.Offset, p.Limit = offset, limit
			return listClientsSpec(instanceID, group, &p)
		},
		func(r *ClientsResponse) ([]ConsumerClient, int64) { return r.Clients, r.Total }, callOpts)
}
