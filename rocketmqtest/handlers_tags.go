package rocketmqtest

import (
	"cmp"
	"slices"
)

// maxTags is how many tags an instance may carry: the reference's
// DMS.10240044, "A maximum of 10 tags can be created." (The SDK lets one
// call carry up to 20, the rule of table 5-132's service; the instance's
// own limit is the service's to enforce, as here.)
const maxTags = 10

// POST /v2/{project_id}/rocketmq/{instance_id}/tags/action (5.7.1):
// {"action": "create"|"delete", "tags": [{key, value}]}. Creating an
// existing key replaces its value; deleting a missing key does nothing.
func (s *Server) tagAction(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	var req struct {
		Action string    `json:"action"`
		Tags   []wireTag `json:"tags"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.Action != "create" && req.Action != "delete" {
		return failed(bad(codeTagAction, "You can only create or delete tags.", "action must be create or delete (lower case), not "+quote(req.Action)+"."))
	}
	if len(req.Tags) == 0 {
		return failed(errInvalid("tags must list at least one tag."))
	}
	if in.status == StatusDeleting {
		return failed(errStatus(in.status))
	}
	newKeys := map[string]bool{}
	for _, t := range req.Tags {
		if req.Action == "delete" {
			if e := checkTag(t.Key, ""); e != nil {
				return failed(e)
			}
			continue
		}
		if e := checkTag(t.Key, t.Value); e != nil {
			return failed(e)
		}
		if !in.hasTag(t.Key) {
			newKeys[t.Key] = true
		}
	}
	if req.Action == "create" && len(in.tags)+len(newKeys) > maxTags {
		return failed(bad(codeTooManyTags, "A maximum of 10 tags can be created."))
	}
	for _, t := range req.Tags {
		if req.Action == "create" {
			in.setTag(t.Key, t.Value)
		} else {
			in.deleteTag(t.Key, t.Value)
		}
	}
	return noContent()
}

// GET /v2/{project_id}/rocketmq/{instance_id}/tags (beyond the reference).
func (s *Server) listInstanceTags(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	out := make([]wireTag, 0, len(in.tags))
	for _, t := range in.tags {
		out = append(out, wireTag{Key: t.key, Value: t.value})
	}
	return okJSON(map[string]any{"tags": out})
}

// GET /v2/{project_id}/rocketmq/tags (beyond the reference): every distinct
// tag of the project's instances.
func (s *Server) listProjectTags(c *call) result {
	seen := map[wireTag]bool{}
	out := []wireTag{}
	for _, in := range c.project.instances {
		for _, t := range in.tags {
			w := wireTag{Key: t.key, Value: t.value}
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	slices.SortFunc(out, func(a, b wireTag) int { return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Value, b.Value)) })
	return okJSON(map[string]any{"tags": out})
}
