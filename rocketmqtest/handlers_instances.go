package rocketmqtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// wireTag is a TagEntity (5.1.2 table 5-8, 5.7.1).
type wireTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// wireInstance is ShowInstanceResp (5.1.2 table 5-7, 5.1.3 table 5-10).
// Broker addresses go out as "broker_address", the name the reference's
// examples (and the real service) use; the tables say "broker_addresses".
type wireInstance struct {
	Name                 string    `json:"name"`
	Engine               string    `json:"engine"`
	Status               string    `json:"status"`
	Description          string    `json:"description"`
	Type                 string    `json:"type"`
	Specification        string    `json:"specification"`
	EngineVersion        string    `json:"engine_version"`
	InstanceID           string    `json:"instance_id"`
	ResourceSpecCode     string    `json:"resource_spec_code"`
	ChargingMode         int       `json:"charging_mode"`
	VPCID                string    `json:"vpc_id"`
	VPCName              string    `json:"vpc_name"`
	CreatedAt            string    `json:"created_at"`
	ProductID            string    `json:"product_id"`
	SecurityGroupID      string    `json:"security_group_id"`
	SecurityGroupName    string    `json:"security_group_name"`
	SubnetID             string    `json:"subnet_id"`
	SubnetName           string    `json:"subnet_name"`
	SubnetCIDR           string    `json:"subnet_cidr"`
	AvailableZones       []string  `json:"available_zones"`
	UserID               string    `json:"user_id"`
	UserName             string    `json:"user_name"`
	MaintainBegin        string    `json:"maintain_begin"`
	MaintainEnd          string    `json:"maintain_end"`
	EnableLogCollection  bool      `json:"enable_log_collection"`
	StorageSpace         int       `json:"storage_space"`
	TotalStorageSpace    int       `json:"total_storage_space"`
	UsedStorageSpace     int       `json:"used_storage_space"`
	EnablePublicIP       bool      `json:"enable_publicip"`
	PublicIPID           string    `json:"publicip_id,omitempty"`
	PublicIPAddress      string    `json:"publicip_address,omitempty"`
	SSLEnable            bool      `json:"ssl_enable"`
	CrossVPCInfo         string    `json:"cross_vpc_info"`
	StorageResourceID    string    `json:"storage_resource_id"`
	StorageSpecCode      string    `json:"storage_spec_code"`
	ServiceType          string    `json:"service_type"`
	StorageType          string    `json:"storage_type"`
	ExtendTimes          int64     `json:"extend_times"`
	IPv6Enable           bool      `json:"ipv6_enable"`
	SupportFeatures      string    `json:"support_features"`
	DiskEncrypted        bool      `json:"disk_encrypted"`
	CESVersion           string    `json:"ces_version"`
	NodeNum              int       `json:"node_num"`
	NewSpecBillingEnable bool      `json:"new_spec_billing_enable"`
	EnableACL            bool      `json:"enable_acl"`
	BrokerNum            int       `json:"broker_num"`
	NamesrvAddress       string    `json:"namesrv_address"`
	BrokerAddress        string    `json:"broker_address"`
	PublicNamesrvAddress string    `json:"public_namesrv_address,omitempty"`
	PublicBrokerAddress  string    `json:"public_broker_address,omitempty"`
	EnterpriseProjectID  string    `json:"enterprise_project_id"`
	Tags                 []wireTag `json:"tags"`

	// Fields of the current service (DRIFT.md).
	TLSMode                string `json:"tls_mode"`
	DNSEnable              bool   `json:"dns_enable"`
	NamesrvDomainName      string `json:"namesrv_domain_name,omitempty"`
	AutoVolumeExpandEnable bool   `json:"auto_volume_expand_enable"`
	ArchType               string `json:"arch_type"`
	IPv6BrokerAddress      string `json:"ipv6_broker_address,omitempty"`
	IPv6NamesrvAddress     string `json:"ipv6_namesrv_address,omitempty"`
	GRPCAddress            string `json:"grpc_address,omitempty"`
	// DiskEncryptedKey is sent by List only (DRIFT.md: InstanceDetail).
	DiskEncryptedKey string `json:"disk_encrypted_key,omitempty"`
}

func (in *instance) wire() wireInstance {
	w := wireInstance{
		Name:                 in.name,
		Engine:               in.engine,
		Status:               in.status,
		Description:          in.description,
		Type:                 "cluster",
		Specification:        fmt.Sprintf("%s * %d broker", in.productID, in.brokerNum),
		EngineVersion:        in.engineVersion,
		InstanceID:           in.id,
		ChargingMode:         1,
		VPCID:                in.vpcID,
		VPCName:              "vpc-" + shortID(in.vpcID),
		CreatedAt:            strconv.FormatInt(in.createdAt.UnixMilli(), 10),
		ProductID:            in.productID,
		SecurityGroupID:      in.sgID,
		SecurityGroupName:    "Sys-default",
		SubnetID:             in.subnetID,
		SubnetName:           "subnet-" + shortID(in.subnetID),
		SubnetCIDR:           fmt.Sprintf("192.168.%d.0/24", in.netIndex),
		AvailableZones:       slices.Clone(in.azs),
		UserID:               in.project.id,
		MaintainBegin:        "02:00:00",
		MaintainEnd:          "06:00:00",
		StorageSpace:         in.storageSpace * 93 / 100,
		TotalStorageSpace:    in.storageSpace,
		UsedStorageSpace:     int(1 + in.bytes>>30),
		EnablePublicIP:       in.enablePublicIP,
		SSLEnable:            in.sslEnable,
		CrossVPCInfo:         in.crossVPCInfo(),
		StorageResourceID:    in.storageResourceID,
		StorageSpecCode:      in.storageSpecCode,
		ServiceType:          "advanced",
		StorageType:          "hec",
		IPv6Enable:           in.ipv6Enable,
		SupportFeatures:      supportFeatures,
		CESVersion:           "linux,v1,v2",
		NodeNum:              in.brokerNum*3 + 2,
		NewSpecBillingEnable: true,
		EnableACL:            in.enableACL,
		BrokerNum:            in.brokerNum,
		NamesrvAddress:       in.namesrvAddress(),
		BrokerAddress:        in.brokerAddress(),
		EnterpriseProjectID:  in.enterpriseProjectID,
		Tags:                 make([]wireTag, 0, len(in.tags)),
	}
	if w.AvailableZones == nil {
		w.AvailableZones = []string{}
	}
	if in.enablePublicIP {
		w.PublicIPID = in.publicIPID
		ips := make([]string, 0, in.brokerNum+2)
		for h := 10; h < 12; h++ {
			ips = append(ips, in.publicIP(h))
		}
		brokers := make([]string, in.brokerNum)
		for b := range brokers {
			ips = append(ips, in.publicIP(20+3*b))
			brokers[b] = fmt.Sprintf("%s:%d", in.publicIP(20+3*b), in.brokerPort(b)+100)
		}
		w.PublicIPAddress = strings.Join(ips, ",")
		w.PublicNamesrvAddress = in.publicIP(10) + ":8200," + in.publicIP(11) + ":8200"
		w.PublicBrokerAddress = strings.Join(brokers, ",")
	}
	for _, t := range in.tags {
		w.Tags = append(w.Tags, wireTag{Key: t.key, Value: t.value})
	}
	in.wireCurrent(&w)
	return w
}

// wireCurrent fills the fields of the current service.
func (in *instance) wireCurrent(w *wireInstance) {
	w.TLSMode = in.tlsModeOf()
	w.DNSEnable = in.x.dnsEnable
	if in.x.dnsEnable {
		w.NamesrvDomainName = in.id + ".rocketmq.dms.myhuaweicloud.com:8100"
	}
	w.AutoVolumeExpandEnable = in.volumeExpansion().enable
	w.ArchType = in.x.archType
	if w.ArchType == "" {
		w.ArchType = "X86"
	}
	w.IPv6BrokerAddress, w.IPv6NamesrvAddress = in.x.ipv6Broker, in.x.ipv6Namesrv
	if in.is5x() {
		w.GRPCAddress = in.ip(10) + ":8081," + in.ip(11) + ":8081"
	}
	w.ExtendTimes = in.x.extendTimes
	if in.x.diskEncrypted {
		w.DiskEncrypted = true
	}
	if in.x.prePaid {
		w.ChargingMode = 0
	}
}

func shortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// createInstanceRequest is table 5-2.
type createInstanceRequest struct {
	Name                string       `json:"name"`
	Description         string       `json:"description"`
	Engine              string       `json:"engine"`
	EngineVersion       string       `json:"engine_version"`
	StorageSpace        *json.Number `json:"storage_space"`
	VPCID               string       `json:"vpc_id"`
	SubnetID            string       `json:"subnet_id"`
	SecurityGroupID     string       `json:"security_group_id"`
	AvailableZones      []string     `json:"available_zones"`
	ProductID           string       `json:"product_id"`
	SSLEnable           bool         `json:"ssl_enable"`
	StorageSpecCode     string       `json:"storage_spec_code"`
	EnterpriseProjectID string       `json:"enterprise_project_id"`
	EnableACL           bool         `json:"enable_acl"`
	IPv6Enable          bool         `json:"ipv6_enable"`
	EnablePublicIP      bool         `json:"enable_publicip"`
	PublicIPID          string       `json:"publicip_id"`
	BrokerNum           *json.Number `json:"broker_num"`

	// Fields of the current create (CreateInstanceByEngine).
	TLSMode             *string   `json:"tls_mode"`
	ArchType            *string   `json:"arch_type"`
	ProxyEnable         *bool     `json:"proxy_enable"`
	DiskEncryptedEnable *bool     `json:"disk_encrypted_enable"`
	DiskEncryptedKey    *string   `json:"disk_encrypted_key"`
	IPv6BrokerAddress   *string   `json:"ipv6_broker_address"`
	IPv6NamesrvAddress  *string   `json:"ipv6_namesrv_address"`
	BssParam            *bssParam `json:"bss_param"`
}

func intOf(n *json.Number, def int) (int, bool) {
	if n == nil || *n == "" {
		return def, true
	}
	v, err := strconv.Atoi(n.String())
	return v, err == nil
}

// POST /v2/{project_id}/instances (5.1.1).
func (s *Server) createInstance(c *call) result {
	var req createInstanceRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	return s.createFromRequest(c, &req)
}

// createFromRequest creates an instance from a create request of either
// path.
func (s *Server) createFromRequest(c *call, req *createInstanceRequest) result {
	seed := InstanceSeed{
		Name:                req.Name,
		Description:         req.Description,
		Engine:              req.Engine,
		EngineVersion:       req.EngineVersion,
		VPCID:               req.VPCID,
		SubnetID:            req.SubnetID,
		SecurityGroupID:     req.SecurityGroupID,
		AvailableZones:      req.AvailableZones,
		ProductID:           req.ProductID,
		StorageSpecCode:     req.StorageSpecCode,
		EnterpriseProjectID: req.EnterpriseProjectID,
		SSLEnable:           req.SSLEnable,
		EnableACL:           req.EnableACL,
		IPv6Enable:          req.IPv6Enable,
		EnablePublicIP:      req.EnablePublicIP,
		PublicIPID:          req.PublicIPID,
	}
	if req.StorageSpace == nil {
		return failed(bad(codeBadDiskSpace, "Invalid disk space.", "storage_space is required."))
	}
	var ok bool
	if seed.StorageSpace, ok = intOf(req.StorageSpace, 0); !ok {
		return failed(bad(codeBadDiskSpace, "Invalid disk space.", "storage_space must be an integer."))
	}
	if seed.BrokerNum, ok = intOf(req.BrokerNum, 1); !ok {
		return failed(errInvalid("broker_num must be an integer."))
	}
	if req.Engine == "" {
		return failed(bad(codeUnsupportedType, "Unsupported type.", "engine is required (reliability)."))
	}
	if req.EngineVersion == "" {
		return failed(bad(codeUnsupportedVersion, "Unsupported version.", "engine_version is required (4.8.0)."))
	}
	if e := checkCurrentCreate(req); e != nil {
		return failed(e)
	}
	if s.usedInstancesLocked(c.project) >= s.cfg.instanceQuota {
		return failed(bad(codeTenantQuota, "DMS instance quota of the tenant is insufficient.", fmt.Sprintf("The project has %d instances; its quota is %d.", s.usedInstancesLocked(c.project), s.cfg.instanceQuota)))
	}
	in, e := s.createInstanceLocked(c.project, seed, c.now, true)
	if e != nil {
		return failed(e)
	}
	in.applyCurrentCreate(req)
	return okJSON(map[string]string{"instance_id": in.id})
}

// GET /v2/{project_id}/instances (5.1.2).
func (s *Server) listInstances(c *call) result {
	engine := c.q.Get("engine")
	if engine == "" {
		engine = "reliability"
	}
	name := c.q.Get("name")
	exact := c.q.Get("exact_match_name") == "true"
	id := c.q.Get("instance_id")
	status := c.q.Get("status")
	includeFailure := c.q.Get("include_failure") == "true"
	eps := c.q.Get("enterprise_project_id")
	var all []*instance
	for _, in := range c.project.sortedInstances() {
		switch {
		case in.engine != engine,
			id != "" && in.id != id,
			status != "" && !strings.EqualFold(in.status, status),
			eps != "" && in.enterpriseProjectID != eps,
			name != "" && exact && in.name != name,
			name != "" && !exact && !containsFold(in.name, name),
			in.status == StatusCreateFailed && !includeFailure && !strings.EqualFold(status, StatusCreateFailed):
			continue
		}
		all = append(all, in)
	}
	page, _, _, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireInstance, 0, len(page))
	for _, in := range page {
		w := in.wire()
		w.DiskEncryptedKey = in.x.diskKey
		out = append(out, w)
	}
	return okJSON(map[string]any{"instances": out, "instance_num": len(all)})
}

// GET /v2/{project_id}/instances/{instance_id} (5.1.3).
func (s *Server) getInstance(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	return okJSON(in.wire())
}

type updateInstanceRequest struct {
	Name            *string `json:"name"`
	Description     *string `json:"description"`
	SecurityGroupID *string `json:"security_group_id"`
	EnableACL       *bool   `json:"enable_acl"`
	EnablePublicIP  *bool   `json:"enable_publicip"`
	PublicIPID      *string `json:"publicip_id"`
}

// PUT /v2/{project_id}/instances/{instance_id} (5.1.5).
func (s *Server) updateInstance(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	var req updateInstanceRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if in.status != StatusRunning {
		return failed(errStatus(in.status))
	}
	if req.Name != nil {
		if e := checkInstanceName(*req.Name); e != nil {
			return failed(e)
		}
		if other := c.project.instanceByName(*req.Name); other != nil && other != in {
			return failed(bad(codeDuplicateInstance, "This instance name already exists."))
		}
	}
	if req.Description != nil {
		if e := checkDescription(*req.Description); e != nil {
			return failed(e)
		}
	}
	if req.SecurityGroupID != nil && strings.TrimSpace(*req.SecurityGroupID) == "" {
		return failed(bad(codeNoSecurityGroup, "security_group_id in the request is empty."))
	}
	pub, pubID := in.enablePublicIP, in.publicIPID
	if req.EnablePublicIP != nil {
		pub = *req.EnablePublicIP
	}
	if req.PublicIPID != nil {
		pubID = *req.PublicIPID
	}
	if pub && strings.TrimSpace(pubID) == "" {
		return failed(bad(codeBadPublicAccess, "Invalid public access parameters.", "publicip_id is required when enable_publicip is true."))
	}
	if req.Name != nil {
		in.name = *req.Name
	}
	if req.Description != nil {
		in.description = *req.Description
	}
	if req.SecurityGroupID != nil {
		in.sgID = *req.SecurityGroupID
	}
	if req.EnableACL != nil {
		in.enableACL = *req.EnableACL
	}
	in.enablePublicIP, in.publicIPID = pub, pubID
	if !pub {
		in.publicIPID = ""
	}
	return noContent()
}

// DELETE /v2/{project_id}/instances/{instance_id} (5.1.4).
func (s *Server) deleteInstance(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	if e := s.startDeleteLocked(in, c.now, false); e != nil {
		return failed(e)
	}
	return noContent()
}

// startDeleteLocked moves in to DELETING (or removes it when there is no
// delete delay).
// With the project's recycle policy on (and force false), the instance
// then goes to the recycle bin instead.
func (s *Server) startDeleteLocked(in *instance, now time.Time, force bool) *apiError {
	switch in.status {
	case StatusCreating, StatusRestarting:
		return bad(codeCannotDelete, "The following instances in the Creating, Starting, Stopping, or Restarting state cannot be deleted.", in.id)
	case StatusDeleting:
		return errStatus(in.status)
	}
	in.x.toRecycle = !force && in.project.x.useRecycle
	if s.cfg.deleteDelay <= 0 {
		if in.x.toRecycle {
			s.recycleLocked(in.project, in, now)
		}
		delete(in.project.instances, in.id)
		return nil
	}
	in.status = StatusDeleting
	in.goneAt = now.Add(s.cfg.deleteDelay)
	return nil
}

type batchInstancesRequest struct {
	Instances  []string `json:"instances"`
	Action     string   `json:"action"`
	AllFailure string   `json:"all_failure"`
	// ForceDelete skips the recycle bin.
	ForceDelete bool `json:"force_delete"`
}

type wireBatchResult struct {
	Result   string `json:"result"`
	Instance string `json:"instance"`
}

// POST /v2/{project_id}/instances/action (5.1.6): delete by IDs, or every
// instance whose creation failed (all_failure).
func (s *Server) batchInstances(c *call) result {
	var req batchInstancesRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.Action != "delete" {
		return failed(bad(codeBadAction, "The action parameter in the request must be delete or restart.", "This API supports delete."))
	}
	results := []wireBatchResult{}
	if req.AllFailure != "" {
		if !isEngine(req.AllFailure) {
			return failed(errInvalid("all_failure must be rocketmq (or reliability)."))
		}
		for _, in := range c.project.sortedInstances() {
			if in.status == StatusCreateFailed {
				delete(c.project.instances, in.id)
				results = append(results, wireBatchResult{Result: "success", Instance: in.id})
			}
		}
		return okJSON(map[string]any{"results": results})
	}
	if len(req.Instances) == 0 {
		return failed(bad(codeNoInstances, "The instances parameter in the request is empty."))
	}
	if len(req.Instances) > 50 {
		return failed(bad(codeTooManyInstances, "The instances array can contain a maximum of 50 instance IDs."))
	}
	seen := map[string]bool{}
	for _, id := range req.Instances {
		if seen[id] {
			return failed(bad(codeRepeatedInstanceID, "Instance id is repeated.", id))
		}
		seen[id] = true
	}
	for _, id := range req.Instances {
		in := c.project.instances[id]
		r := wireBatchResult{Result: "success", Instance: id}
		if in == nil || s.startDeleteLocked(in, c.now, req.ForceDelete) != nil {
			r.Result = "failed"
		}
		results = append(results, r)
	}
	return okJSON(map[string]any{"results": results})
}

type wireBroker struct {
	IDs        []int  `json:"ids"`
	BrokerName string `json:"broker_name"`
}

// GET /v2/{project_id}/instances/{instance_id}/brokers (5.1.7): each broker
// is a master (id 0) and two slaves.
func (s *Server) listBrokers(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	out := make([]wireBroker, 0, in.brokerNum)
	for _, b := range in.brokerNames() {
		out = append(out, wireBroker{IDs: []int{0, 1, 2}, BrokerName: b})
	}
	return pagedBrokers(c, out)
}

// GET /v2/available-zones (5.8.1). remain_time is Long.MAX_VALUE printed
// through a double, as the real service (and the reference) print it.
func (s *Server) listAZs(c *call) result {
	type wireAZ struct {
		SoldOut              bool        `json:"soldOut"`
		ID                   string      `json:"id"`
		Code                 string      `json:"code"`
		Name                 string      `json:"name"`
		Port                 string      `json:"port"`
		ResourceAvailability string      `json:"resource_availability"`
		DefaultAZ            bool        `json:"default_az"`
		RemainTime           json.Number `json:"remain_time"`
		IPv6Enable           bool        `json:"ipv6_enable"`
		Mode                 string      `json:"mode"`
		Scope                string      `json:"scope"`
	}
	out := make([]wireAZ, 0, len(s.cfg.azs))
	for _, az := range s.cfg.azs {
		out = append(out, wireAZ{
			SoldOut:              az.SoldOut,
			ID:                   az.ID,
			Code:                 az.Code,
			Name:                 az.Name,
			Port:                 az.Port,
			ResourceAvailability: strconv.FormatBool(!az.SoldOut),
			DefaultAZ:            az.Default,
			RemainTime:           "9223372036854776000",
			IPv6Enable:           az.IPv6,
			Mode:                 "center", // the emulator's zones are central ones
			Scope:                "center",
		})
	}
	return okJSON(map[string]any{"region_id": s.Region(), "available_zones": out})
}
