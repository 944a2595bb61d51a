package azs

import (
	"strconv"
	"strings"
)

// ListResponse is the answer of List (table 5-133).
type ListResponse struct {
	// RegionID is the region's ID.
	RegionID string `json:"region_id"`
	// AvailableZones are the region's zones.
	AvailableZones []AvailableZone `json:"available_zones"`
}

// AvailableZone is one zone (table 5-134).
type AvailableZone struct {
	// SoldOut says whether the zone is sold out.
	SoldOut bool `json:"soldOut"`
	// ID is the zone's ID, the value for instances.CreateRequest.AvailableZones.
	ID string `json:"id"`
	// Code is the zone's code.
	Code string `json:"code"`
	// Name is the zone's display name.
	Name string `json:"name"`
	// Port is the zone's port number.
	Port string `json:"port"`
	// ResourceAvailability says whether the zone has resources left
	// ("true" or "false", a string on the wire); see HasResources.
	ResourceAvailability string `json:"resource_availability"`
	// DefaultAZ says whether this is the default zone.
	DefaultAZ bool `json:"default_az"`
	// RemainTime is the remaining time (unit undocumented). The service
	// sends Long.MAX_VALUE printed through a double (9223372036854776000,
	// beyond int64); it decodes clamped to math.MaxInt64.
	RemainTime int64 `json:"remain_time"`
	// IPv6Enable says whether the zone supports IPv6.
	IPv6Enable bool `json:"ipv6_enable"`
	// Mode is the zone's kind: ModeDedicated (an edge zone), ModeShared
	// (a local zone) or ModeCenter (a central zone); empty when the service
	// does not say (the reference's answers do not).
	Mode string `json:"mode"`
	// Scope is the zone's group.
	Scope string `json:"scope"`
}

// Values of AvailableZone.Mode.
const (
	// ModeDedicated is an edge zone.
	ModeDedicated = "dedicated"
	// ModeShared is a local zone.
	ModeShared = "shared"
	// ModeCenter is a central zone.
	ModeCenter = "center"
)

// HasResources reports whether ResourceAvailability says "true".
func (z AvailableZone) HasResources() bool {
	b, err := strconv.ParseBool(strings.TrimSpace(z.ResourceAvailability))
	return err == nil && b
}

// Default returns the zone marked default_az, if any.
func (r *ListResponse) Default() (AvailableZone, bool) {
	if r == nil {
		return AvailableZone{}, false
	}
	for _, z := range r.AvailableZones {
		if z.DefaultAZ {
			return z, true
		}
	}
	return AvailableZone{}, false
}
