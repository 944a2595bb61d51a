package instances

import (
	"context"
	"net/http"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// ListRecycleBin returns the recycle bin's policy and the instances in it.
// A recycled instance is listed here and no longer by List or Get (so
// WaitForDeletion ends).
// GET /v2/{project_id}/recycle (current service).
// IAM: dms:instance:list (inferred).
func (c *Client) ListRecycleBin(ctx context.Context, opts ...rocketmq.CallOption) (*RecycleBin, error) {
	return call.Do[RecycleBin](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: recyclePath, Action: call.ActionList,
	}, opts)
}

// restoreBody is Restore's body (BatchResumeInstanceReq).
type restoreBody struct {
	Instances []string `json:"instances"`
}

// Restore brings instances back from the recycle bin: instanceIDs lists
// at least one ID, none empty. Each result names the restore's background
// task.
// POST /v2/{project_id}/recycle (current service).
// IAM: dms:instance:modify (inferred).
func (c *Client) Restore(ctx context.Context, instanceIDs []string, opts ...rocketmq.CallOption) (*RestoreResponse, error) {
	return call.Do[RestoreResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: recyclePath, Action: call.ActionModify,
		Body:  restoreBody{Instances: instanceIDs},
		Check: check.Names("instances", instanceIDs),
	}, opts)
}

// RecyclePolicy is UpdateRecyclePolicy's body; only the fields set are
// sent, and at least one must be.
type RecyclePolicy struct {
	// RetentionDays is how long a deleted instance stays in the recycle
	// bin, 1–7 days.
	RetentionDays int `json:"retention_days,omitempty"`
	// DefaultUseRecycle turns the recycle bin on or off.
	DefaultUseRecycle *bool `json:"default_use_recycle,omitempty"`
}

func (p *RecyclePolicy) validate() error {
	if p == nil {
		return check.NotNil("request", true)
	}
	if p.RetentionDays == 0 && p.DefaultUseRecycle == nil {
		return check.Fail("request", "sets neither retention_days nor default_use_recycle")
	}
	if p.RetentionDays != 0 {
		return check.Range("retention_days", int64(p.RetentionDays), 1, 7)
	}
	return nil
}

// UpdateRecyclePolicy changes the recycle bin's policy (retention 1–7
// days, on or off) and returns the bin as ListRecycleBin does.
// PUT /v2/{project_id}/recycle (current service).
// IAM: dms:instance:modify (inferred).
func (c *Client) UpdateRecyclePolicy(ctx context.Context, policy *RecyclePolicy, opts ...rocketmq.CallOption) (*RecycleBin, error) {
	return call.Do[RecycleBin](ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: recyclePath, Action: call.ActionModify,
		Body:  policy,
		Check: policy.validate(),
	}, opts)
}

// RecycleBin is the answer of ListRecycleBin and UpdateRecyclePolicy.
type RecycleBin struct {
	// RetentionDays is how long instances stay, 1–7 days.
	RetentionDays int `json:"retention_days"`
	// DefaultUseRecycle says whether the recycle bin is on.
	DefaultUseRecycle bool `json:"default_use_recycle"`
	// Instances are the instances in the recycle bin.
	Instances []RecycledInstance `json:"recycle_instances"`
}

// RecycledInstance is one instance in the recycle bin.
type RecycledInstance struct {
	// InstanceID is the instance's ID.
	InstanceID string `json:"instance_id"`
	// Status is its status.
	Status string `json:"status"`
	// Name is its name.
	Name string `json:"name"`
	// Engine is its engine.
	Engine string `json:"engine"`
	// InRecycleTime is when it entered the recycle bin (an int64 whose
	// unit the definitions do not state).
	InRecycleTime int64 `json:"in_recycle_time"`
	// SaveTime is its retention, 1–7 (days).
	SaveTime int `json:"save_time"`
	// AutoDeleteTime is when it will be deleted (unit as InRecycleTime).
	AutoDeleteTime int64 `json:"auto_delete_time"`
	// CostPerHour is its cost per hour.
	CostPerHour float64 `json:"cost_per_hour"`
	// ErrorMessage is an error message.
	ErrorMessage string `json:"error_message"`
	// ProductID is its flavour.
	ProductID string `json:"product_id"`
}

// RestoreResponse is the answer of Restore.
type RestoreResponse struct {
	// Results has one entry per instance.
	Results []RestoreResult `json:"results" jsonx:"bare"`
}

// RestoreResult is one instance's restore.
type RestoreResult struct {
	// InstanceID is the instance's ID.
	InstanceID string `json:"instance_id"`
	// JobID is the restore's background task ID.
	JobID string `json:"job_id"`
	// ErrorMsg is why it failed, if it did.
	ErrorMsg string `json:"error_msg"`
}
