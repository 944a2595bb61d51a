package instances

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/call"
	"github.com/dms-rocketmq/rocketmq-go/internal/check"
)

// ConfigFileReservedTime is the configuration of the message retention
// time (the only name the definitions list for UpdateConfigs).
const ConfigFileReservedTime = "fileReservedTime"

// ListConfigsOptions pages ListConfigs: limit 1–50, offset ≥ 0. The zero
// value (or nil) asks for the server's defaults.
type ListConfigsOptions = rocketmq.PageOptions

// ListConfigs returns an instance's RocketMQ configuration items, with
// their values, defaults and valid ranges.
// GET /v2/{project_id}/rocketmq/instances/{instance_id}/configs
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) ListConfigs(ctx context.Context, instanceID string, opts *ListConfigsOptions, callOpts ...rocketmq.CallOption) (*ListConfigsResponse, error) {
	return call.Do[ListConfigsResponse](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: configsPath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
		Query:  opts,
		Check:  check.Page(opts, MaxListLimit),
	}, callOpts)
}

// ConfigValue is one configuration item to change.
type ConfigValue struct {
	// Name is the item's name, e.g. ConfigFileReservedTime.
	Name string `json:"name"`
	// Value is the new value, as text.
	Value string `json:"value"`
}

// updateConfigsBody is UpdateConfigs' body (ModifyConfigReq).
type updateConfigsBody struct {
	Configs []ConfigValue `json:"rocketmq_configs"`
}

func validateConfigs(configs []ConfigValue) error {
	if len(configs) == 0 {
		return check.Fail("rocketmq_configs", "must list at least one configuration item")
	}
	for i, cv := range configs {
		field := "rocketmq_configs[" + strconv.Itoa(i) + "]"
		if err := check.First(check.Required(field+".name", cv.Name), check.Required(field+".value", cv.Value)); err != nil {
			return err
		}
		if cv.Name == ConfigFileReservedTime {
			// The unit and range are the service's (ListConfigs reports
			// them in ValidValues); the value type is an integer.
			n, err := strconv.ParseInt(strings.TrimSpace(cv.Value), 10, 64)
			if err != nil || n < 1 {
				return check.Fail(field+".value", "is %q; %s takes a whole number of 1 or more", cv.Value, ConfigFileReservedTime)
			}
		}
	}
	return nil
}

// UpdateConfigs changes configuration items: at least one, each with a
// name and a value (fileReservedTime a whole number ≥ 1; the valid range
// is the one ListConfigs reports).
// PUT /v2/{project_id}/rocketmq/instances/{instance_id}/configs
// (current service). IAM: dms:instance:modify (inferred).
func (c *Client) UpdateConfigs(ctx context.Context, instanceID string, configs []ConfigValue, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: configsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   updateConfigsBody{Configs: configs},
		Check:  validateConfigs(configs),
	}, opts)
}

// ListConfigsResponse is the answer of ListConfigs.
type ListConfigsResponse struct {
	// Total is the number of items (a float in the definitions).
	Total int64 `json:"total"`
	// NextOffset is the offset of the next page.
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the offset of the previous page.
	PreviousOffset int64 `json:"previous_offset"`
	// Configs are the configuration items.
	Configs []Config `json:"rocketmq_configs" jsonx:"bare"`
}

// Config is one configuration item.
type Config struct {
	// Name is the item's name, e.g. "fileReservedTime".
	Name string `json:"name"`
	// Value is its current value.
	Value string `json:"value"`
	// ConfigType is "dynamic" or "static".
	ConfigType string `json:"config_type"`
	// DefaultValue is its default value.
	DefaultValue string `json:"default_value"`
	// ValidValues is its valid range.
	ValidValues string `json:"valid_values"`
	// ValueType is "integer" or "boolean".
	ValueType string `json:"value_type"`
}

// UpdateSSLRequest is UpdateSSL's body.
type UpdateSSLRequest struct {
	// TLSMode is the new security protocol mode, required (the
	// definitions name no values; the service checks them).
	TLSMode string `json:"tls_mode"`
}

func (r *UpdateSSLRequest) validate() error {
	if r == nil {
		return check.NotNil("request", true)
	}
	return check.Required("tls_mode", r.TLSMode)
}

// UpdateSSLResponse is the answer of UpdateSSL.
type UpdateSSLResponse struct {
	// JobID is the change's background task ID.
	JobID string `json:"job_id"`
	// TLSMode is the mode set.
	TLSMode string `json:"tls_mode"`
}

// UpdateSSL switches an instance's security protocol (plaintext or SSL
// access) and returns the ID of the background task that applies it.
// POST /v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch
// (current service). IAM: dms:instance:modify (inferred).
func (c *Client) UpdateSSL(ctx context.Context, instanceID string, req *UpdateSSLRequest, opts ...rocketmq.CallOption) (*UpdateSSLResponse, error) {
	return call.Do[UpdateSSLResponse](ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: sslPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}

// EnableDNS turns domain-name access on (Instance.DNSEnable and the
// domain names then show in Get).
// POST /v2/{project_id}/rocketmq/instances/{instance_id}/dns, no body
// (current service). IAM: dms:instance:modify (inferred).
func (c *Client) EnableDNS(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPost, Path: dnsPath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
}

// VolumeExpansion is an instance's automatic volume expansion: GetVolumeExpansion's
// answer and UpdateVolumeExpansion's body. Enable is always sent; the
// other fields only when set (non-zero).
type VolumeExpansion struct {
	// Enable turns automatic expansion on or off.
	Enable bool `json:"auto_volume_expand_enable"`
	// ExpandThreshold is the disk usage, in percent (20–80), that starts an
	// expansion.
	ExpandThreshold int `json:"expand_threshold,omitempty"`
	// MaxVolumeSize is the largest size automatic expansion reaches (GB):
	// a multiple of 100, above the current size and below the node count
	// × 30000 (the last two the service checks).
	MaxVolumeSize int64 `json:"max_volume_size,omitempty"`
	// ExpandIncrement is the step of an expansion, in percent (10–100).
	ExpandIncrement int `json:"expand_increment,omitempty"`
}

func (v *VolumeExpansion) validate() error {
	if v == nil {
		return check.NotNil("request", true)
	}
	var threshold, increment, maxSize error
	if v.ExpandThreshold != 0 {
		threshold = check.Range("expand_threshold", int64(v.ExpandThreshold), 20, 80)
	}
	if v.ExpandIncrement != 0 {
		increment = check.Range("expand_increment", int64(v.ExpandIncrement), 10, 100)
	}
	if v.MaxVolumeSize != 0 && (v.MaxVolumeSize < 0 || v.MaxVolumeSize%100 != 0) {
		maxSize = check.Fail("max_volume_size", "is %d; it must be a positive multiple of 100", v.MaxVolumeSize)
	}
	return check.First(threshold, maxSize, increment)
}

// GetVolumeExpansion returns an instance's automatic volume expansion
// settings.
// GET /v2/{project_id}/instances/{instance_id}/auto-volume-expand
// (current service). IAM: dms:instance:get (inferred).
func (c *Client) GetVolumeExpansion(ctx context.Context, instanceID string, opts ...rocketmq.CallOption) (*VolumeExpansion, error) {
	return call.Do[VolumeExpansion](ctx, c.c, call.Spec{
		Method: http.MethodGet, Path: volumePath, Action: call.ActionGet,
		Params: call.Params{"instance_id": instanceID},
	}, opts)
}

// UpdateVolumeExpansion changes an instance's automatic volume expansion:
// threshold 20–80 and increment 10–100 percent, max volume a multiple of
// 100, each when set. The answer (a bare string, "success") is ignored.
// PUT /v2/{project_id}/instances/{instance_id}/auto-volume-expand
// (current service). IAM: dms:instance:modify (inferred).
func (c *Client) UpdateVolumeExpansion(ctx context.Context, instanceID string, req *VolumeExpansion, opts ...rocketmq.CallOption) error {
	return call.Exec(ctx, c.c, call.Spec{
		Method: http.MethodPut, Path: volumePath, Action: call.ActionModify,
		Params: call.Params{"instance_id": instanceID},
		Body:   req,
		Check:  req.validate(),
	}, opts)
}
