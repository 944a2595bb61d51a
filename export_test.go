package rocketmq

import (
	"context"
)

// BuildForBench exposes request building (template, escaping, query and
// body encoding; no signing, no I/O) to the external benchmarks.
func (c *Client) BuildForBench(ctx context.Context, req *Request) (string, []byte, error) {
	p, err := c.prepare(ctx, req)
	if err != nil {
		return "", nil, err
	}
	return p.url, p.body, nil
}
