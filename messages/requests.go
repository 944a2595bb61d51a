package messages

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// MaxListLimit is the largest page size of a message query (limit 1–50);
// QueryIter uses it when QueryOptions.Limit is 0.
const MaxListLimit = 50

// tracePage is the page size the service uses for a trace when no limit
// is sent (the current definition's default, 10).
const tracePage = 10

// Client is the message API client (reference section 5.4). Create it with
// New; it is safe for concurrent use. A nil or zero Client returns a
// *rocketmq.ValidationError.
type Client struct{ c *rocketmq.Client }

// New returns a message API client that sends its calls through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// QueryOptions selects the messages of a query (table 5-66, plus the
// current definition's key and queue). Topic is required, and either
// MsgID or both StartTime and EndTime (the times go on the wire as Unix
// milliseconds). A nil *QueryOptions is refused: Topic is missing.
type QueryOptions struct {
	// Topic is the topic to search (required; RocketMQ's name rule, so
	// retry and dead-letter topics are accepted).
	Topic string
	// MsgID finds one message by its id.
	MsgID string
	// Key narrows the search to the messages with this key (current
	// definitions; "" sends none).
	Key string
	// Queue narrows the search to one queue of the topic (current
	// definitions; nil sends none, ≥ 0).
	Queue *int
	// StartTime and EndTime bound the search by store time (sent as Unix
	// milliseconds); both are required when MsgID is empty, and EndTime
	// must be after StartTime.
	StartTime time.Time
	EndTime   time.Time
	// Limit is the page size, 1–50; 0 leaves it to the server (QueryIter
	// uses 50).
	Limit int
	// Offset is the number of messages to skip (≥ 0). It is sent whenever
	// Limit is, or when not 0.
	Offset int
}

func (o *QueryOptions) validate() error {
	if o == nil {
		return check.Required("topic", "")
	}
	hasID := strings.TrimSpace(o.MsgID) != ""
	var timeErr error
	switch {
	case !hasID && o.MsgID != "":
		timeErr = check.Fail("msg_id", "must not be blank")
	case !hasID && o.StartTime.IsZero():
		timeErr = check.Fail("start_time", "is required when msg_id is not given")
	case !hasID && o.EndTime.IsZero():
		timeErr = check.Fail("end_time", "is required when msg_id is not given")
	case !o.StartTime.IsZero() && !o.EndTime.IsZero() && !o.EndTime.After(o.StartTime):
		timeErr = check.Fail("end_time", "must be after start_time")
	}
	var queueErr error
	if o.Queue != nil {
		queueErr = check.Min("queue", int64(*o.Queue), 0)
	}
	return check.First(
		check.Topic("topic", o.Topic),
		timeErr,
		queueErr,
		check.Limit(o.Limit, MaxListLimit),
		check.Offset(o.Offset),
	)
}

// unixMilli is a time sent as Unix milliseconds; the zero time sends
// nothing.
type unixMilli time.Time

// EncodeValues implements go-querystring's query.Encoder.
func (t unixMilli) EncodeValues(key string, v *url.Values) error {
	if tt := time.Time(t); !tt.IsZero() {
		v.Set(key, strconv.FormatInt(tt.UnixMilli(), 10))
	}
	return nil
}

// queryWire is the query of Query.
type queryWire struct {
	Topic     string    `url:"topic"`
	MsgID     string    `url:"msg_id,omitempty"`
	Key       string    `url:"key,omitempty"`
	Queue     *int      `url:"queue,omitempty"`
	StartTime unixMilli `url:"start_time"`
	EndTime   unixMilli `url:"end_time"`
	Limit     int       `url:"limit,omitempty"`
	Offset    *int      `url:"offset,omitempty"`
}

// query renders the options. offset is sent whenever a limit is (so a
// first page reads "limit=10&offset=0") or when it is not 0.
func (o *QueryOptions) query() *queryWire {
	if o == nil {
		return nil
	}
	q := &queryWire{Topic: o.Topic, MsgID: o.MsgID, Key: o.Key, Queue: o.Queue,
		StartTime: unixMilli(o.StartTime), EndTime: unixMilli(o.EndTime), Limit: o.Limit}
	if o.Limit > 0 || o.Offset > 0 {
		off := o.Offset
		q.Offset = &off
	}
	return q
}

func querySpec(instanceID string, o *QueryOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: queryPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  o.query(),
		Check:  o.validate(),
	}
}

// Query returns one page of messages of a topic, found by id or by store
// time, optionally narrowed by key and queue.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/messages
// (reference 5.4.1). IAM: dms:instance:get.
func (c *Client) Query(ctx context.Context, instanceID string, opts *QueryOptions, callOpts ...rocketmq.CallOption) (*QueryResponse, error) {
	return call.Do[QueryResponse](ctx, c.c, querySpec(instanceID, opts), callOpts)
}

// QueryIter iterates over every message Query finds, page by page (pages of
// opts.Limit messages, 50 when 0, starting at opts.Offset). It stops at the
// response's total (never asking past it), after a short page when the
// answer has no usable total, and on an empty page. opts is copied, never
// modified; an invalid opts yields one *rocketmq.ValidationError and
// nothing is sent.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/messages
// (reference 5.4.1). IAM: dms:instance:get.
func (c *Client) QueryIter(ctx context.Context, instanceID string, opts *QueryOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Message, error] {
	var o QueryOptions
	if opts != nil {
		o = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(o.Offset, o.Limit, MaxListLimit), opts.validate(),
		func(offset, limit int) call.Spec {
			p := o
			p.Offset, p.Limit = offset, limit
			return querySpec(instanceID, &p)
		},
		func(r *QueryResponse) ([]Message, int64) { return r.Messages, r.Total }, callOpts)
}

// traceQuery is the query of one page of Trace. The first page sends
// msg_id alone (the service's default page, 10), the next ones the offset.
type traceQuery struct {
	MsgID  string `url:"msg_id"`
	Offset int    `url:"offset,omitempty"`
}

// Trace returns the whole trace of one message (msgID is required),
// following the service's pages (10 traces each, by offset) up to the
// total the answer reports; an answer without a total is the whole
// trace. The answer is {"trace": [...]} (the table; "trace" may be one
// object) or a bare array of traces (the reference's example).
// GET /v2/{engine}/{project_id}/instances/{instance_id}/trace?msg_id=
// (reference 5.4.2). IAM: dms:instance:get (inferred).
func (c *Client) Trace(ctx context.Context, instanceID, msgID string, opts ...rocketmq.CallOption) ([]Trace, error) {
	return pager.All(ctx, c.c, pager.Window{Limit: tracePage}, check.Required("msg_id", msgID),
		func(offset, _ int) call.Spec {
			return call.Spec{
				Method: http.MethodGet, Path: tracePath, Action: call.ActionGet,
				Params: call.Params{"instance_id": instanceID},
				Query:  traceQuery{MsgID: msgID, Offset: offset},
			}
		},
		func(p *tracePageWire) ([]Trace, int64) {
			if p.Total == nil {
				// No total: the answer is the whole trace (on a first
				// page; on a later one the short-page rule applies).
				return p.Trace, int64(len(p.Trace))
			}
			return p.Trace, *p.Total
		}, opts)
}

// ExportDeadLettersRequest selects dead letters to export (table 5-75).
type ExportDeadLettersRequest struct {
	// Topic is the dead-letter topic, e.g. "%DLQ%group1" (required).
	Topic string `json:"topic,omitempty"`
	// MsgIDList lists message ids; UniqKeyList lists unique keys (the
	// UNIQ_KEY property). At least one of them must list an id, and no
	// entry may be empty.
	MsgIDList   []string `json:"msg_id_list,omitempty"`
	UniqKeyList []string `json:"uniq_key_list,omitempty"`
}

func (r *ExportDeadLettersRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var listErr error
	if len(r.MsgIDList) == 0 && len(r.UniqKeyList) == 0 {
		listErr = check.Fail("msg_id_list", "msg_id_list or uniq_key_list must list at least one id")
	}
	return check.First(
		check.Topic("topic", r.Topic),
		listErr,
		check.NoEmpty("msg_id_list", r.MsgIDList),
		check.NoEmpty("uniq_key_list", r.UniqKeyList),
	)
}

// ExportDeadLetters returns the dead letters with the given ids or unique
// keys. The answer is an array of messages (the table) or one message
// (the example); both are accepted, as is property_list as an array or
// one object.
// POST /v2/{project_id}/instances/{instance_id}/messages/export
// (reference 5.4.3). IAM: dms:instance:get (inferred: a read).
func (c *Client) ExportDeadLetters(ctx context.Context, instanceID string, req *ExportDeadLettersRequest, opts ...rocketmq.CallOption) ([]Message, error) {
	out, err := call.Do[[]Message](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: exportPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// ResendDeadLettersRequest names dead letters to send again (table 5-80).
type ResendDeadLettersRequest struct {
	// Topic is the dead-letter topic (required).
	Topic string `json:"topic,omitempty"`
	// MsgIDList lists the message ids (at least one, none empty).
	MsgIDList []string `json:"msg_id_list,omitempty"`
}

func (r *ResendDeadLettersRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.First(check.Topic("topic", r.Topic), idList("msg_id_list", r.MsgIDList))
}

// idList refuses an empty list of ids or an empty entry.
func idList(field string, ids []string) error {
	if len(ids) == 0 {
		return check.Fail(field, "must list at least one message id")
	}
	return check.NoEmpty(field, ids)
}

// ResendDeadLetters sends dead letters to their consumer group again and
// reports the result per message (see ResendResponse.Failed).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/deadletter-resend
// (reference 5.4.4). IAM: dms:instance:modify (inferred).
func (c *Client) ResendDeadLetters(ctx context.Context, instanceID string, req *ResendDeadLettersRequest, opts ...rocketmq.CallOption) (*ResendResponse, error) {
	return call.Do[ResendResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: deadLetterResendPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// VerifyConsumptionRequest names messages to deliver again to one consumer
// of a group, to verify that it consumes them (table 5-84, plus the
// current definition's topic).
type VerifyConsumptionRequest struct {
	// Group is the consumer group (required).
	Group string `json:"group,omitempty"`
	// Topic is the topic of the messages (current definitions; optional).
	Topic string `json:"topic,omitempty"`
	// ClientID is the consumer client's id, as groups.ListClients reports
	// it (optional here; the current definition requires it).
	ClientID string `json:"client_id,omitempty"`
	// MsgIDList lists the message ids (at least one, none empty).
	MsgIDList []string `json:"msg_id_list,omitempty"`
}

func (r *VerifyConsumptionRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var topicErr error
	if r.Topic != "" {
		topicErr = check.Topic("topic", r.Topic)
	}
	return check.First(check.Group("group", r.Group), topicErr, idList("msg_id_list", r.MsgIDList))
}

// VerifyConsumption delivers messages to a consumer again and reports the
// result per message (see ResendResponse.Failed).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/resend
// (reference 5.4.5). IAM: dms:instance:modify (inferred).
func (c *Client) VerifyConsumption(ctx context.Context, instanceID string, req *VerifyConsumptionRequest, opts ...rocketmq.CallOption) (*ResendResponse, error) {
	return call.Do[ResendResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: resendPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// SendRequest is the body of Send (the current SendMessage).
type SendRequest struct {
	// Topic is the topic to send to (required).
	Topic string `json:"topic"`
	// Body is the message body (required, not empty).
	Body string `json:"body"`
	// PropertyList holds the message's properties (e.g. KEYS, TAGS); each
	// names its property.
	PropertyList []Property `json:"property_list,omitempty"`
}

func (r *SendRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var bodyErr error
	if r.Body == "" {
		bodyErr = check.Fail("body", "is required")
	}
	var propErr error
	for i, p := range r.PropertyList {
		if propErr = check.Required(fmt.Sprintf("property_list[%d].name", i), p.Name); propErr != nil {
			break
		}
	}
	return check.First(check.Topic("topic", r.Topic), bodyErr, propErr)
}

// Send produces one test message on a topic, without a RocketMQ client,
// and returns where it was stored (message id, broker, queue, offset).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages
// (current definition SendMessage). IAM: dms:instance:modify (inferred).
func (c *Client) Send(ctx context.Context, instanceID string, req *SendRequest, opts ...rocketmq.CallOption) (*SendResponse, error) {
	return call.Do[SendResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: queryPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}
