package rocketmqtest

import (
	"cmp"
	"slices"
	"time"
)

type wireRecycled struct {
	InstanceID     string  `json:"instance_id"`
	Status         string  `json:"status"`
	Name           string  `json:"name"`
	Engine         string  `json:"engine"`
	InRecycleTime  int64   `json:"in_recycle_time"`
	SaveTime       int     `json:"save_time"`
	AutoDeleteTime int64   `json:"auto_delete_time"`
	CostPerHour    float64 `json:"cost_per_hour"`
	ErrorMessage   string  `json:"error_message"`
	ProductID      string  `json:"product_id"`
}

// recycleDoc is ShowRecycleInstancesResponse (and ModifyRecyclePolicy's):
// times in Unix milliseconds, save_time in days.
func (s *Server) recycleDoc(p *project) map[string]any {
	x := p.ext()
	list := make([]*recycled, 0, len(x.bin))
	for _, r := range x.bin {
		list = append(list, r)
	}
	slices.SortFunc(list, func(a, b *recycled) int { return cmp.Compare(b.at.UnixNano(), a.at.UnixNano()) })
	out := make([]wireRecycled, 0, len(list))
	for _, r := range list {
		out = append(out, wireRecycled{
			InstanceID: r.in.id, Status: r.in.status, Name: r.in.name, Engine: r.in.engine,
			InRecycleTime: r.at.UnixMilli(), SaveTime: r.saveDays,
			AutoDeleteTime: r.at.Add(time.Duration(r.saveDays) * 24 * time.Hour).UnixMilli(),
			ProductID:      r.in.productID,
		})
	}
	return map[string]any{"retention_days": x.recycleDays, "default_use_recycle": x.useRecycle, "recycle_instances": out}
}

// GET /v2/{project_id}/recycle.
func (s *Server) showRecycle(c *call) result { return okJSON(s.recycleDoc(c.project)) }

// PUT /v2/{project_id}/recycle {retention_days, default_use_recycle}: the
// answer repeats the policy and lists the recycled instances. Instances
// already in the bin keep the retention they entered with.
func (s *Server) updateRecyclePolicy(c *call) result {
	var req struct {
		RetentionDays *int  `json:"retention_days"`
		UseRecycle    *bool `json:"default_use_recycle"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	x := c.project.ext()
	if req.RetentionDays != nil && (*req.RetentionDays < 1 || *req.RetentionDays > 7) {
		return failed(errInvalid("retention_days must be from 1 to 7."))
	}
	if req.RetentionDays != nil {
		x.recycleDays = *req.RetentionDays
	}
	if req.UseRecycle != nil {
		x.useRecycle = *req.UseRecycle
	}
	return okJSON(s.recycleDoc(c.project))
}

// POST /v2/{project_id}/recycle {"instances":[…]}: each instance found in
// the bin comes back (RESTARTING, then RUNNING when its restore task
// ends) with a job_id; others get an error_msg.
func (s *Server) restoreRecycled(c *call) result {
	var req struct {
		Instances []string `json:"instances"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.Instances) == 0 {
		return failed(bad(codeNoInstances, "The instances parameter in the request is empty."))
	}
	type wireResult struct {
		InstanceID string `json:"instance_id"`
		JobID      string `json:"job_id,omitempty"`
		ErrorMsg   string `json:"error_msg,omitempty"`
	}
	x := c.project.ext()
	out := make([]wireResult, 0, len(req.Instances))
	for _, id := range req.Instances {
		r := x.bin[id]
		switch {
		case r == nil:
			out = append(out, wireResult{InstanceID: id, ErrorMsg: "The instance is not in the recycle bin."})
			continue
		case c.project.instanceByName(r.in.name) != nil:
			out = append(out, wireResult{InstanceID: id, ErrorMsg: "An instance named " + quote(r.in.name) + " exists; rename it first."})
			continue
		}
		delete(x.bin, id)
		in := r.in
		in.status = StatusRestarting
		c.project.instances[id] = in
		t := s.startTaskLocked(in, "restoreInstance", `{"instance_id":`+quote(id)+`}`, []string{"restoreResources", "startBrokers"}, c.now,
			func(in *instance, _ time.Time) {
				if in.status == StatusRestarting {
					in.status = StatusRunning
				}
			})
		out = append(out, wireResult{InstanceID: id, JobID: t.id})
	}
	return okJSON(map[string]any{"results": out})
}
