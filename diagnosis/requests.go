package diagnosis

import (
	"context"
	"iter"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
	"github.com/dms-rocketmq/rocketmq-go/internal/pager"
)

// Client runs and reads diagnoses. It is safe for concurrent use.
type Client struct{ c *rocketmq.Client }

// New returns a diagnosis client that sends its requests through c.
func New(c *rocketmq.Client) *Client { return &Client{c: c} }

// MaxListLimit is the page size ListIter uses when Limit is 0, and the
// largest List accepts. The definitions state no range for this list; 50
// is the service's largest page elsewhere.
const MaxListLimit = 50

// ListOptions pages List and ListIter: limit 1–50, offset ≥ 0. The zero
// value (or nil) asks for the server's defaults.
type ListOptions = rocketmq.PageOptions

// CreateRequest is the body of Create (DiagnosisReq).
type CreateRequest struct {
	// GroupName is the consumer group to diagnose (required; RocketMQ's
	// group name rule, 1–255 letters, digits, "%", "|", "-", "_").
	GroupName string `json:"group_name"`
	// NodeIDs limits the diagnosis to these nodes (node_id_list; none
	// empty). Empty means every node.
	NodeIDs []string `json:"node_id_list,omitempty"`
}

func (r *CreateRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.First(
		check.Group("group_name", r.GroupName),
		check.NoEmpty("node_id_list", r.NodeIDs),
	)
}

// batchDeleteBody is the body of BatchDelete.
type batchDeleteBody struct {
	ReportIDs []string `json:"report_id_list"`
}

// Create starts diagnosing a consumer group of the instance and returns
// the ID of the report it writes; the report is StatusDiagnosing until
// it is done (see WaitForReport).
// POST /v2/{engine}/{project_id}/instances/{instance_id}/diagnosis
// (CreateDiagnosisTask, beyond the reference).
// IAM: dms:instance:modify (inferred).
func (c *Client) Create(ctx context.Context, instanceID string, req *CreateRequest, opts ...rocketmq.CallOption) (*CreateResponse, error) {
	return call.Do[CreateResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: reportsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// List returns one page of the instance's diagnosis reports, newest
// first, with their total (limit 1–50, offset ≥ 0).
// GET /v2/{engine}/{project_id}/instances/{instance_id}/diagnosis
// (ListDiagnosisReports, beyond the reference).
// IAM: dms:instance:get (inferred).
func (c *Client) List(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) (*ListResponse, error) {
	return call.Do[ListResponse](ctx, c.c, listSpec(instanceID, opts), callOpts)
}

func listSpec(instanceID string, opts *ListOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: reportsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  check.Page(opts, MaxListLimit),
	}
}

// ListIter iterates over all the instance's diagnosis reports, page by
// page, starting at opts.Offset with pages of opts.Limit (50 when 0). It
// stops at the total the server reports (never asking past it), after a
// short page when the answer has no usable total, and on an empty page. A
// nil opts means all reports; opts is copied, never changed. An error is
// yielded once and ends the iteration.
// GET /v2/{engine}/{project_id}/instances/{instance_id}/diagnosis
// (ListDiagnosisReports, beyond the reference).
// IAM: dms:instance:get (inferred).
func (c *Client) ListIter(ctx context.Context, instanceID string, opts *ListOptions, callOpts ...rocketmq.CallOption) iter.Seq2[ReportSummary, error] {
	return pager.Iter(ctx, c.c, pager.Start(opts, MaxListLimit), listSpec(instanceID, opts).Check,
		func(offset, limit int) call.Spec {
			return listSpec(instanceID, &ListOptions{Limit: limit, Offset: offset})
		},
		func(r *ListResponse) ([]ReportSummary, int64) { return r.Reports, r.Total }, callOpts)
}

// Get returns a diagnosis report (report IDs are project-wide: no
// instance ID). A report that does not exist is an *rocketmq.APIError for
// which rocketmq.IsNotFound is true when the service answers 404.
// GET /v2/{engine}/{project_id}/diagnosis/{report_id}
// (ShowDiagnosisReport, beyond the reference).
// IAM: dms:instance:get (inferred).
func (c *Client) Get(ctx context.Context, reportID string, opts ...rocketmq.CallOption) (*Report, error) {
	return call.Do[Report](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: reportPath, Action: call.ActionGet,
		Params: call.Params{"report_id": reportID},
	}, opts)
}

// GetStack returns the stack of a consumer thread a diagnosis found
// (stackID is a NodeReport.StackID).
// GET /v2/{engine}/{project_id}/diagnosis/stack/{stack_id}
// (ShowDiagnosisStack, beyond the reference).
// IAM: dms:instance:get (inferred).
func (c *Client) GetStack(ctx context.Context, stackID string, opts ...rocketmq.CallOption) (*Stack, error) {
	return call.Do[Stack](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: stackPath, Action: call.ActionGet,
		Params: call.Params{"stack_id": stackID},
	}, opts)
}

// BatchDelete deletes diagnosis reports of the instance; reportIDs lists
// at least one, none empty. The answer lists the reports deleted.
// POST /v2/{project_id}/{engine}/instances/{instance_id}/diagnosis/batch-delete
// (BatchDeleteDiagnosisRecords, beyond the reference; note the project
// before the engine).
// IAM: dms:instance:modify (inferred).
func (c *Client) BatchDelete(ctx context.Context, instanceID string, reportIDs []string, opts ...rocketmq.CallOption) (*BatchDeleteResponse, error) {
	return call.Do[BatchDeleteResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: batchDeletePath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   batchDeleteBody{ReportIDs: reportIDs},
		Check:  check.Names("report_id_list", reportIDs),
	}, opts)
}
