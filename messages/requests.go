package messages

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// maxLimit is the largest page size the message APIs accept.
const maxLimit = 50

// defaultPageSize is the page size of QueryIter when QueryOptions.Limit is 0.
const defaultPageSize = 50

// Client is the message API client (reference section 5.4). Create it with
// New; it is safe for concurrent use. A nil or zero Client returns a
// *rocketmq.ValidationError.
type Client struct{ c *rocketmq.Client }

// New returns a message API client that sends its calls through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// QueryOptions selects the messages of a query (table 5-66). Topic is
// required, and either MsgID or both StartTime and EndTime (the times go on
// the wire as Unix milliseconds). A nil *QueryOptions is refused: Topic is
// missing.
type QueryOptions struct {
	// Topic is the topic to search (required).
	Topic string
	// MsgID finds one message by its id.
	MsgID string
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
	if err := check.Required("topic", o.Topic); err != nil {
		return err
	}
	hasID := strings.TrimSpace(o.MsgID) != ""
	if !hasID && o.MsgID != "" {
		return check.Fail("msg_id", "must not be blank")
	}
	if !hasID {
		if o.StartTime.IsZero() {
			return check.Fail("start_time", "is required when msg_id is not given")
		}
		if o.EndTime.IsZero() {
			return check.Fail("end_time", "is required when msg_id is not given")
		}
	}
	if !o.StartTime.IsZero() && !o.EndTime.IsZero() && !o.EndTime.After(o.StartTime) {
		return check.Fail("end_time", "must be after start_time")
	}
	return check.First(check.Limit(o.Limit, maxLimit), check.Offset(o.Offset))
}

// values renders the query. offset is sent whenever a limit is (so a first
// page reads "limit=10&offset=0") or when it is not 0.
func (o *QueryOptions) values() url.Values {
	v := url.Values{}
	v.Set("topic", o.Topic)
	if o.MsgID != "" {
		v.Set("msg_id", o.MsgID)
	}
	if !o.StartTime.IsZero() {
		v.Set("start_time", strconv.FormatInt(o.StartTime.UnixMilli(), 10))
	}
	if !o.EndTime.IsZero() {
		v.Set("end_time", strconv.FormatInt(o.EndTime.UnixMilli(), 10))
	}
	if o.Limit > 0 {
		v.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Limit > 0 || o.Offset > 0 {
		v.Set("offset", strconv.Itoa(o.Offset))
	}
	return v
}

// Query returns one page of messages of a topic, found by id or by store
// time.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/messages
// (reference 5.4.1).
func (c *Client) Query(ctx context.Context, instanceID string, opts *QueryOptions) (*QueryResponse, error) {
	var o QueryOptions
	if opts != nil {
		o = *opts
	}
	if err := check.First(check.ID("instance_id", instanceID), o.validate()); err != nil {
		return nil, err
	}
	var out QueryResponse
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       queryPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query:      o.values(),
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// QueryIter iterates over every message Query finds, page by page (pages of
// opts.Limit messages, 50 when 0, starting at opts.Offset). It stops at the
// response's total (never asking past it), after a short page when the
// answer has no usable total, and on an empty page. opts is copied, never
// modified; an invalid opts yields one *rocketmq.ValidationError and
// nothing is sent.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/messages (reference 5.4.1).
func (c *Client) QueryIter(ctx context.Context, instanceID string, opts *QueryOptions) iter.Seq2[Message, error] {
	if ctx == nil {
		ctx = context.Background()
	}
	var o QueryOptions
	if opts != nil {
		o = *opts
	}
	if o.Limit == 0 {
		o.Limit = defaultPageSize
	}
	if err := check.First(check.ID("instance_id", instanceID), o.validate()); err != nil {
		return func(yield func(Message, error) bool) { yield(Message{}, err) }
	}
	return pager.Offsets(ctx, o.Offset, o.Limit, false, func(ctx context.Context, offset, limit int) (pager.Page[Message], error) {
		p := o
		p.Offset, p.Limit = offset, limit
		resp, err := c.Query(ctx, instanceID, &p)
		if err != nil {
			return pager.Page[Message]{}, err
		}
		return pager.Page[Message]{Items: resp.Messages, Total: pager.Total(resp.Total, offset, len(resp.Messages))}, nil
	})
}

// Trace returns the trace of one message (msgID is required). The response
// is a bare array of traces (the reference's example) or {"trace": [...]}
// (its table); both are accepted.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/trace?msg_id=
// (reference 5.4.2).
func (c *Client) Trace(ctx context.Context, instanceID, msgID string) ([]Trace, error) {
	if err := check.First(check.ID("instance_id", instanceID), check.Required("msg_id", msgID)); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       tracePath,
		PathParams: map[string]string{"instance_id": instanceID},
		Query:      url.Values{"msg_id": {msgID}},
	}, &raw)
	if err != nil {
		return nil, err
	}
	traces, err := decodeList[Trace](raw, "trace")
	if err != nil {
		return nil, fmt.Errorf("messages: decoding the trace of %s: %w", msgID, err)
	}
	return traces, nil
}

// decodeList decodes a body that is a bare array of T, one T object, an
// object holding the array under key, or empty/null (nil).
func decodeList[T any](raw []byte, key string) ([]T, error) {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	switch b[0] {
	case '[':
	case '{':
		var wrapper map[string]json.RawMessage
		if err := json.Unmarshal(b, &wrapper); err != nil {
			return nil, err
		}
		for k, v := range wrapper {
			if strings.EqualFold(k, key) {
				return decodeList[T](v, key)
			}
		}
	default:
		return nil, fmt.Errorf("unexpected body %.64q", b)
	}
	var out []T
	if err := jsonx.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
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
		return check.Fail("request", "must not be nil")
	}
	if err := check.Required("topic", r.Topic); err != nil {
		return err
	}
	if len(r.MsgIDList) == 0 && len(r.UniqKeyList) == 0 {
		return check.Fail("msg_id_list", "msg_id_list or uniq_key_list must list at least one id")
	}
	return check.First(entries("msg_id_list", r.MsgIDList), entries("uniq_key_list", r.UniqKeyList))
}

// entries refuses empty entries in a list of ids.
func entries(field string, ids []string) error {
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return check.Fail(fmt.Sprintf("%s[%d]", field, i), "must not be empty")
		}
	}
	return nil
}

// ExportDeadLetters returns the dead letters with the given ids or unique
// keys. The response is an array of messages (the table) or one message
// (the example); both are accepted, as is property_list as an array or one
// object.
// POST /v2/{project_id}/instances/{instance_id}/messages/export
// (reference 5.4.3).
func (c *Client) ExportDeadLetters(ctx context.Context, instanceID string, req *ExportDeadLettersRequest) ([]Message, error) {
	if err := check.First(check.ID("instance_id", instanceID), req.validate()); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       exportPath,
		PathParams: map[string]string{"instance_id": instanceID},
		Body:       req,
	}, &raw)
	if err != nil {
		return nil, err
	}
	msgs, err := decodeList[Message](raw, "messages")
	if err != nil {
		return nil, fmt.Errorf("messages: decoding the exported dead letters: %w", err)
	}
	return msgs, nil
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
		return check.Fail("request", "must not be nil")
	}
	return check.First(check.Required("topic", r.Topic), idList("msg_id_list", r.MsgIDList))
}

// idList refuses an empty list of ids or an empty entry.
func idList(field string, ids []string) error {
	if len(ids) == 0 {
		return check.Fail(field, "must list at least one message id")
	}
	return entries(field, ids)
}

// ResendDeadLetters sends dead letters to their consumer group again and
// reports the result per message (see ResendResponse.Failed).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/deadletter-resend
// (reference 5.4.4).
func (c *Client) ResendDeadLetters(ctx context.Context, instanceID string, req *ResendDeadLettersRequest) (*ResendResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), req.validate()); err != nil {
		return nil, err
	}
	return c.resend(ctx, deadLetterResendPath, instanceID, req)
}

// VerifyConsumptionRequest names messages to deliver again to one consumer
// of a group, to verify that it consumes them (table 5-84).
type VerifyConsumptionRequest struct {
	// Group is the consumer group (required).
	Group string `json:"group,omitempty"`
	// ClientID is the consumer client's id (optional).
	ClientID string `json:"client_id,omitempty"`
	// MsgIDList lists the message ids (at least one, none empty).
	MsgIDList []string `json:"msg_id_list,omitempty"`
}

func (r *VerifyConsumptionRequest) validate() error {
	if r == nil {
		return check.Fail("request", "must not be nil")
	}
	return check.First(check.Required("group", r.Group), idList("msg_id_list", r.MsgIDList))
}

// VerifyConsumption delivers messages to a consumer again and reports the
// result per message (see ResendResponse.Failed).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/messages/resend
// (reference 5.4.5).
func (c *Client) VerifyConsumption(ctx context.Context, instanceID string, req *VerifyConsumptionRequest) (*ResendResponse, error) {
	if err := check.First(check.ID("instance_id", instanceID), req.validate()); err != nil {
		return nil, err
	}
	return c.resend(ctx, resendPath, instanceID, req)
}

func (c *Client) resend(ctx context.Context, path, instanceID string, body any) (*ResendResponse, error) {
	var out ResendResponse
	_, err := c.do(ctx, &rocketmq.Request{
		Method:     http.MethodPost,
		Path:       path,
		PathParams: map[string]string{"instance_id": instanceID},
		Body:       body,
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
