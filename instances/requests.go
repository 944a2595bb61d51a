package instances

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Limits of the reference's rules.
const (
	// MaxListLimit is the largest page size of List (table 5-5).
	MaxListLimit = 50
	// MaxBatchDelete is the most instance IDs one BatchDelete takes
	// (table 5-16).
	MaxBatchDelete = 50
	// MaxDescriptionLength is the longest description, in characters
	// (table 5-2).
	MaxDescriptionLength = 1024
)

// ActionDelete is BatchDelete's only action.
const ActionDelete = "delete"

// AllFailureReliability is BatchDeleteRequest.AllFailure's value that
// deletes every instance of the tenant whose creation failed.
const AllFailureReliability = "reliability"

// Client calls the instance operations (reference section 5.1). It is safe
// for concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns an instances client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// CreateRequest is Create's body (table 5-2). Pointer fields are sent only
// when set, so that false and "" can be sent on purpose.
type CreateRequest struct {
	// Name is required: 4–64 characters, a letter first, then letters,
	// digits, '_' and '-'.
	Name string `json:"name"`
	// Description is at most 1024 characters.
	Description *string `json:"description,omitempty"`
	// Engine is required: "reliability".
	Engine string `json:"engine"`
	// EngineVersion is required, e.g. "4.8.0".
	EngineVersion string `json:"engine_version"`
	// StorageSpace is required (> 0), in GB.
	StorageSpace int64 `json:"storage_space"`
	// VPCID is required.
	VPCID string `json:"vpc_id"`
	// SubnetID is required (the subnet's network ID).
	SubnetID string `json:"subnet_id"`
	// SecurityGroupID is required.
	SecurityGroupID string `json:"security_group_id"`
	// AvailableZones is required: 1, or 3 or more, zone IDs (see package
	// azs), none empty.
	AvailableZones []string `json:"available_zones"`
	// ProductID is required, e.g. "c6.4u8g.cluster".
	ProductID string `json:"product_id"`
	// EnterpriseProjectID is the enterprise project (required for
	// enterprise-project accounts).
	EnterpriseProjectID string `json:"enterprise_project_id,omitempty"`
	// SSLEnable turns SSL on.
	SSLEnable *bool `json:"ssl_enable,omitempty"`
	// StorageSpecCode is required, e.g. "dms.physical.storage.ultra.v2".
	StorageSpecCode string `json:"storage_spec_code"`
	// IPv6Enable turns IPv6 on (default false).
	IPv6Enable *bool `json:"ipv6_enable,omitempty"`
	// EnablePublicIP turns public access on (default false); PublicIPID is
	// then required.
	EnablePublicIP *bool `json:"enable_publicip,omitempty"`
	// PublicIPID lists elastic IP IDs, comma-separated.
	PublicIPID *string `json:"publicip_id,omitempty"`
	// EnableACL turns access control on.
	EnableACL *bool `json:"enable_acl,omitempty"`
	// BrokerNum is required (≥ 1): the number of brokers.
	BrokerNum int `json:"broker_num,omitempty"`
}

// Create creates a pay-per-use instance and returns its ID; the instance is
// CREATING until it is RUNNING (see WaitForStatus).
// POST /v2/{project_id}/instances (reference 5.1.1).
func (c *Client) Create(ctx context.Context, req *CreateRequest) (*CreateResponse, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	var out CreateResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{Method: http.MethodPost, Path: rootPath, Body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (r *CreateRequest) validate() error {
	if r == nil {
		return check.Fail("request", "must not be nil")
	}
	if err := check.First(
		validateName(r.Name),
		validateDescription(r.Description),
		check.Required("engine", r.Engine),
		check.Required("engine_version", r.EngineVersion),
		check.Min("storage_space", r.StorageSpace, 1),
		check.Required("vpc_id", r.VPCID),
		check.Required("subnet_id", r.SubnetID),
		check.Required("security_group_id", r.SecurityGroupID),
		validateZones(r.AvailableZones),
		check.Required("product_id", r.ProductID),
		check.Required("storage_spec_code", r.StorageSpecCode),
		check.Min("broker_num", int64(r.BrokerNum), 1),
	); err != nil {
		return err
	}
	return validatePublicIP(r.EnablePublicIP, r.PublicIPID)
}

// validateName applies table 5-2's rule: 4–64 characters, a letter first,
// then letters, digits, '_' and '-'.
func validateName(name string) error {
	return check.Pattern("name", name, 4, 64, true, "_-")
}

func validateDescription(d *string) error {
	if d == nil {
		return nil
	}
	return check.MaxLen("description", *d, MaxDescriptionLength)
}

func validateZones(zones []string) error {
	if len(zones) == 0 {
		return check.Fail("available_zones", "must list at least one availability zone ID")
	}
	for i, z := range zones {
		if err := check.Required(fmt.Sprintf("available_zones[%d]", i), z); err != nil {
			return err
		}
	}
	if len(zones) == 2 {
		return check.Fail("available_zones", "lists 2 zones; an instance is deployed in 1 zone or in 3 or more")
	}
	return nil
}

func validatePublicIP(enable *bool, id *string) error {
	if enable != nil && *enable && (id == nil || check.Required("publicip_id", *id) != nil) {
		return check.Fail("publicip_id", "is required when enable_publicip is true")
	}
	return nil
}

// ListOptions filters List and ListIter (table 5-5). A nil *ListOptions
// means the server's defaults and the client's engine.
type ListOptions struct {
	// Engine defaults to the client's engine (rocketmq.Client.Engine).
	Engine string
	// Name matches instance names (fuzzily unless ExactMatchName).
	Name string
	// InstanceID selects one instance.
	InstanceID string
	// Status selects a status, e.g. StatusRunning.
	Status string
	// EnterpriseProjectID selects an enterprise project.
	EnterpriseProjectID string
	// IncludeFailure also returns instances whose creation failed (sent
	// only when true).
	IncludeFailure bool
	// ExactMatchName matches Name exactly (sent only when true).
	ExactMatchName bool
	// Limit is the page size, 1–50 (0: the server's default, 10; ListIter
	// uses 50). It is sent only when positive.
	Limit int
	// Offset is where the page starts (an item offset), ≥ 0. It is sent
	// only when positive.
	Offset int
}

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), check.Offset(o.Offset))
}

// query renders the options; include_failure and exact_match_name go out
// only when true, limit and offset only when positive.
func (o *ListOptions) query(engine string) url.Values {
	var opts ListOptions
	if o != nil {
		opts = *o
	}
	if opts.Engine != "" {
		engine = opts.Engine
	}
	q := make(url.Values, 4)
	q["engine"] = []string{engine}
	if opts.Name != "" {
		q["name"] = []string{opts.Name}
	}
	if opts.InstanceID != "" {
		q["instance_id"] = []string{opts.InstanceID}
	}
	if opts.Status != "" {
		q["status"] = []string{opts.Status}
	}
	if opts.EnterpriseProjectID != "" {
		q["enterprise_project_id"] = []string{opts.EnterpriseProjectID}
	}
	if opts.IncludeFailure {
		q.Set("include_failure", "true")
	}
	if opts.ExactMatchName {
		q.Set("exact_match_name", "true")
	}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	if opts.Offset > 0 {
		q.Set("offset", strconv.Itoa(opts.Offset))
	}
	return q
}

// List returns one page of the project's instances. BrokerAddresses is
// filled from BrokerAddress when the service sent only that.
// GET /v2/{project_id}/instances (reference 5.1.2).
func (c *Client) List(ctx context.Context, opts *ListOptions) (*ListResponse, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	var out ListResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{Method: http.MethodGet, Path: rootPath, Query: opts.query(c.c.Engine())}, &out); err != nil {
		return nil, err
	}
	for i := range out.Instances {
		out.Instances[i].fillBrokerAddresses()
	}
	return &out, nil
}

// ListIter iterates over every instance matching opts, from opts.Offset,
// in pages of opts.Limit (50 when 0). It stops once it has seen
// instance_num instances (never asking past it), after a short page when
// the answer has no usable total, and on an empty page. It yields an error
// (a *rocketmq.ValidationError for bad options) once and stops. opts is
// copied, never modified.
// GET /v2/{project_id}/instances, paged (reference 5.1.2).
func (c *Client) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[Instance, error] {
	if ctx == nil {
		ctx = context.Background()
	}
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	if err := o.validate(); err != nil {
		return func(yield func(Instance, error) bool) { yield(Instance{}, err) }
	}
	limit := o.Limit
	if limit == 0 {
		limit = MaxListLimit
	}
	return pager.Offsets(ctx, o.Offset, limit, false, func(ctx context.Context, offset, limit int) (pager.Page[Instance], error) {
		page := o
		page.Offset, page.Limit = offset, limit
		resp, err := c.List(ctx, &page)
		if err != nil {
			return pager.Page[Instance]{}, err
		}
		return pager.Page[Instance]{Items: resp.Instances, Total: pager.Total(resp.InstanceNum, offset, len(resp.Instances))}, nil
	})
}

// Get returns one instance. BrokerAddresses is filled from BrokerAddress
// when the service sent only that. A missing instance is an
// *rocketmq.APIError for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
func (c *Client) Get(ctx context.Context, id string) (*Instance, error) {
	if err := check.ID("instance_id", id); err != nil {
		return nil, err
	}
	var out Instance
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       instancePath,
		PathParams: map[string]string{"instance_id": id},
	}, &out); err != nil {
		return nil, err
	}
	out.fillBrokerAddresses()
	return &out, nil
}

// UpdateRequest is Update's body (table 5-14); only the fields set are
// sent, and at least one must be. Pointer fields can send false or "" on
// purpose.
type UpdateRequest struct {
	// Name is the new name: 4–64 characters, a letter first, then letters,
	// digits, '_' and '-'.
	Name string `json:"name,omitempty"`
	// Description is the new description, at most 1024 characters (""
	// clears it).
	Description *string `json:"description,omitempty"`
	// SecurityGroupID is the new security group.
	SecurityGroupID string `json:"security_group_id,omitempty"`
	// EnableACL turns access control on or off.
	EnableACL *bool `json:"enable_acl,omitempty"`
	// EnablePublicIP turns public access on or off; on needs PublicIPID.
	EnablePublicIP *bool `json:"enable_publicip,omitempty"`
	// PublicIPID lists elastic IP IDs, comma-separated.
	PublicIPID *string `json:"publicip_id,omitempty"`
}

func (r *UpdateRequest) validate() error {
	if r == nil {
		return check.Fail("request", "must not be nil")
	}
	if r.Name == "" && r.Description == nil && r.SecurityGroupID == "" && r.EnableACL == nil &&
		r.EnablePublicIP == nil && r.PublicIPID == nil {
		return check.Fail("request", "sets no field to update")
	}
	if r.Name != "" {
		if err := validateName(r.Name); err != nil {
			return err
		}
	}
	return check.First(validateDescription(r.Description), validatePublicIP(r.EnablePublicIP, r.PublicIPID))
}

// Update changes an instance's name, description, security group, ACL or
// public access.
// PUT /v2/{project_id}/instances/{instance_id} (reference 5.1.5).
func (c *Client) Update(ctx context.Context, id string, req *UpdateRequest) error {
	if err := check.First(check.ID("instance_id", id), req.validate()); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodPut,
		Path:       instancePath,
		PathParams: map[string]string{"instance_id": id},
		Body:       req,
	}, nil)
	return err
}

// Delete deletes an instance and all its data; see WaitForDeletion.
// DELETE /v2/{project_id}/instances/{instance_id} (reference 5.1.4).
func (c *Client) Delete(ctx context.Context, id string) error {
	if err := check.ID("instance_id", id); err != nil {
		return err
	}
	_, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodDelete,
		Path:       instancePath,
		PathParams: map[string]string{"instance_id": id},
	}, nil)
	return err
}

// BatchDeleteRequest is BatchDelete's body (table 5-16). Set either
// Instances (1–50 IDs) or AllFailure ("reliability": every instance whose
// creation failed), not both.
type BatchDeleteRequest struct {
	// Action is "delete"; empty means "delete".
	Action string `json:"action"`
	// Instances are the IDs to delete, 1–50 (MaxBatchDelete), none empty.
	Instances []string `json:"instances,omitempty"`
	// AllFailure, AllFailureReliability ("reliability"), deletes every
	// instance whose creation failed.
	AllFailure string `json:"all_failure,omitempty"`
}

func (r *BatchDeleteRequest) validate() error {
	if r == nil {
		return check.Fail("request", "must not be nil")
	}
	if r.Action != "" {
		if err := check.OneOf("action", r.Action, ActionDelete); err != nil {
			return err
		}
	}
	switch {
	case len(r.Instances) > 0 && r.AllFailure != "":
		return check.Fail("all_failure", "cannot be combined with instances: delete either listed instances or all failed ones")
	case r.AllFailure != "":
		return check.OneOf("all_failure", r.AllFailure, AllFailureReliability)
	case len(r.Instances) == 0:
		return check.Fail("instances", "must list 1 to %d instance IDs (or set all_failure)", MaxBatchDelete)
	case len(r.Instances) > MaxBatchDelete:
		return check.Fail("instances", "lists %d instance IDs; at most %d are allowed", len(r.Instances), MaxBatchDelete)
	}
	return check.Names("instances", r.Instances)
}

// BatchDelete deletes listed instances, or every instance whose creation
// failed. req is not modified (an empty Action is sent as "delete").
// POST /v2/{project_id}/instances/action (reference 5.1.6).
func (c *Client) BatchDelete(ctx context.Context, req *BatchDeleteRequest) (*BatchDeleteResponse, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	body := *req
	body.Action = ActionDelete
	var out BatchDeleteResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{Method: http.MethodPost, Path: actionPath, Body: &body}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListBrokers returns an instance's brokers and their node IDs.
// GET /v2/{project_id}/instances/{instance_id}/brokers (reference 5.1.7).
func (c *Client) ListBrokers(ctx context.Context, id string) (*ListBrokersResponse, error) {
	if err := check.ID("instance_id", id); err != nil {
		return nil, err
	}
	var out ListBrokersResponse
	if _, err := c.c.Do(ctx, &rocketmq.Request{
		Method:     http.MethodGet,
		Path:       brokersPath,
		PathParams: map[string]string{"instance_id": id},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
