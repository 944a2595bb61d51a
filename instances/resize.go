package instances

import (
	"context"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// Kinds of resize (ResizeRequest.OperType).
const (
	// ResizeStorage grows the storage (NewStorageSpace), keeping the
	// nodes; each broker grows by at least 100 GB.
	ResizeStorage = "storage"
	// ResizeHorizontal adds brokers (4.8.0: NewBrokerNum) or changes the
	// instance flavour (5.x: NewProductID), each broker's storage kept.
	ResizeHorizontal = "horizontal"
	// ResizeVertical changes the brokers' flavour (NewProductID), keeping
	// their number and storage (4.8.0 only).
	ResizeVertical = "vertical"
)

// ResizeRequest is Resize's body (ResizeEngineInstanceReq). Fields left
// zero are not sent. The version-specific rules (which field a 4.8.0 or a
// 5.x instance needs, the 100 GB step) are the service's.
type ResizeRequest struct {
	// OperType is required: ResizeStorage, ResizeHorizontal or
	// ResizeVertical.
	OperType string `json:"oper_type"`
	// NewStorageSpace is the new total storage space in GB, required (> 0)
	// for ResizeStorage.
	NewStorageSpace int64 `json:"new_storage_space,omitempty"`
	// NewProductID is the new flavour (ListResizeProducts lists them):
	// required for ResizeVertical; for ResizeHorizontal on 5.x.
	NewProductID string `json:"new_product_id,omitempty"`
	// NewBrokerNum is the new number of brokers (≥ 1): for
	// ResizeHorizontal on 4.8.0.
	NewBrokerNum int `json:"new_broker_num,omitempty"`
	// PublicIPID lists the elastic IP IDs (comma-separated) of the new
	// brokers: required for ResizeHorizontal when public access is on.
	PublicIPID string `json:"publicip_id,omitempty"`
}

func (r *ResizeRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	if err := check.OneOf("oper_type", r.OperType, ResizeStorage, ResizeHorizontal, ResizeVertical); err != nil {
		return err
	}
	var brokers error
	if r.NewBrokerNum != 0 {
		brokers = check.Min("new_broker_num", int64(r.NewBrokerNum), 1)
	}
	var kind error
	switch r.OperType {
	case ResizeStorage:
		kind = check.Min("new_storage_space", r.NewStorageSpace, 1)
	case ResizeHorizontal:
		if r.NewBrokerNum == 0 && r.NewProductID == "" {
			kind = check.Fail("new_broker_num", "or new_product_id is required for a %q resize (4.8.0: the broker count; 5.x: the flavour)", ResizeHorizontal)
		}
	case ResizeVertical:
		kind = check.Required("new_product_id", r.NewProductID)
	}
	return check.First(kind, brokers, check.Min("new_storage_space", r.NewStorageSpace, 0))
}

// Resize changes an instance's storage, broker count or flavour (only
// pay-per-use instances can be resized through the API) and returns the
// ID of its background task (the tasks package follows it); the instance
// is EXTENDING while it runs. CheckResize checks first, and
// ListResizeProducts lists the flavours to resize to. oper_type must be
// one of the three kinds; a storage resize names the new size, a
// horizontal one a broker count or flavour, a vertical one a flavour.
// POST /v2/{engine}/{project_id}/instances/{instance_id}/extend
// (current service). IAM: dms:instance:modify (inferred).
func (c *Client) Resize(ctx context.Context, instanceID string, req *ResizeRequest, opts ...rocketmq.CallOption) (*ResizeResponse, error) {
	return call.Do[ResizeResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: resizePath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// ListResizeProductsOptions filters ListResizeProducts. A nil pointer
// asks for the server's defaults.
type ListResizeProductsOptions struct {
	// Type is the product type, e.g. "advanced" (the dedicated edition).
	Type string `url:"type,omitempty"`
	// Limit is the page size, 1–50 (0: the server's default, 10).
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts, ≥ 0.
	Offset int `url:"offset,omitempty"`
}

func (o *ListResizeProductsOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), check.Offset(o.Offset))
}

// ListResizeProducts lists the flavours an instance can be resized to.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/extend
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) ListResizeProducts(ctx context.Context, instanceID string, opts *ListResizeProductsOptions, callOpts ...rocketmq.CallOption) (*ResizeProductsResponse, error) {
	return call.Do[ResizeProductsResponse](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: resizePath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  opts.validate(),
	}, callOpts)
}

// CheckResize runs the service's pre-check of a scale-out: one check item
// (Success false with a Reason and a Risk when it fails).
// GET /v2/{project_id}/rocketmq/instances/{instance_id}/extend-check
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) CheckResize(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*ResizeCheck, error) {
	return call.Do[ResizeCheck](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: resizeCheckPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
}

// ResizeResponse is the answer of Resize.
type ResizeResponse struct {
	// JobID is the resize's background task ID.
	JobID string `json:"job_id"`
}

// ResizeProductsResponse is the answer of ListResizeProducts.
type ResizeProductsResponse struct {
	// Total is the number of products (a float in the definitions).
	Total int64 `json:"total"`
	// NextOffset is the offset of the next page.
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the offset of the previous page.
	PreviousOffset int64 `json:"previous_offset"`
	// Engine is the message engine.
	Engine string `json:"engine"`
	// Versions are the engine versions supported.
	Versions []string `json:"versions"`
	// Products are the flavours the instance can be resized to.
	Products []ResizeProduct `json:"products" jsonx:"bare"`
}

// ResizeProduct is one flavour an instance can be resized to.
type ResizeProduct struct {
	// Type is the instance type: "single", "cluster" (4.8.0),
	// "single.basic", "cluster.basic", "cluster.professional" (5.x).
	Type string `json:"type"`
	// ProductID is the flavour, e.g. "c6.8u16g.cluster".
	ProductID string `json:"product_id"`
	// ECSFlavorID is the ECS flavour ID.
	ECSFlavorID string `json:"ecs_flavor_id"`
	// BillingCode is the billing code, e.g. "dms.platinum.c6".
	BillingCode string `json:"billing_code"`
	// ArchTypes are the CPU architectures supported.
	ArchTypes []string `json:"arch_types"`
	// ChargingModes are the billing modes supported.
	ChargingModes []string `json:"charging_mode"`
	// IOs are the disk I/O options.
	IOs []ProductIO `json:"ios"`
	// Properties are the flavour's limits.
	Properties ProductProperties `json:"properties"`
	// AvailableZones are the zones where it is available.
	AvailableZones []string `json:"available_zones"`
	// UnavailableZones are the zones where it is not.
	UnavailableZones []string `json:"unavailable_zones"`
	// SupportFeatures are the features it supports.
	SupportFeatures []ProductFeature `json:"support_features"`
	// QingtianIncompatible says whether it is a Qingtian instance (the
	// definitions' comment; the name says the opposite).
	QingtianIncompatible bool `json:"qingtian_incompatible"`
}

// ProductIO is one disk I/O option of a flavour.
type ProductIO struct {
	// IOSpec is the storage I/O flavour, e.g. "dms.physical.storage.ultra.v2".
	IOSpec string `json:"io_spec"`
	// AvailableZones are the zones where it is available.
	AvailableZones []string `json:"available_zones"`
	// Type is "evs" (cloud disks) or "dss" (dedicated cloud disks).
	Type string `json:"type"`
	// UnavailableZones are the zones where it is not.
	UnavailableZones []string `json:"unavailable_zones"`
}

// ProductProperties are a flavour's limits, as strings (as defined).
type ProductProperties struct {
	MaxBroker            string `json:"max_broker"`              // 4.8.0 only
	MaxTopicPerBroker    string `json:"max_topic_per_broker"`    // 4.8.0 only
	MaxConsumerPerBroker string `json:"max_consumer_per_broker"` // 4.8.0 only
	MinBroker            string `json:"min_broker"`              // 4.8.0 only
	EngineVersions       string `json:"engine_versions"`
	MaxStoragePerNode    string `json:"max_storage_per_node"` // GB
	MinStoragePerNode    string `json:"min_storage_per_node"` // GB
	ProductAlias         string `json:"product_alias"`
	Feature              string `json:"feature"`      // 5.x only
	MaxTopic             string `json:"max_topic"`    // 5.x only
	BrokerNum            string `json:"broker_num"`   // 5.x only
	Core                 string `json:"core"`         // 5.x only
	MaxConsumer          string `json:"max_consumer"` // 5.x only
	RCU                  string `json:"rcu"`          // 5.x only
	MaxStorage           string `json:"max_storage"`  // 5.x only
	MinStorage           string `json:"min_storage"`  // 5.x only
	MaxTPSPerRCU         string `json:"max_tps_per_rcu"`
	ElasticTPS           string `json:"elastic_tps"` // 5.x only
}

// ProductFeature is one feature of a flavour.
type ProductFeature struct {
	// Name is the feature's name.
	Name string `json:"name"`
	// Properties are its key/value pairs.
	Properties map[string]string `json:"properties"`
}

// ResizeCheck is the answer of CheckResize: one check item.
type ResizeCheck struct {
	// Name is the check item's name.
	Name string `json:"name"`
	// Success says whether the check passed.
	Success bool `json:"success"`
	// Reason is why it failed.
	Reason string `json:"reason"`
	// Risk is the risk level: "low", "medium" or "high".
	Risk string `json:"risk"`
}
