package azs

import (
	"context"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
)

// Client lists availability zones (reference section 5.8). It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns an azs client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// listQuery is the query of List: the client's engine, as the reference's
// example sends it.
type listQuery struct {
	Engine string `url:"engine"`
}

// List returns the region's availability zones for the client's engine
// (sent as ?engine=, as the reference's example does), sold-out zones
// included.
// GET /v2/available-zones (reference 5.8.1). IAM: dms:instance:get
// (inferred: table 6-1 does not list it).
func (c *Client) List(ctx context.Context, opts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: listPath, Action: call.ActionGet,
		Query: c.query(),
	}, opts)
}

// query is List's query; a nil client sends nothing (call.Do refuses it).
func (c *Client) query() *listQuery {
	if c == nil || c.c == nil {
		return nil
	}
	return &listQuery{Engine: c.c.Engine()}
}
