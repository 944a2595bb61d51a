package products

// ListResponse is one page of List (ListEngineProductsResponse).
type ListResponse struct {
	// Total is the number of flavours (a float in the definitions, read as
	// an integer).
	Total int64 `json:"total"`
	// NextOffset is the offset of the next page.
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the offset of the previous page.
	PreviousOffset int64 `json:"previous_offset"`
	// Engine is "rocketmq" or its alias "reliability".
	Engine string `json:"engine"`
	// Versions lists the supported engine versions.
	Versions []string `json:"versions"`
	// Products is this page of flavours.
	Products []Product `json:"products"`
}

// Product is one flavour of the catalogue (ProductEntity).
type Product struct {
	// Type is "single" or "cluster" (4.8.0), "single.basic",
	// "cluster.basic" or "cluster.professional" (5.x).
	Type string `json:"type"`
	// ProductID is the flavour that instances.CreateRequest.ProductID
	// takes, e.g. "c6.4u8g.cluster" (4.8.0) or "rocketmq.p2.large.8" (5.x).
	ProductID string `json:"product_id"`
	// ECSFlavorID is the ECS flavour ID.
	ECSFlavorID string `json:"ecs_flavor_id"`
	// BillingCode is the CBC spec code, e.g. "dms.platinum.c6".
	BillingCode string `json:"billing_code"`
	// ArchTypes lists the supported CPU architectures.
	ArchTypes []string `json:"arch_types"`
	// ChargingModes lists the billing modes.
	ChargingModes []string `json:"charging_mode"`
	// IOs lists the supported storage types.
	IOs []IO `json:"ios"`
	// SupportFeatures lists the supported features.
	SupportFeatures []string `json:"support_features"`
	// Properties holds the flavour's limits.
	Properties Properties `json:"properties"`
	// QingtianIncompatible is the definitions' qingtian_incompatible
	// ("whether it is a Qingtian instance", as their comment says despite
	// the name).
	QingtianIncompatible bool `json:"qingtian_incompatible"`
}

// IO is a storage type a flavour supports (IosEntity).
type IO struct {
	// AvailableZones lists the zones where it is available.
	AvailableZones []string `json:"available_zones"`
	// UnavailableZones lists the zones where it is not.
	UnavailableZones []string `json:"unavailable_zones"`
	// IOSpec is the storage spec code that
	// instances.CreateRequest.StorageSpecCode takes.
	IOSpec string `json:"io_spec"`
	// Type is the service providing the storage ("evs").
	Type string `json:"type"`
}

// Properties are a flavour's limits (ProductEntityProperties). The
// definitions send every one as a string; the numeric ones are read as
// numbers (0 when absent).
type Properties struct {
	// MaxTopic is the maximum number of topics.
	MaxTopic int64 `json:"max_topic"`
	// BrokerNum is the number of brokers.
	BrokerNum int64 `json:"broker_num"`
	// Core is the number of billed CPU cores of the whole instance.
	Core int64 `json:"core"`
	// MaxConsumer is the maximum number of consumers of the instance.
	MaxConsumer int64 `json:"max_consumer"`
	// RCU is the number of traffic units (RCU × MaxTPSPerRCU is the
	// flavour's maximum TPS).
	RCU int64 `json:"rcu"`
	// MaxStorage is the maximum storage space, GB.
	MaxStorage int64 `json:"max_storage"`
	// MaxStoragePerNode is the maximum storage per node (broker), GB.
	MaxStoragePerNode int64 `json:"max_storage_per_node"`
	// ProductAlias is an alias of the product ID.
	ProductAlias string `json:"product_alias"`
	// MaxTPSPerRCU is the maximum TPS of one RCU.
	MaxTPSPerRCU int64 `json:"max_tps_per_rcu"`
	// MaxTPSPerBroker is the maximum TPS of one broker.
	MaxTPSPerBroker int64 `json:"max_tps_per_broker"`
	// StepLength is the number of brokers added or removed per step.
	StepLength int64 `json:"step_length"`
	// EngineVersions is the engine version, "4.8.0" or "5.x".
	EngineVersions string `json:"engine_versions"`
	// MinStorage is the minimum storage space, GB.
	MinStorage int64 `json:"min_storage"`
	// MinStoragePerNode is the minimum storage per node (broker), GB.
	MinStoragePerNode int64 `json:"min_storage_per_node"`
	// MaxBroker is the maximum number of brokers.
	MaxBroker int64 `json:"max_broker"`
	// MaxTopicPerBroker is the maximum number of topics per broker.
	MaxTopicPerBroker int64 `json:"max_topic_per_broker"`
	// MaxConsumerPerBroker is the maximum number of consumers per broker.
	MaxConsumerPerBroker int64 `json:"max_consumer_per_broker"`
	// MinBroker is the minimum number of brokers.
	MinBroker int64 `json:"min_broker"`
}

// Cores is the answer of Cores (ShowRocketMqProductCoresResponse).
type Cores struct {
	// CoreNum is the number of cores.
	CoreNum int64 `json:"core_num"`
	// TotalExtendStorageSpace is only sent when CoresOptions.InstanceID
	// is set: the instance's current storage when BrokerNum is at most
	// its broker count, else the estimated storage with BrokerNum brokers
	// (GB).
	TotalExtendStorageSpace int64 `json:"total_extend_storage_space"`
}

// Quota types of QuotaResource.Type.
const (
	// QuotaRocketMQInstance counts RocketMQ instances.
	QuotaRocketMQInstance = "rocketmqInstance"
	// QuotaKafkaInstance counts Kafka instances.
	QuotaKafkaInstance = "kafkaInstance"
	// QuotaTags is the number of tags per instance.
	QuotaTags = "tags"
	// QuotaKafkaInstancePublic is Kafka public access (deprecated).
	QuotaKafkaInstancePublic = "kafkaInstancePublic"
)

// Quotas is the answer of Quotas (ShowQuotasResponse): the resources sit
// in the "quotas" wrapper object, as on the wire.
type Quotas struct {
	// Quotas wraps the quota list.
	Quotas QuotaSet `json:"quotas"`
}

// QuotaSet is the "quotas" object of Quotas (QuotasRespQuotas).
type QuotaSet struct {
	// Resources lists the quotas.
	Resources []QuotaResource `json:"resources"`
}

// QuotaResource is one quota (QuotaResourceEntity).
type QuotaResource struct {
	// Type is QuotaRocketMQInstance, QuotaKafkaInstance, QuotaTags or
	// QuotaKafkaInstancePublic.
	Type string `json:"type"`
	// Quota is the maximum number of instances the tenant may create (or
	// of tags per instance).
	Quota int64 `json:"quota"`
	// Used is the number of instances already created.
	Used int64 `json:"used"`
}

// Resource returns the quota of type typ (e.g. QuotaRocketMQInstance) and
// whether the answer has it; false for a nil Quotas.
func (q *Quotas) Resource(typ string) (QuotaResource, bool) {
	if q == nil {
		return QuotaResource{}, false
	}
	for _, r := range q.Quotas.Resources {
		if r.Type == typ {
			return r, true
		}
	}
	return QuotaResource{}, false
}

// FeaturesResponse is the answer of Features (ListConfigFeaturesResponse).
type FeaturesResponse struct {
	// Features lists the feature switches.
	Features []Feature `json:"features"`
	// TotalRecord is the number of features.
	TotalRecord int64 `json:"totalRecord"`
}

// Feature is one feature switch.
type Feature struct {
	// FeatureID identifies the feature.
	FeatureID string `json:"featureId"`
	// Status is 1 when the feature is on, 0 when it is off.
	Status int `json:"status"`
	// Description describes the feature.
	Description string `json:"description"`
}

// Enabled reports whether the feature is on (Status 1).
func (f Feature) Enabled() bool { return f.Status == 1 }
