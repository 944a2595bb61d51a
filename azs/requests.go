package azs

import (
	"context"
	"net/http"
	"net/url"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
)

// Client lists availability zones (reference section 5.8). It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns an azs client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// List returns the region's availability zones for the client's engine
// (sent as ?engine=, as the reference's example does).
// GET /v2/available-zones (reference 5.8.1).
func (c *Client) List(ctx context.Context) (*ListResponse, error) {
	var out ListResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method: http.MethodGet,
		Path:   listPath,
		Query:  url.Values{"engine": {c.c.Engine()}},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
