package instances

import (
	"context"
	"iter"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Limits of the reference's rules.
const (
	// MaxListLimit is the largest page size of the instance lists (List,
	// table 5-5; ListNodes, ListConfigs and ListResizeProducts, whose
	// definitions state only the default 10, take the same); the iterators
	// use it when Limit is 0.
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

// Billing modes of Billing.ChargingMode.
const (
	// ChargingPrePaid is yearly/monthly billing (Billing.PeriodType and
	// PeriodNum are then required).
	ChargingPrePaid = "prePaid"
	// ChargingPostPaid is pay-per-use (the service's default).
	ChargingPostPaid = "postPaid"
)

// Subscription periods of Billing.PeriodType.
const (
	// PeriodMonth subscribes for 1–9 months.
	PeriodMonth = "month"
	// PeriodYear subscribes for 1–3 years.
	PeriodYear = "year"
)

// CPU architectures of CreateRequest.ArchType.
const (
	ArchX86 = "X86"
	ArchARM = "ARM"
)

// Client calls the instance operations (reference section 5.1, and the
// current service's resize, nodes, configuration, SSL, DNS, volume
// expansion and recycle bin operations). It is safe for concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns an instances client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// engineOf is the client's engine ("" for a nil client, which call.Raw
// refuses).
func engineOf(c *rocketmq.Client) string {
	if c == nil {
		return ""
	}
	return c.Engine()
}

// CreateRequest is Create's body (table 5-2, and the current
// CreateInstanceByEngineReq). Pointer fields are sent only when set, so
// that false and "" can be sent on purpose.
type CreateRequest struct {
	// Name is required: 4–64 characters, a letter first, then letters,
	// digits, '_' and '-'.
	Name string `json:"name"`
	// Description is at most 1024 characters.
	Description *string `json:"description,omitempty"`
	// Engine is required: "reliability" (or "rocketmq").
	Engine string `json:"engine"`
	// EngineVersion is required, "4.8.0" or "5.x".
	EngineVersion string `json:"engine_version"`
	// StorageSpace is required (> 0), in GB. The range the service
	// accepts depends on the flavour (ProductID) and the broker count:
	// products.List gives each flavour's minimum and maximum per node.
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
	// ProductID is required, e.g. "c6.4u8g.cluster" (4.8.0) or
	// "rocketmq.b2.large.4" (5.x); products.List lists them.
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
	// ProxyEnable turns the proxy feature on (default false).
	ProxyEnable *bool `json:"proxy_enable,omitempty"`
	// DiskEncryptedEnable turns disk encryption on (default false).
	DiskEncryptedEnable *bool `json:"disk_encrypted_enable,omitempty"`
	// DiskEncryptedKey is the disk encryption key (with
	// DiskEncryptedEnable).
	DiskEncryptedKey *string `json:"disk_encrypted_key,omitempty"`
	// ArchType is the CPU architecture, ArchX86 or ArchARM.
	ArchType string `json:"arch_type,omitempty"`
	// TLSMode is the security protocol of the instance (the definitions
	// name no values).
	TLSMode string `json:"tls_mode,omitempty"`
	// IPv6BrokerAddress is the IPv6 address of the message data; setting
	// it sends the create to the engine-scoped path.
	IPv6BrokerAddress string `json:"ipv6_broker_address,omitempty"`
	// IPv6NamesrvAddress is the IPv6 address of the name server; setting
	// it sends the create to the engine-scoped path.
	IPv6NamesrvAddress string `json:"ipv6_namesrv_address,omitempty"`
	// Billing sets yearly/monthly billing (bss_param); setting it sends
	// the create to the engine-scoped path.
	Billing *Billing `json:"bss_param,omitempty"`
}

// Billing is CreateRequest's bss_param: how the instance is paid for.
type Billing struct {
	// ChargingMode is ChargingPrePaid (yearly/monthly) or ChargingPostPaid
	// (pay-per-use, the service's default).
	ChargingMode string `json:"charging_mode,omitempty"`
	// PeriodType is PeriodMonth or PeriodYear; required with
	// ChargingPrePaid.
	PeriodType string `json:"period_type,omitempty"`
	// PeriodNum is the number of periods, required with ChargingPrePaid:
	// 1–9 months or 1–3 years.
	PeriodNum int `json:"period_num,omitempty"`
	// IsAutoRenew renews the subscription automatically (default false).
	IsAutoRenew *bool `json:"is_auto_renew,omitempty"`
	// IsAutoPay pays the order from the account balance (false: pay by
	// hand).
	IsAutoPay *bool `json:"is_auto_pay,omitempty"`
}

func (b *Billing) validate() error {
	if b == nil {
		return nil
	}
	var mode error
	if b.ChargingMode != "" {
		mode = check.OneOf("bss_param.charging_mode", b.ChargingMode, ChargingPrePaid, ChargingPostPaid)
	}
	var period error
	switch {
	case b.PeriodType != "":
		period = check.OneOf("bss_param.period_type", b.PeriodType, PeriodMonth, PeriodYear)
	case b.ChargingMode == ChargingPrePaid:
		period = check.Fail("bss_param.period_type", "is required with charging_mode %q (%q or %q)", ChargingPrePaid, PeriodMonth, PeriodYear)
	}
	var num error
	switch {
	case b.PeriodNum == 0 && b.ChargingMode == ChargingPrePaid:
		num = check.Fail("bss_param.period_num", "is required with charging_mode %q", ChargingPrePaid)
	case b.PeriodNum != 0 && b.PeriodType == PeriodYear:
		num = check.Range("bss_param.period_num", int64(b.PeriodNum), 1, 3)
	case b.PeriodNum != 0:
		num = check.Range("bss_param.period_num", int64(b.PeriodNum), 1, 9)
	}
	return check.First(mode, period, num)
}

// engineScoped says whether the create needs the current create path.
func (r *CreateRequest) engineScoped() bool {
	return r != nil && (r.Billing != nil || r.IPv6BrokerAddress != "" || r.IPv6NamesrvAddress != "")
}

func (r *CreateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var arch error
	if r.ArchType != "" {
		arch = check.OneOf("arch_type", r.ArchType, ArchX86, ArchARM)
	}
	return check.First(
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
		validatePublicIP(r.EnablePublicIP, r.PublicIPID),
		arch,
		r.Billing.validate(),
	)
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
	if err := check.NoEmpty("available_zones", zones); err != nil {
		return err
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

// Create creates an instance and returns its ID; the instance is CREATING
// until it is RUNNING (see WaitForStatus). A pay-per-use create goes to
// the reference's path; one with Billing (yearly/monthly) or an IPv6
// address goes to the current create, POST /v2/{engine}/{project_id}/instances.
// A name already taken is DMS.00400060 (see rocketmq.IsAlreadyExists).
// POST /v2/{project_id}/instances (reference 5.1.1).
// IAM: dms:instance:create.
func (c *Client) Create(ctx context.Context, req *CreateRequest, opts ...rocketmq.CallOption) (*CreateResponse, error) {
	path := rootPath
	if req.engineScoped() {
		path = engineRootPath
	}
	return call.Do[CreateResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: path, Action: call.ActionCreate,
		Body:  req,
		Check: req.validate(),
	}, opts)
}

// ListOptions filters List and ListIter (table 5-5). A nil *ListOptions
// means the server's defaults and the client's engine.
type ListOptions struct {
	// Engine defaults to the client's engine (rocketmq.Client.Engine).
	Engine string `url:"engine"`
	// Name matches instance names (fuzzily unless ExactMatchName).
	Name string `url:"name,omitempty"`
	// InstanceID selects one instance.
	InstanceID string `url:"instance_id,omitempty"`
	// Status selects a status, e.g. StatusRunning.
	Status string `url:"status,omitempty"`
	// EnterpriseProjectID selects an enterprise project.
	EnterpriseProjectID string `url:"enterprise_project_id,omitempty"`
	// IncludeFailure also returns instances whose creation failed (sent
	// only when true).
	IncludeFailure bool `url:"include_failure,omitempty"`
	// ExactMatchName matches Name exactly (sent only when true).
	ExactMatchName bool `url:"exact_match_name,omitempty"`
	// Limit is the page size, 1–50 (0: the server's default, 10; ListIter
	// uses 50). It is sent only when positive.
	Limit int `url:"limit,omitempty"`
	// Offset is where the page starts (an item offset), ≥ 0. It is sent
	// only when positive.
	Offset int `url:"offset,omitempty"`
}

func (o *ListOptions) validate() error {
	if o == nil {
		return nil
	}
	return check.First(check.Limit(o.Limit, MaxListLimit), check.Offset(o.Offset))
}

// query is a copy of the options with the engine filled.
func (o *ListOptions) query(engine string) ListOptions {
	var q ListOptions
	if o != nil {
		q = *o
	}
	if q.Engine == "" {
		q.Engine = engine
	}
	return q
}

func (c *Client) listSpec(opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: rootPath, Action: call.ActionList,
		Query: opts.query(engineOf(c.c)),
		Check: opts.validate(),
	}
}

// List returns one page of the project's instances. BrokerAddresses is
// filled from BrokerAddress when the service sent only that.
// GET /v2/{project_id}/instances (reference 5.1.2). IAM: dms:instance:list.
func (c *Client) List(ctx context.Context, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	out, err := call.Do[ListResponse](ctx, c.c, c.listSpec(opts), callOpts)
	if err == nil {
		out.fillBrokerAddresses()
	}
	return out, err
}

// ListIter iterates over every instance matching opts, from opts.Offset,
// in pages of opts.Limit (50 when 0). It stops once it has seen
// instance_num instances (never asking past it), after a short page when
// the answer has no usable total, and on an empty page. It yields an error
// (a *rocketmq.ValidationError for bad options) once and stops. opts is
// copied, never modified.
// GET /v2/{project_id}/instances, paged (reference 5.1.2).
// IAM: dms:instance:list.
func (c *Client) ListIter(ctx context.Context, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Instance, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return pager.Iter(ctx, c.c, pager.At(o.Offset, o.Limit, MaxListLimit), o.validate(),
		func(offset, limit int) call.Spec {
			page := o
			page.Offset, page.Limit = offset, limit
			return c.listSpec(&page)
		},
		func(r *ListResponse) ([]Instance, int64) {
			r.fillBrokerAddresses()
			return r.Instances, r.InstanceNum
		}, callOpts)
}

// Get returns one instance. BrokerAddresses is filled from BrokerAddress
// when the service sent only that. A missing instance is an
// *rocketmq.APIError for which rocketmq.IsNotFound is true.
// GET /v2/{project_id}/instances/{instance_id} (reference 5.1.3).
// IAM: dms:instance:get.
func (c *Client) Get(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*Instance, error) {
	out, err := call.Do[Instance](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: instancePath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
	if err == nil {
		out.fillBrokerAddresses()
	}
	return out, err
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
	// EnterpriseProjectID moves the instance to another enterprise
	// project (current service).
	EnterpriseProjectID string `json:"enterprise_project_id,omitempty"`
}

func (r *UpdateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	if r.Name == "" && r.Description == nil && r.SecurityGroupID == "" && r.EnableACL == nil &&
		r.EnablePublicIP == nil && r.PublicIPID == nil && r.EnterpriseProjectID == "" {
		return check.Fail("request", "sets no field to update")
	}
	var name error
	if r.Name != "" {
		name = validateName(r.Name)
	}
	return check.First(name, validateDescription(r.Description), validatePublicIP(r.EnablePublicIP, r.PublicIPID))
}

// Update changes an instance's name, description, security group, ACL,
// public access or enterprise project.
// PUT /v2/{project_id}/instances/{instance_id} (reference 5.1.5).
// IAM: dms:instance:modify.
func (c *Client) Update(ctx context.Context, instanceID string, req *UpdateRequest, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: instancePath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// Delete deletes an instance and all its data (or, with the recycle bin
// on, moves it there; see ListRecycleBin); see WaitForDeletion.
// DELETE /v2/{project_id}/instances/{instance_id} (reference 5.1.4).
// IAM: dms:instance:delete.
func (c *Client) Delete(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodDelete, Path: instancePath, Action: call.ActionDelete,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
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
	// ForceDelete true skips the recycle bin; false (a soft delete) moves
	// the instances there when the recycle bin is on (current service).
	ForceDelete *bool `json:"force_delete,omitempty"`
}

func (r *BatchDeleteRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	var action error
	if r.Action != "" {
		action = check.OneOf("action", r.Action, ActionDelete)
	}
	var target error
	switch {
	case len(r.Instances) > 0 && r.AllFailure != "":
		target = check.Fail("all_failure", "cannot be combined with instances: delete either listed instances or all failed ones")
	case r.AllFailure != "":
		target = check.OneOf("all_failure", r.AllFailure, AllFailureReliability)
	case len(r.Instances) == 0:
		target = check.Fail("instances", "must list 1 to %d instance IDs (or set all_failure)", MaxBatchDelete)
	case len(r.Instances) > MaxBatchDelete:
		target = check.Fail("instances", "lists %d instance IDs; at most %d are allowed", len(r.Instances), MaxBatchDelete)
	default:
		target = check.Names("instances", r.Instances)
	}
	return check.First(action, target)
}

// body is the request sent: a copy with Action "delete".
func (r *BatchDeleteRequest) body() *BatchDeleteRequest {
	if r == nil {
		return nil
	}
	b := *r
	b.Action = ActionDelete
	return &b
}

// BatchDelete deletes listed instances, or every instance whose creation
// failed. req is not modified (an empty Action is sent as "delete").
// POST /v2/{project_id}/instances/action (reference 5.1.6).
// IAM: dms:instance:delete.
func (c *Client) BatchDelete(ctx context.Context, req *BatchDeleteRequest, opts ...rocketmq.CallOption) (*BatchDeleteResponse, error) {
	return call.Do[BatchDeleteResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: actionPath, Action: call.ActionDelete,
		Body:  req.body(),
		Check: req.validate(),
	}, opts)
}

// brokersPageSize is the service's default page of ListBrokers (the
// definitions state no maximum, so the SDK asks for no other).
const brokersPageSize = 10

// brokersPage is one page of ListBrokers; Total is nil when the answer has
// none (the reference's form, which lists every broker at once).
type brokersPage struct {
	Brokers []Broker `json:"brokers" jsonx:"bare"`
	Total   *int64   `json:"total"`
}

// brokersQuery pages ListBrokers past its first page.
type brokersQuery struct {
	Limit  int `url:"limit"`
	Offset int `url:"offset"`
}

// ListBrokers returns all an instance's brokers and their node IDs. The
// first request is the reference's (no query); when the answer reports a
// total beyond the brokers received, the next pages are asked for with
// offset and limit (10, the service's default page) until the total is
// reached. An answer without a total is the whole list.
// GET /v2/{project_id}/instances/{instance_id}/brokers (reference 5.1.7).
// IAM: dms:instance:get (inferred: table 6-1 does not list it).
func (c *Client) ListBrokers(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*ListBrokersResponse, error) {
	var seen int64
	brokers, err := pager.All(ctx, c.c, pager.At(0, brokersPageSize, brokersPageSize), nil,
		func(offset, limit int) call.Spec {
			s := call.Spec{
				Method: http.MethodGet, Path: brokersPath, Action: call.ActionGet,
				Params: call.Params{"instance_id": instanceID},
			}
			if offset > 0 {
				s.Query = brokersQuery{Limit: limit, Offset: offset}
			}
			return s
		},
		func(p *brokersPage) ([]Broker, int64) {
			seen += int64(len(p.Brokers))
			if p.Total == nil || *p.Total < seen {
				// No (usable) total: what came so far is the whole list.
				return p.Brokers, seen
			}
			return p.Brokers, *p.Total
		}, opts)
	if err != nil {
		return nil, err
	}
	return &ListBrokersResponse{Brokers: brokers, Total: int64(len(brokers))}, nil
}
