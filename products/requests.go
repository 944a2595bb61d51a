package products

import (
	"context"
	"iter"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Client reads the catalogue and the tenant's limits. It is safe for
// concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a products client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// MaxListLimit is the page size ListIter uses when Limit is 0. The
// definitions state no maximum page size (the server's default is 10), so
// List does not refuse larger ones.
const MaxListLimit = 50

// Product types of ListOptions.Type (the definitions' values).
const (
	// TypeAdvanced is the Huawei Cloud service type.
	TypeAdvanced = "advanced"
	// TypeDEC is the dedicated cloud service type.
	TypeDEC = "dec"
)

// ListOptions filters and pages List and ListIter. The zero value (or nil)
// lists every flavour with the server's page size (10).
type ListOptions struct {
	// Type is TypeAdvanced or TypeDEC; "" for every type.
	Type string `url:"type,omitempty"`
	// ProductID asks for one flavour, e.g. "c6.4u8g.cluster" or
	// "rocketmq.p2.large.8"; "" for every flavour.
	ProductID string `url:"product_id,omitempty"`
	// Limit is the page size, ≥ 0 (0: the server's default, 10).
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Min("limit", int64(o.Limit), 0), check.Offset(o.Offset))
}

// CoresOptions is the query of Cores. ProductID and BrokerNum are
// required.
type CoresOptions struct {
	// ProductID is the flavour, e.g. "c6.4u8g.cluster"; required.
	ProductID string `url:"product_id"`
	// BrokerNum is the number of brokers, ≥ 1 (sent as a string, as the
	// definitions state).
	BrokerNum int `url:"broker_num"`
	// InstanceID, when set, makes the answer include the instance's
	// (estimated) storage, Cores.TotalExtendStorageSpace.
	InstanceID string `url:"instance_id,omitempty"`
}

func (o *CoresOptions) validate() error {
	if o == nil {
		return check.NotNil("options", true)
	}
	return check.First(
		check.Required("product_id", o.ProductID),
		check.Min("broker_num", int64(o.BrokerNum), 1),
	)
}

// QuotasOptions is the query of Quotas. The zero value (or nil) asks for
// every engine's quotas with the tag quota (the server's default).
type QuotasOptions struct {
	// IncludeTags says whether the tag quota is included; nil is the
	// server's default (true). Sent as "true" or "false".
	IncludeTags *bool `url:"includeTagsQuota,omitempty"`
	// Engine asks for one engine's quota only: "reliability" (RocketMQ) or
	// "kafka"; "" for every engine.
	Engine string `url:"onlyQuota,omitempty"`
}

// List returns one page of the engine's flavours (the client's engine,
// "reliability" by default). Limit and Offset must be ≥ 0.
// GET /v2/{engine}/products (ListEngineProducts; not in the 2022
// reference). IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(opts), callOpts)
}

func listSpec(opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: listPath, Action: call.ActionGet,
		Query: opts,
		Check: opts.validate(),
	}
}

// ListIter iterates over all the engine's flavours, page by page, starting
// at opts.Offset with pages of opts.Limit (MaxListLimit when 0), keeping
// opts.Type and opts.ProductID on every page. It stops at the total the
// server reports (never asking past it), after a short page when the
// answer has no usable total, and on an empty page. A nil opts means every
// flavour; opts is copied, never changed. An error is yielded once and
// ends the iteration.
// GET /v2/{engine}/products (ListEngineProducts; not in the 2022
// reference). IAM: dms:instance:get (inferred).
func (c *Client) ListIter(ctx context.Context, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Product, error] {
	var base ListOptions
	if opts != nil {
		base = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(base.Offset, base.Limit, MaxListLimit), opts.validate(),
		func(offset, limit int) call.Spec {
			page := base
			page.Offset, page.Limit = offset, limit
			return listSpec(&page)
		},
		func(r *ListResponse) ([]Product, int64) { return r.Products, r.Total }, callOpts)
}

// Cores returns the billed cores of a flavour with opts.BrokerNum brokers
// (and, with opts.InstanceID, the instance's storage for that broker
// count). opts is required: ProductID non-empty, BrokerNum ≥ 1.
// GET /v2/rocketmq/products/cores (ShowRocketMqProductCores; not in the
// 2022 reference). IAM: dms:instance:get (inferred).
func (c *Client) Cores(ctx context.Context, opts *CoresOptions, callOpts ...rocketmq.CallOption) (*Cores, error) {
	return call.Do[Cores](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: coresPath, Action: call.ActionGet,
		Query: opts,
		Check: opts.validate(),
	}, callOpts)
}

// Quotas returns the tenant's quotas: the maximum and used number of
// instances per engine and the maximum number of tags per instance (see
// Quotas.Resource). A nil opts asks for every engine, tags included.
// GET /v2/{project_id}/quotas (ShowQuotas; not in the 2022 reference).
// IAM: dms:instance:get (inferred).
func (c *Client) Quotas(ctx context.Context, opts *QuotasOptions, callOpts ...rocketmq.CallOption) (*Quotas, error) {
	return call.Do[Quotas](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: quotasPath, Action: call.ActionGet,
		Query: opts,
	}, callOpts)
}

// Features returns the service's feature switches (see Feature.Enabled).
// GET /v2/config/features (ListConfigFeatures; not in the 2022
// reference). IAM: dms:instance:get (inferred).
func (c *Client) Features(ctx context.Context, opts ...rocketmq.CallOption) (*FeaturesResponse, error) {
	return call.Do[FeaturesResponse](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: featuresPath, Action: call.ActionGet,
	}, opts)
}
