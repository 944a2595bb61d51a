package rocketmqtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Flavour is one product of the emulator's static catalogue
// (GET /v2/{engine}/products): a 4.8.0 c6.* flavour or a 5.x rocketmq.b*/p*
// one, with the limits that instance creation and resizing check.
type Flavour struct {
	// ProductID is the product_id instances are created with.
	ProductID string
	// Type is the product type: cluster or single (4.8.0),
	// single.basic, cluster.basic, single.professional or
	// cluster.professional (5.x).
	Type string
	// EngineVersion is 4.8.0 or 5.x.
	EngineVersion string
	// MinBrokers and MaxBrokers bound broker_num (4.8.0); on 5.x both are
	// the flavour's fixed broker count.
	MinBrokers, MaxBrokers int
	// MinStoragePerNode and MaxStoragePerNode bound storage_space (GB)
	// per broker: an instance has from MinStoragePerNode × brokers to
	// MaxStoragePerNode × brokers.
	MinStoragePerNode, MaxStoragePerNode int
	// MaxTopicsPerBroker bounds topics and consumer groups per broker.
	MaxTopicsPerBroker int
	// TPS is the flavour's maximum TPS (5.x: rcu × max_tps_per_rcu).
	TPS int
	// Cores is the number of billed cores per broker.
	Cores int
	// ECSFlavorID is the VM flavour behind it.
	ECSFlavorID string
	rank        int
}

// is5x reports whether the flavour belongs to RocketMQ 5.x.
func (f *Flavour) is5x() bool { return f.EngineVersion != "4.8.0" }

// catalogue is the static product catalogue, in listing order.
var catalogue = func() []*Flavour {
	var out []*Flavour
	c6 := func(id, ecs string, minStore, maxStore, maxBroker, topics, cores int) {
		out = append(out, &Flavour{ProductID: id, Type: "cluster", EngineVersion: "4.8.0", MinBrokers: 1, MaxBrokers: maxBroker,
			MinStoragePerNode: minStore, MaxStoragePerNode: maxStore, MaxTopicsPerBroker: topics, Cores: cores, ECSFlavorID: ecs,
			TPS: topics * 5, rank: len(out)})
	}
	c6("c6.4u8g.cluster.small", "c6.xlarge.2", 300, 10000, 2, 2000, 4)
	c6("c6.4u8g.cluster", "c6.xlarge.2", 300, 30000, 10, 4000, 4)
	c6("c6.8u16g.cluster", "c6.2xlarge.2", 300, 30000, 10, 8000, 8)
	c6("c6.12u24g.cluster", "c6.3xlarge.2", 400, 30000, 10, 12000, 12)
	c6("c6.16u32g.cluster", "c6.4xlarge.2", 500, 30000, 10, 16000, 16)
	v5 := func(id, typ string, tps, brokers, minStore, maxStore int) {
		out = append(out, &Flavour{ProductID: id, Type: typ, EngineVersion: "5.x", MinBrokers: brokers, MaxBrokers: brokers,
			MinStoragePerNode: minStore, MaxStoragePerNode: maxStore, MaxTopicsPerBroker: max(tps/4, 50), TPS: tps,
			Cores: max(tps/500, 1), ECSFlavorID: "c7.xlarge.4", rank: len(out)})
	}
	v5("rocketmq.b1.large.1", "single.basic", 500, 1, 100, 3000)
	v5("rocketmq.b2.large.4", "cluster.basic", 2000, 1, 200, 10000)
	v5("rocketmq.b2.large.8", "cluster.basic", 4000, 2, 200, 10000)
	v5("rocketmq.b2.large.12", "cluster.basic", 6000, 3, 200, 10000)
	v5("rocketmq.p1.large.1", "single.professional", 500, 1, 100, 3000)
	for _, p := range []struct{ n, tps, brokers int }{
		{8, 4000, 1}, {12, 6000, 2}, {20, 10000, 2}, {40, 20000, 4},
		{100, 50000, 10}, {150, 75000, 15}, {200, 100000, 20}, {300, 150000, 30},
	} {
		v5("rocketmq.p2.large."+strconv.Itoa(p.n), "cluster.professional", p.tps, p.brokers, 300, 30000)
	}
	return out
}()

// Catalogue returns the emulator's static product catalogue (a copy), in
// the order GET /v2/{engine}/products lists it.
func Catalogue() []Flavour {
	out := make([]Flavour, len(catalogue))
	for i, f := range catalogue {
		out[i] = *f
	}
	return out
}

// flavour returns the catalogue entry of a product ID, or nil.
func flavour(id string) *Flavour {
	for _, f := range catalogue {
		if f.ProductID == id {
			return f
		}
	}
	return nil
}

// productIDs lists the product IDs of one engine version.
func productIDs(version string) string {
	var ids []string
	for _, f := range catalogue {
		if f.is5x() == (version != "4.8.0") {
			ids = append(ids, f.ProductID)
		}
	}
	return strings.Join(ids, ", ")
}

// checkFlavour applies the catalogue to an instance being created: the
// product must exist and match the engine version; broker_num and
// storage_space must be within the flavour's limits. On 5.x the broker
// count is the flavour's (*brokers is set to it).
func checkFlavour(version, productID string, brokers *int, storage int) (*Flavour, *apiError) {
	f := flavour(productID)
	if f == nil {
		return nil, bad(codeBadProductID, "Invalid product_id.", "Use a product of GET /v2/{engine}/products: "+productIDs(version)+".")
	}
	if f.is5x() != (version != "4.8.0") {
		return nil, bad(codeEngineProduct, "Engine does not match the product id.", fmt.Sprintf("%s is a %s flavour; engine_version %s takes %s.", f.ProductID, f.EngineVersion, version, productIDs(version)))
	}
	if f.is5x() {
		*brokers = f.MinBrokers
	}
	if *brokers < f.MinBrokers || *brokers > f.MaxBrokers {
		return nil, errInvalid(fmt.Sprintf("broker_num must be from %d to %d for %s, not %d.", f.MinBrokers, f.MaxBrokers, f.ProductID, *brokers))
	}
	if e := f.checkStorage(storage, *brokers); e != nil {
		return nil, e
	}
	return f, nil
}

// checkStorage checks a storage size (GB) against the flavour's per-node
// limits for n brokers.
func (f *Flavour) checkStorage(storage, n int) *apiError {
	lo, hi := f.MinStoragePerNode*n, f.MaxStoragePerNode*n
	if storage < lo || storage > hi {
		return bad(codeBadDiskSpace, "Invalid disk space.", fmt.Sprintf("storage_space must be from %d to %d GB for %s with %d broker(s) (%d to %d per broker), not %d.",
			lo, hi, f.ProductID, n, f.MinStoragePerNode, f.MaxStoragePerNode, storage))
	}
	return nil
}

// resizeTargets lists the flavours an instance can be resized to: the
// larger flavours of its engine version and type.
func resizeTargets(in *instance) []*Flavour {
	cur := flavour(in.productID)
	var out []*Flavour
	for _, f := range catalogue {
		if cur == nil {
			if f.EngineVersion == normVersion(in.engineVersion) {
				out = append(out, f)
			}
			continue
		}
		if f.EngineVersion == cur.EngineVersion && f.Type == cur.Type && f.rank > cur.rank {
			out = append(out, f)
		}
	}
	return out
}

func normVersion(v string) string {
	if v == "4.8.0" {
		return v
	}
	return "5.x"
}

// wireProductProps is ProductEntityProperties (all strings).
type wireProductProps struct {
	MaxTopic             string `json:"max_topic"`
	BrokerNum            string `json:"broker_num"`
	Core                 string `json:"core"`
	MaxConsumer          string `json:"max_consumer"`
	RCU                  string `json:"rcu,omitempty"`
	MaxStorage           string `json:"max_storage"`
	MaxStoragePerNode    string `json:"max_storage_per_node"`
	ProductAlias         string `json:"product_alias"`
	MaxTPSPerRCU         string `json:"max_tps_per_rcu,omitempty"`
	MaxTPSPerBroker      string `json:"max_tps_per_broker"`
	StepLength           string `json:"step_length"`
	EngineVersions       string `json:"engine_versions"`
	MinStorage           string `json:"min_storage"`
	MinStoragePerNode    string `json:"min_storage_per_node"`
	MaxBroker            string `json:"max_broker"`
	MaxTopicPerBroker    string `json:"max_topic_per_broker"`
	MaxConsumerPerBroker string `json:"max_consumer_per_broker"`
	MinBroker            string `json:"min_broker"`
}

type wireIos struct {
	AvailableZones   []string `json:"available_zones"`
	UnavailableZones []string `json:"unavailable_zones"`
	IOSpec           string   `json:"io_spec"`
	Type             string   `json:"type"`
}

// wireProduct is ProductEntity of ListEngineProducts.
type wireProduct struct {
	Type                 string           `json:"type"`
	ProductID            string           `json:"product_id"`
	ECSFlavorID          string           `json:"ecs_flavor_id"`
	BillingCode          string           `json:"billing_code"`
	ArchTypes            []string         `json:"arch_types"`
	ChargingMode         []string         `json:"charging_mode"`
	Ios                  []wireIos        `json:"ios"`
	SupportFeatures      []string         `json:"support_features"`
	Properties           wireProductProps `json:"properties"`
	QingtianIncompatible bool             `json:"qingtian_incompatible"`
}

func (f *Flavour) billingCode() string {
	switch {
	case strings.HasPrefix(f.Type, "cluster.professional"):
		return "dms.rocketmq.pro.cluster.tps"
	case strings.HasPrefix(f.Type, "single.professional"):
		return "dms.rocketmq.pro.single.tps"
	}
	return "dms.platinum.c6"
}

func (f *Flavour) props() wireProductProps {
	n := strconv.Itoa
	p := wireProductProps{
		BrokerNum:            n(f.MinBrokers),
		Core:                 n(f.Cores * f.MinBrokers),
		MaxTopic:             n(f.MaxTopicsPerBroker * f.MaxBrokers),
		MaxConsumer:          n(f.MaxTopicsPerBroker * f.MaxBrokers),
		MaxStorage:           n(f.MaxStoragePerNode * f.MaxBrokers),
		MaxStoragePerNode:    n(f.MaxStoragePerNode),
		ProductAlias:         f.ProductID,
		MaxTPSPerBroker:      n(f.TPS / max(f.MinBrokers, 1)),
		StepLength:           "1",
		EngineVersions:       f.EngineVersion,
		MinStorage:           n(f.MinStoragePerNode * f.MinBrokers),
		MinStoragePerNode:    n(f.MinStoragePerNode),
		MaxBroker:            n(f.MaxBrokers),
		MaxTopicPerBroker:    n(f.MaxTopicsPerBroker),
		MaxConsumerPerBroker: n(f.MaxTopicsPerBroker),
		MinBroker:            n(f.MinBrokers),
	}
	if f.is5x() {
		p.RCU = n(f.TPS / 500)
		p.MaxTPSPerRCU = "500"
	}
	return p
}

func (s *Server) flavourIos() []wireIos {
	var zones []string
	var sold []string
	for _, az := range s.cfg.azs {
		if az.SoldOut {
			sold = append(sold, az.Code)
		} else {
			zones = append(zones, az.Code)
		}
	}
	if sold == nil {
		sold = []string{}
	}
	out := []wireIos{}
	for _, spec := range []string{"dms.physical.storage.high.v2", "dms.physical.storage.ultra.v2"} {
		out = append(out, wireIos{AvailableZones: slices.Clone(zones), UnavailableZones: slices.Clone(sold), IOSpec: spec, Type: "evs"})
	}
	return out
}

func (s *Server) wireProduct(f *Flavour) wireProduct {
	return wireProduct{
		Type:            f.Type,
		ProductID:       f.ProductID,
		ECSFlavorID:     f.ECSFlavorID,
		BillingCode:     f.billingCode(),
		ArchTypes:       []string{"X86"},
		ChargingMode:    []string{"monthly", "hourly"},
		Ios:             s.flavourIos(),
		SupportFeatures: []string{"rocketmq.acl", "message_trace_enable"},
		Properties:      f.props(),
	}
}

// wireExtendProduct is RocketMqExtendProductInfoEntity.
type wireExtendProduct struct {
	Type             string                `json:"type"`
	ProductID        string                `json:"product_id"`
	ECSFlavorID      string                `json:"ecs_flavor_id"`
	BillingCode      string                `json:"billing_code"`
	ArchTypes        []string              `json:"arch_types"`
	ChargingMode     []string              `json:"charging_mode"`
	Ios              []wireIos             `json:"ios"`
	Properties       wireExtendProps       `json:"properties"`
	AvailableZones   []string              `json:"available_zones"`
	UnavailableZones []string              `json:"unavailable_zones"`
	SupportFeatures  []wireSupportFeatures `json:"support_features"`
	Qingtian         bool                  `json:"qingtian_incompatible"`
}

// wireExtendProps is RocketMqExtendProductPropertiesEntity: not the
// properties of ListEngineProducts (no max_tps_per_broker nor
// step_length; feature and elastic_tps instead).
type wireExtendProps struct {
	MaxBroker            string `json:"max_broker,omitempty"`
	MaxTopicPerBroker    string `json:"max_topic_per_broker,omitempty"`
	MaxConsumerPerBroker string `json:"max_consumer_per_broker,omitempty"`
	MinBroker            string `json:"min_broker,omitempty"`
	EngineVersions       string `json:"engine_versions"`
	MaxStoragePerNode    string `json:"max_storage_per_node"`
	MinStoragePerNode    string `json:"min_storage_per_node"`
	ProductAlias         string `json:"product_alias"`
	Feature              string `json:"feature,omitempty"`
	MaxTopic             string `json:"max_topic,omitempty"`
	BrokerNum            string `json:"broker_num,omitempty"`
	Core                 string `json:"core,omitempty"`
	MaxConsumer          string `json:"max_consumer,omitempty"`
	RCU                  string `json:"rcu,omitempty"`
	MaxStorage           string `json:"max_storage,omitempty"`
	MinStorage           string `json:"min_storage,omitempty"`
	MaxTPSPerRCU         string `json:"max_tps_per_rcu,omitempty"`
	ElasticTPS           string `json:"elastic_tps,omitempty"`
}

// extendProps is the flavour's properties as the resize targets list
// them: the broker limits on 4.8.0, the instance-wide ones on 5.x (each
// "4.8.0 only" / "5.x only" as the definitions mark them).
func (f *Flavour) extendProps() wireExtendProps {
	p := f.props()
	out := wireExtendProps{
		EngineVersions:    p.EngineVersions,
		MaxStoragePerNode: p.MaxStoragePerNode,
		MinStoragePerNode: p.MinStoragePerNode,
		ProductAlias:      p.ProductAlias,
		MaxTPSPerRCU:      p.MaxTPSPerRCU,
	}
	if f.is5x() {
		out.Feature, out.MaxTopic, out.BrokerNum, out.Core = "", p.MaxTopic, p.BrokerNum, p.Core
		out.MaxConsumer, out.RCU, out.MaxStorage, out.MinStorage = p.MaxConsumer, p.RCU, p.MaxStorage, p.MinStorage
		out.ElasticTPS = "false"
	} else {
		out.MaxBroker, out.MaxTopicPerBroker, out.MaxConsumerPerBroker, out.MinBroker = p.MaxBroker, p.MaxTopicPerBroker, p.MaxConsumerPerBroker, p.MinBroker
	}
	return out
}

type wireSupportFeatures struct {
	Name       string            `json:"name"`
	Properties map[string]string `json:"properties"`
}

func (s *Server) wireExtendProduct(f *Flavour) wireExtendProduct {
	p := s.wireProduct(f)
	ios := p.Ios
	return wireExtendProduct{
		Type:             p.Type,
		ProductID:        p.ProductID,
		ECSFlavorID:      p.ECSFlavorID,
		BillingCode:      p.BillingCode,
		ArchTypes:        p.ArchTypes,
		ChargingMode:     p.ChargingMode,
		Ios:              ios,
		Properties:       f.extendProps(),
		AvailableZones:   ios[0].AvailableZones,
		UnavailableZones: ios[0].UnavailableZones,
		SupportFeatures: []wireSupportFeatures{
			{Name: "rocketmq.acl", Properties: map[string]string{"enable": "true"}},
		},
	}
}

// Error codes of the current service's operations (appendix 7.2).
const (
	codeEngineProduct  = "DMS.00400022"
	codeTenantQuota    = "DMS.00400035"
	codeTaskIDFormat   = "DMS.00400070"
	codeResizeRunning  = "DMS.00400108"
	codeBadConfigParam = "DMS.00400063"
	codeJobRunning     = "DMS.00400017"
)

func init() {
	// Topic and group limits per broker of every catalogue flavour.
	for _, f := range catalogue {
		products[f.ProductID] = f.MaxTopicsPerBroker
	}
}

// defaultProduct is the flavour of a seed that names none.
func defaultProduct(version string) string {
	if version == "" || version == "4.8.0" {
		return "c6.4u8g.cluster"
	}
	return "rocketmq.b2.large.4"
}

// defaultStorage is the storage of a seed that names none: 300 GB per
// broker, or the flavour's minimum when larger.
func defaultStorage(productID string, brokers int) int {
	f := flavour(productID)
	if f == nil {
		return 300 * brokers
	}
	if f.is5x() {
		brokers = f.MinBrokers
	}
	return min(max(300, f.MinStoragePerNode), f.MaxStoragePerNode) * brokers
}
