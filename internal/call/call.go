// Package call is the one shape of every family method: a method is its
// doc comment, its rules, and one call of Do, Exec or Raw (an iterator one
// call of Pages).
//
//	// Get returns one topic.
//	// GET /v2/{project_id}/instances/{instance_id}/topics/{topic}. IAM: dms:instance:get.
//	func (c *Client) Get(ctx context.Context, instanceID, topic string, opts ...rocketmq.CallOption) (*Topic, error) {
//		return call.Do[Topic](ctx, c.c, call.Spec{
//			Method: http.MethodGet, Path: topicPath, Action: call.ActionGet,
//			Params: call.Params{"instance_id": instanceID, "topic": topic},
//			Check:  check.ExistingTopic("topic", topic),
//		}, opts)
//	}
//
// Spec.Check carries the method's rules, evaluated by the caller (a
// request type's validate method is nil-safe); Do refuses a nil client
// and a failed Check before anything else, and rocketmq.Client.Do checks
// and escapes the path parameters where it expands the path.
package call

import (
	"context"
	"errors"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
)

// Params are the path parameters of a Spec.
type Params = map[string]string

// IAM actions (the reference's chapter 6, table 6-1, and its rule for the
// operations the table leaves out: reads need get, the instance list
// list, changes modify).
const (
	ActionCreate = "dms:instance:create"
	ActionGet    = "dms:instance:get"
	ActionList   = "dms:instance:list"
	ActionModify = "dms:instance:modify"
	ActionDelete = "dms:instance:delete"
)

// Spec describes one request of a family method.
type Spec struct {
	Method      string
	Path        string
	Params      Params
	Query       any
	Body        any
	ContentType string
	// Action is the IAM action the operation needs (named by a 403).
	Action string
	// Check is the result of the method's rules: a non-nil error is
	// returned before any I/O.
	Check error
}

func (s *Spec) request() *rocketmq.Request {
	return &rocketmq.Request{
		Method:      s.Method,
		Path:        s.Path,
		PathParams:  s.Params,
		Query:       s.Query,
		Body:        s.Body,
		ContentType: s.ContentType,
		Action:      s.Action,
	}
}

// errNilClient is what a family client made with New(nil) returns.
func errNilClient() error {
	return &rocketmq.ValidationError{Field: "client", Message: "is nil: create the family client with New(c) and a *rocketmq.Client from rocketmq.NewClient"}
}

// Do sends the request of s and decodes the answer into a new Out.
func Do[Out any](ctx context.Context, c *rocketmq.Client, s Spec, opts []rocketmq.CallOption) (*Out, error) {
	var out Out
	if _, err := Raw(ctx, c, s, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Exec sends the request of s and ignores the answer's body.
func Exec(ctx context.Context, c *rocketmq.Client, s Spec, opts []rocketmq.CallOption) error {
	_, err := Raw(ctx, c, s, nil, opts)
	return err
}

// Raw sends the request of s, decodes into out (any value Client.Do
// accepts) and returns the response.
func Raw(ctx context.Context, c *rocketmq.Client, s Spec, out any, opts []rocketmq.CallOption) (*rocketmq.Response, error) {
	if c == nil {
		return nil, errNilClient()
	}
	if s.Check != nil {
		return nil, s.Check
	}
	return c.Do(ctx, s.request(), out, opts...)
}

// OffsetRefused reports the service's refusal of an offset past the end
// of a list (rocketmq.CodeOffsetInvalid): after a full last page of a list
// without a total, that is its end (pager.Window.End).
func OffsetRefused(err error) bool {
	var apiErr *rocketmq.APIError
	return errors.As(err, &apiErr) && apiErr.Code == rocketmq.CodeOffsetInvalid
}
