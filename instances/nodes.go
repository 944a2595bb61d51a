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

// ListNodesOptions pages ListNodes and ListNodesIter: limit 1–50 (the
// server's default 10), offset ≥ 0. The zero value (or nil) asks for the
// server's defaults.
type ListNodesOptions = rocketmq.PageOptions

func nodesSpec(instanceID string, opts *ListNodesOptions) call.Spec {
	return call.Spec{
		Method: http.MethodGet, Path: nodesPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  check.Page(opts, MaxListLimit),
	}
}

// ListNodes returns one page of an instance's nodes.
// GET /v2/{project_id}/{engine}/instances/{instance_id}/nodes
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) ListNodes(ctx context.Context, instanceID string, opts *ListNodesOptions, callOpts ...rocketmq.CallOption) (*ListNodesResponse, error) {
	return call.Do[ListNodesResponse](ctx, c.c, nodesSpec(instanceID, opts), callOpts)
}

// ListNodesIter iterates over all an instance's nodes, page by page,
// starting at opts.Offset with pages of opts.Limit (50 when 0). It stops
// at the total the answer reports, after a short page when it has no
// usable one, and on an empty page. opts is copied, never changed. An
// error is yielded once and ends the iteration.
// GET /v2/{project_id}/{engine}/instances/{instance_id}/nodes
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) ListNodesIter(ctx context.Context, instanceID string, opts *ListNodesOptions, callOpts ...rocketmq.CallOption) iter.Seq2[Node, error] {
	return pager.Iter(ctx, c.c, pager.Start(opts, MaxListLimit), nodesSpec(instanceID, opts).Check,
		func(offset, limit int) call.Spec {
			return nodesSpec(instanceID, &ListNodesOptions{Limit: limit, Offset: offset})
		},
		func(r *ListNodesResponse) ([]Node, int64) { return r.Nodes, r.Total }, callOpts)
}

// GetMonitoringHierarchy returns how Cloud Eye (CES) monitors the
// instance: its dimensions and metrics, and the nodes, topics, dead-letter
// queues and consumer groups monitored.
// GET /v2/{project_id}/instances/{instance_id}/ces-hierarchy
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) GetMonitoringHierarchy(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*MonitoringHierarchy, error) {
	return call.Do[MonitoringHierarchy](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: hierarchyPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
}

// ListNodesResponse is the answer of ListNodes.
type ListNodesResponse struct {
	// Nodes is one page of nodes.
	Nodes []Node `json:"nodes" jsonx:"bare"`
	// Total is the number of nodes over all pages.
	Total int64 `json:"total"`
}

// Node is one node of an instance.
type Node struct {
	// ID is the node's ID.
	ID string `json:"id"`
	// BrokerName is its broker's name, e.g. "broker-0".
	BrokerName string `json:"broker_name"`
	// BrokerID is the broker ID (0 for a master).
	BrokerID int `json:"broker_id"`
	// Address is the node's address.
	Address string `json:"address"`
	// PublicAddress is its public address.
	PublicAddress string `json:"public_address"`
}

// MonitoringHierarchy is the answer of GetMonitoringHierarchy.
type MonitoringHierarchy struct {
	// Dimensions are the monitoring dimensions.
	Dimensions []Dimension `json:"dimensions"`
	// InstanceIDs hold the instance's ID (in Name).
	InstanceIDs []NamedItem `json:"instance_ids"`
	// Nodes are the nodes monitored.
	Nodes []MonitoredNode `json:"nodes"`
	// Topics are the topics monitored.
	Topics []NamedItem `json:"topics"`
	// DLQ are the dead-letter queues monitored.
	DLQ []NamedItem `json:"dlq"`
	// Groups are the consumer groups monitored.
	Groups []MonitoredGroup `json:"groups"`
}

// Dimension is one monitoring dimension.
type Dimension struct {
	// Name is the dimension's name.
	Name string `json:"name"`
	// Metrics are its metric names.
	Metrics []string `json:"metrics"`
	// KeyName are the keys of monitoring queries.
	KeyName []string `json:"key_name"`
	// DimRouter is the dimension's route.
	DimRouter []string `json:"dim_router"`
	// Children are its child dimensions.
	Children []ChildDimension `json:"children"`
}

// ChildDimension is a child of a Dimension.
type ChildDimension struct {
	// Name is the child dimension's name.
	Name string `json:"name"`
	// Metrics are its metric names.
	Metrics []string `json:"metrics"`
	// KeyName are the keys of monitoring queries.
	KeyName []string `json:"key_name"`
	// DimRouter is the dimension's route.
	DimRouter []string `json:"dim_router"`
}

// NamedItem is an item of the hierarchy known by its name.
type NamedItem struct {
	// Name is the item's name (for InstanceIDs, the instance's ID).
	Name string `json:"name"`
}

// MonitoredNode is a node of the hierarchy.
type MonitoredNode struct {
	// Name is the node's name.
	Name string `json:"name"`
	// AvailableZone is its availability zone.
	AvailableZone string `json:"available_zone"`
}

// MonitoredGroup is a consumer group of the hierarchy.
type MonitoredGroup struct {
	// Name is the group's name.
	Name string `json:"name"`
	// Topics are the topics it subscribes to.
	Topics []NamedItem `json:"topics"`
}
