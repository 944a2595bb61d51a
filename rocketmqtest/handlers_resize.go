package rocketmqtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// routesCurrentService registers the operations of the current service
// beyond the 2022 reference (CURRENT-SERVICE.md): resizing, products,
// quotas, background and scheduled tasks, nodes, monitoring hierarchy,
// configuration, SSL, DNS, volume expansion and the recycle bin.
//
// Paths of the shape /v2/{project_id}/{engine}/instances/… are registered
// with each engine spelled out (rocketmq, reliability) on both muxes: on
// one mux a wildcard there would conflict with
// /v2/{project_id}/instances/{instance_id}/{collection}/{name}, and which
// mux such a path reaches depends on isEnginePath.
func (s *Server) routesCurrentService(m, e *http.ServeMux) {
	if p := s.cfg.recyclePolicy; p != nil {
		for _, pr := range s.projList {
			_ = applyRecyclePolicy(pr, *p)
		}
	}
	projectEngine := func(method, suffix string, h func(*call) result) {
		for _, eng := range []string{"rocketmq", "reliability"} {
			pattern := method + " /v2/{project_id}/" + eng + "/instances/{instance_id}/" + suffix
			s.api(m, pattern, h)
			s.api(e, pattern, h)
		}
	}

	// Instance creation with yearly/monthly billing.
	s.api(m, "POST /v2/{engine}/{project_id}/instances", s.createInstanceByEngine)

	// Resize and its pre-check.
	s.api(e, "POST /v2/{engine}/{project_id}/instances/{instance_id}/extend", s.resizeInstance)
	s.api(e, "GET /v2/{engine}/{project_id}/instances/{instance_id}/extend", s.listResizeProducts)
	s.api(m, "POST /v2/{project_id}/rocketmq/instances/{instance_id}/extend", s.resizeInstance)
	s.api(m, "GET /v2/{project_id}/rocketmq/instances/{instance_id}/extend", s.listResizeProducts)
	s.api(m, "GET /v2/{project_id}/rocketmq/instances/{instance_id}/extend-check", s.checkResize)

	// Products, cores, quotas, features.
	s.api(m, "GET /v2/{engine}/products", s.listProducts)
	s.api(m, "GET /v2/rocketmq/products/cores", s.productCores)
	s.api(m, "GET /v2/{project_id}/quotas", s.showQuotas)
	s.api(m, "GET /v2/config/features", s.listFeatures)

	// Nodes, monitoring hierarchy, configuration, SSL, DNS, volume expansion.
	projectEngine("GET", "nodes", s.listNodes)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/ces-hierarchy", s.cesHierarchy)
	s.api(m, "GET /v2/{project_id}/rocketmq/instances/{instance_id}/configs", s.listConfigs)
	s.api(m, "PUT /v2/{project_id}/rocketmq/instances/{instance_id}/configs", s.updateConfigs)
	projectEngine("POST", "plain-ssl-switch", s.switchSSL)
	s.api(m, "POST /v2/{project_id}/rocketmq/instances/{instance_id}/dns", s.enableDNS)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/auto-volume-expand", s.getVolumeExpansion)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/auto-volume-expand", s.updateVolumeExpansion)

	// Background and scheduled tasks.
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/tasks", s.listBgTasks)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}", s.getBgTask)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/tasks/{task_id}", s.deleteBgTask)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress", s.bgTaskProgress)
	s.api(m, "GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks", s.listScheduled)
	s.api(m, "PUT /v2/{project_id}/instances/{instance_id}/scheduled-tasks/{task_id}", s.updateScheduled)
	s.api(m, "DELETE /v2/{project_id}/instances/{instance_id}/scheduled-tasks/{task_id}", s.deleteScheduled)

	// Recycle bin.
	s.api(m, "GET /v2/{project_id}/recycle", s.showRecycle)
	s.api(m, "PUT /v2/{project_id}/recycle", s.updateRecyclePolicy)
	s.api(m, "POST /v2/{project_id}/recycle", s.restoreRecycled)
}

// Resize types (oper_type).
const (
	resizeStorage    = "storage"
	resizeHorizontal = "horizontal"
	resizeVertical   = "vertical"
)

type resizeRequest struct {
	OperType        string       `json:"oper_type"`
	NewStorageSpace *json.Number `json:"new_storage_space"`
	NewProductID    *string      `json:"new_product_id"`
	NewBrokerNum    *json.Number `json:"new_broker_num"`
	PublicIPID      *string      `json:"publicip_id"`
}

// resizePlan is what a resize changes when its task ends.
type resizePlan struct {
	storage, brokers int
	productID        string
}

// POST /v2/{engine}/{project_id}/instances/{instance_id}/extend: checks the
// request per engine version, answers a job_id and runs a background task
// that leaves the instance EXTENDING and changes it when it ends.
func (s *Server) resizeInstance(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	var req resizeRequest
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	plan, e := checkResizeRequest(in, &req)
	if e != nil {
		return failed(e)
	}
	if in.status == StatusExtending {
		return failed(bad(codeResizeRunning, "The Instance exists for processing scale up order. Please try again later."))
	}
	if in.status != StatusRunning {
		return failed(errStatus(in.status))
	}
	if in.x.prePaid {
		return failed(errInvalid("Only pay-per-use (postPaid) instances can be resized through the API."))
	}
	params, _ := json.Marshal(map[string]any{"oper_type": req.OperType, "new_storage_space": plan.storage, "new_broker_num": plan.brokers, "new_product_id": plan.productID})
	steps := map[string][]string{
		resizeStorage:    {"checkInstance", "extendStorage", "refreshInstance"},
		resizeHorizontal: {"checkInstance", "createBrokers", "rebalanceBrokers", "refreshInstance"},
		resizeVertical:   {"checkInstance", "changeFlavor", "restartBrokers", "refreshInstance"},
	}[req.OperType]
	if in.is5x() && req.OperType == resizeHorizontal {
		steps = []string{"checkInstance", "changeFlavor", "refreshInstance"}
	}
	in.status = StatusExtending
	t := s.startTaskLocked(in, "extendInstance", string(params), steps, c.now, func(in *instance, _ time.Time) {
		in.storageSpace, in.brokerNum, in.productID = plan.storage, plan.brokers, plan.productID
		in.x.extendTimes++
		if in.status == StatusExtending {
			in.status = StatusRunning
		}
	})
	t.fail = func(in *instance) {
		if in.status == StatusExtending {
			in.status = StatusExtendedFailed
		}
	}
	return okJSON(map[string]string{"job_id": t.id})
}

func (in *instance) is5x() bool { return in.engineVersion != "4.8.0" }

// checkResizeRequest applies the service's rules: oper_type one of three;
// storage grows every broker by at least 100 GB within the flavour's
// maximum; on 4.8.0 horizontal adds brokers (same storage per broker) and
// vertical changes the flavour; on 5.x horizontal changes the flavour to
// one ListResizeProducts offers (the broker count follows it) and vertical
// is refused.
func checkResizeRequest(in *instance, req *resizeRequest) (resizePlan, *apiError) {
	plan := resizePlan{storage: in.storageSpace, brokers: in.brokerNum, productID: in.productID}
	cur := flavour(in.productID)
	perBroker := in.storageSpace / max(in.brokerNum, 1)
	switch req.OperType {
	case resizeStorage:
		if req.NewStorageSpace == nil {
			return plan, bad(codeBadDiskSpace, "Invalid disk space.", "new_storage_space is required when oper_type is storage.")
		}
		n, ok := intOf(req.NewStorageSpace, 0)
		if !ok {
			return plan, bad(codeBadDiskSpace, "Invalid disk space.", "new_storage_space must be an integer.")
		}
		if least := in.storageSpace + 100*in.brokerNum; n < least {
			return plan, bad(codeBadDiskSpace, "Invalid disk space.", fmt.Sprintf("new_storage_space must grow each of the %d broker(s) by at least 100 GB: at least %d, not %d.", in.brokerNum, least, n))
		}
		if cur != nil {
			if e := cur.checkStorage(n, in.brokerNum); e != nil {
				return plan, e
			}
		}
		plan.storage = n
	case resizeHorizontal:
		if in.is5x() {
			f, e := resizeTarget(in, req.NewProductID, "horizontal on 5.x")
			if e != nil {
				return plan, e
			}
			plan.productID, plan.brokers = f.ProductID, f.MinBrokers
			plan.storage = perBroker * plan.brokers
			break
		}
		if req.NewBrokerNum == nil {
			return plan, errInvalid("new_broker_num is required when oper_type is horizontal.")
		}
		n, ok := intOf(req.NewBrokerNum, 0)
		if !ok {
			return plan, errInvalid("new_broker_num must be an integer.")
		}
		if n <= in.brokerNum {
			return plan, errInvalid(fmt.Sprintf("new_broker_num must be more than the current %d brokers, not %d.", in.brokerNum, n))
		}
		if cur != nil && n > cur.MaxBrokers {
			return plan, errInvalid(fmt.Sprintf("new_broker_num must be at most %d for %s, not %d.", cur.MaxBrokers, cur.ProductID, n))
		}
		if in.enablePublicIP && (req.PublicIPID == nil || *req.PublicIPID == "") {
			return plan, bad(codeBadPublicAccess, "Invalid public access parameters.", "publicip_id is required to add brokers to an instance with public access.")
		}
		plan.brokers, plan.storage = n, perBroker*n
	case resizeVertical:
		if in.is5x() {
			return plan, errInvalid("oper_type vertical is for 4.8.0 instances only; on 5.x change the flavour with oper_type horizontal.")
		}
		f, e := resizeTarget(in, req.NewProductID, "vertical")
		if e != nil {
			return plan, e
		}
		if e := f.checkStorage(in.storageSpace, in.brokerNum); e != nil {
			return plan, e
		}
		plan.productID = f.ProductID
	case "":
		return plan, errInvalid("oper_type is required: storage, horizontal or vertical.")
	default:
		return plan, errInvalid("oper_type must be storage, horizontal or vertical, not " + quote(req.OperType) + ".")
	}
	return plan, nil
}

// resizeTarget checks new_product_id against ListResizeProducts.
func resizeTarget(in *instance, id *string, what string) (*Flavour, *apiError) {
	if id == nil || *id == "" {
		return nil, errInvalid("new_product_id is required for a " + what + " resize.")
	}
	for _, f := range resizeTargets(in) {
		if f.ProductID == *id {
			return f, nil
		}
	}
	if flavour(*id) == nil {
		return nil, bad(codeBadProductID, "Invalid product_id.", quote(*id)+" is not a product of the catalogue.")
	}
	return nil, bad(codeBadProductID, "Invalid product_id.", fmt.Sprintf("%s cannot be resized to %s: GET …/extend lists the flavours it can take.", in.productID, *id))
}

// GET /v2/{engine}/{project_id}/instances/{instance_id}/extend.
func (s *Server) listResizeProducts(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	if t := c.query("type"); t != "" && t != "advanced" {
		return failed(errInvalid("type must be advanced, not " + quote(t) + "."))
	}
	targets := resizeTargets(in)
	limit, offset, e := c.page()
	if e != nil {
		return failed(e)
	}
	lo, hi := min(offset, len(targets)), min(offset+limit, len(targets))
	out := make([]wireExtendProduct, 0, hi-lo)
	for _, f := range targets[lo:hi] {
		out = append(out, s.wireExtendProduct(f))
	}
	next, prev := nextPrev(len(targets), limit, offset)
	return okJSON(map[string]any{
		"total": len(targets), "next_offset": next, "previous_offset": prev,
		"engine": in.engine, "versions": []string{normVersion(in.engineVersion)}, "products": out,
	})
}

// GET /v2/{project_id}/rocketmq/instances/{instance_id}/extend-check: one
// check item, passed for a RUNNING pay-per-use instance.
func (s *Server) checkResize(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	out := map[string]any{"name": "instance_status", "success": true, "reason": "", "risk": "low"}
	switch {
	case in.status != StatusRunning:
		out["success"], out["reason"], out["risk"] = false, "The instance is "+in.status+", not RUNNING.", "high"
	case in.x.prePaid:
		out["name"] = "charging_mode"
		out["success"], out["reason"], out["risk"] = false, "Only pay-per-use instances can be resized through the API.", "medium"
	}
	return okJSON(out)
}

func itoa(n int) string { return strconv.Itoa(n) }
