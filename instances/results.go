package instances

import (
	"strconv"
	"strings"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/tags"
)

// CreateResponse is the answer of Create (table 5-3).
type CreateResponse struct {
	// InstanceID is the new instance's ID (an opaque string: the
	// reference's own example is not hexadecimal).
	InstanceID string `json:"instance_id"`
}

// ListResponse is the answer of List (table 5-6).
type ListResponse struct {
	// Instances is one page of instances.
	Instances []Instance `json:"instances"`
	// InstanceNum is the number of instances matching the query, over all
	// pages.
	InstanceNum int64 `json:"instance_num"`
}

// Instance is one instance (ShowInstanceResp, tables 5-7 and 5-10), as List
// and Get return it.
type Instance struct {
	// Name is the instance's name.
	Name string `json:"name"`
	// Engine is the message engine, "reliability".
	Engine string `json:"engine"`
	// Status is the instance's status, e.g. "RUNNING" (table 7-2; see the
	// Status constants and IsFailureStatus).
	Status string `json:"status"`
	// Description is the instance's description.
	Description string `json:"description"`
	// Type is the instance type, "cluster".
	Type string `json:"type"`
	// Specification describes the flavour, e.g. "c6.4u8g.cluster * 1 broker".
	Specification string `json:"specification"`
	// EngineVersion is the engine's version, e.g. "4.8.0".
	EngineVersion string `json:"engine_version"`
	// InstanceID is the instance's ID.
	InstanceID string `json:"instance_id"`
	// ChargingMode is the billing mode (not used yet by the service).
	ChargingMode int `json:"charging_mode"`
	// VPCID is the VPC's ID.
	VPCID string `json:"vpc_id"`
	// VPCName is the VPC's name.
	VPCName string `json:"vpc_name"`
	// CreatedAt is when creation completed, in Unix milliseconds as a
	// string (as documented); see CreatedTime.
	CreatedAt string `json:"created_at"`
	// ProductID is the product (flavour) ID, e.g. "c6.4u8g.cluster".
	ProductID string `json:"product_id"`
	// SecurityGroupID is the security group's ID.
	SecurityGroupID string `json:"security_group_id"`
	// SecurityGroupName is the security group's name.
	SecurityGroupName string `json:"security_group_name"`
	// SubnetID is the subnet's ID.
	SubnetID string `json:"subnet_id"`
	// SubnetName is the subnet's name.
	SubnetName string `json:"subnet_name"`
	// SubnetCIDR is the subnet's CIDR block.
	SubnetCIDR string `json:"subnet_cidr"`
	// AvailableZones are the instance's availability zone IDs.
	AvailableZones []string `json:"available_zones"`
	// UserID is the owner's user ID.
	UserID string `json:"user_id"`
	// UserName is the owner's user name.
	UserName string `json:"user_name"`
	// MaintainBegin starts the maintenance window, "HH:mm:ss".
	MaintainBegin string `json:"maintain_begin"`
	// MaintainEnd ends the maintenance window, "HH:mm:ss".
	MaintainEnd string `json:"maintain_end"`
	// EnableLogCollection says whether message collection is on.
	EnableLogCollection bool `json:"enable_log_collection"`
	// StorageSpace is the storage space, in GB.
	StorageSpace int64 `json:"storage_space"`
	// UsedStorageSpace is the used message storage space, in GB.
	UsedStorageSpace int64 `json:"used_storage_space"`
	// EnablePublicIP says whether public access is on.
	EnablePublicIP bool `json:"enable_publicip"`
	// PublicIPID lists the bound elastic IPs' IDs, comma-separated.
	PublicIPID string `json:"publicip_id"`
	// PublicIPAddress is the public IP address.
	PublicIPAddress string `json:"publicip_address"`
	// SSLEnable says whether SSL is on.
	SSLEnable bool `json:"ssl_enable"`
	// CrossVPCInfo is the cross-VPC access information: a JSON document
	// inside a string, often malformed; see CrossVPC.
	CrossVPCInfo string `json:"cross_vpc_info"`
	// StorageResourceID is the storage resource's ID.
	StorageResourceID string `json:"storage_resource_id"`
	// StorageSpecCode is the storage I/O flavour, e.g.
	// "dms.physical.storage.ultra.v2".
	StorageSpecCode string `json:"storage_spec_code"`
	// ServiceType is the service type, e.g. "advanced".
	ServiceType string `json:"service_type"`
	// StorageType is the storage type, e.g. "hec".
	StorageType string `json:"storage_type"`
	// ExtendTimes is the reference's "extension time" (extend_times; unit
	// undocumented, 0 in its example).
	ExtendTimes int64 `json:"extend_times"`
	// IPv6Enable says whether IPv6 is on.
	IPv6Enable bool `json:"ipv6_enable"`
	// SupportFeatures is an opaque comma-separated list of features; see
	// Features.
	SupportFeatures string `json:"support_features"`
	// DiskEncrypted says whether the disks are encrypted.
	DiskEncrypted bool `json:"disk_encrypted"`
	// CESVersion is the Cloud Eye version.
	CESVersion string `json:"ces_version"`
	// NodeNum is the number of nodes.
	NodeNum int `json:"node_num"`
	// NewSpecBillingEnable says whether new-flavour billing is on.
	NewSpecBillingEnable bool `json:"new_spec_billing_enable"`
	// EnableACL says whether access control is on.
	EnableACL bool `json:"enable_acl"`
	// BrokerNum is the number of brokers.
	BrokerNum int `json:"broker_num"`
	// NamesrvAddress is the name server address.
	NamesrvAddress string `json:"namesrv_address"`
	// BrokerAddresses is the broker (data) address, as the tables name it
	// (broker_addresses). List and Get fill it from BrokerAddress when only
	// that was sent.
	BrokerAddresses string `json:"broker_addresses"`
	// BrokerAddress is the broker address under the name the reference's
	// examples use (broker_address), as received.
	BrokerAddress string `json:"broker_address,omitempty"`
	// PublicNamesrvAddress is the public name server address.
	PublicNamesrvAddress string `json:"public_namesrv_address"`
	// PublicBrokerAddress is the public broker address.
	PublicBrokerAddress string `json:"public_broker_address"`
	// Tags are the instance's tags.
	Tags []tags.Tag `json:"tags"`
	// TotalStorageSpace is the total storage space, in GB.
	TotalStorageSpace int64 `json:"total_storage_space"`
	// ResourceSpecCode is the resource flavour.
	ResourceSpecCode string `json:"resource_spec_code"`

	// Fields of the current service (not in the 2022 reference).

	// GRPCAddress is the gRPC address (5.x only).
	GRPCAddress string `json:"grpc_address"`
	// GRPCDomainName is the gRPC domain name (5.x only).
	GRPCDomainName string `json:"grpc_domain_name"`
	// PublicGRPCAddress is the public gRPC address (5.x only).
	PublicGRPCAddress string `json:"public_grpc_address"`
	// PublicGRPCDomainName is the public gRPC domain name (5.x only).
	PublicGRPCDomainName string `json:"public_grpc_domain_name"`
	// NamesrvDomainName is the name server's domain name.
	NamesrvDomainName string `json:"namesrv_domain_name"`
	// PublicNamesrvDomainName is the name server's public domain name.
	PublicNamesrvDomainName string `json:"public_namesrv_domain_name"`
	// DNSEnable says whether domain-name access is on (see EnableDNS).
	DNSEnable bool `json:"dns_enable"`
	// IPv6BrokerAddress is the IPv6 address of the message data.
	IPv6BrokerAddress string `json:"ipv6_broker_address"`
	// IPv6NamesrvAddress is the IPv6 address of the name server.
	IPv6NamesrvAddress string `json:"ipv6_namesrv_address"`
	// AvailableZoneNames are the availability zones' names.
	AvailableZoneNames []string `json:"available_zone_names"`
	// EnterpriseProjectID is the enterprise project's ID.
	EnterpriseProjectID string `json:"enterprise_project_id"`
	// TLSMode is the security protocol of the instance (see UpdateSSL).
	TLSMode string `json:"tls_mode"`
	// ArchType is the CPU architecture, "X86" or "ARM".
	ArchType string `json:"arch_type"`
	// ProducePortion is the share of the TPS for producing.
	ProducePortion int `json:"produce_portion"`
	// ConsumePortion is the share of the TPS for consuming.
	ConsumePortion int `json:"consume_portion"`
	// DREnable says whether it is a disaster-recovery instance.
	DREnable bool `json:"dr_enable"`
	// QuotaAddress is the flow-control (quota) address.
	QuotaAddress string `json:"quota_address"`
	// MaxMsgProcessTPS is the maximum message TPS.
	MaxMsgProcessTPS int64 `json:"max_msg_process_tps"`
	// ConfigSSLNeedRestartProcess says whether changing the SSL
	// configuration needs a restart.
	ConfigSSLNeedRestartProcess bool `json:"config_ssl_need_restart_process"`
	// EnableElasticTPS says whether elastic TPS is on.
	EnableElasticTPS bool `json:"enable_elastic_tps"`
	// AutoVolumeExpandEnable says whether automatic volume expansion is on
	// (Get only; see GetVolumeExpansion).
	AutoVolumeExpandEnable bool `json:"auto_volume_expand_enable"`
	// DiskEncryptedKey is the disk encryption key (List only; empty when
	// disk encryption is off).
	DiskEncryptedKey string `json:"disk_encrypted_key"`
}

// fillBrokerAddresses fills every instance's BrokerAddresses.
func (r *ListResponse) fillBrokerAddresses() {
	for i := range r.Instances {
		r.Instances[i].fillBrokerAddresses()
	}
}

// fillBrokerAddresses sets BrokerAddresses from BrokerAddress, the
// examples' name, when only that was sent.
func (i *Instance) fillBrokerAddresses() {
	if i.BrokerAddresses == "" {
		i.BrokerAddresses = i.BrokerAddress
	}
}

// CreatedTime returns CreatedAt (Unix milliseconds in a string) as a time
// in UTC; false when it is empty or not a positive number.
func (i *Instance) CreatedTime() (time.Time, bool) {
	if i == nil {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(i.CreatedAt), 10, 64)
	if err != nil || ms <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(ms).UTC(), true
}

// Features splits SupportFeatures at commas, dropping empty items. The
// list is opaque: the reference's two examples of one instance disagree
// on separators inside some names.
func (i *Instance) Features() []string {
	if i == nil {
		return nil
	}
	var out []string
	for f := range strings.SplitSeq(i.SupportFeatures, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// CrossVPC parses CrossVPCInfo with ParseCrossVPC.
func (i *Instance) CrossVPC() (map[string]CrossVPCEntry, error) {
	if i == nil {
		return map[string]CrossVPCEntry{}, nil
	}
	return ParseCrossVPC(i.CrossVPCInfo)
}

// BatchDeleteResponse is the answer of BatchDelete (table 5-17).
type BatchDeleteResponse struct {
	// Results has one entry per instance.
	Results []BatchDeleteResult `json:"results"`
}

// BatchDeleteResult is one instance's outcome (table 5-18).
type BatchDeleteResult struct {
	// Result is the outcome, e.g. "success".
	Result string `json:"result"`
	// Instance is the instance's ID.
	Instance string `json:"instance"`
}

// ListBrokersResponse is the answer of ListBrokers (table 5-20).
type ListBrokersResponse struct {
	// Brokers are the instance's brokers (all of them: ListBrokers pages
	// through the list when the service pages it).
	Brokers []Broker `json:"brokers"`
	// Total is the number of brokers.
	Total int64 `json:"total"`
}

// Broker is one broker (table 5-21).
type Broker struct {
	// IDs are the broker's node IDs.
	IDs []int64 `json:"ids"`
	// BrokerName is the broker's name, e.g. "broker-0".
	BrokerName string `json:"broker_name"`
}
