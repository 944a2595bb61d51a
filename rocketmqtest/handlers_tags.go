package rocketmqtest

import (
	"slices"
	"strconv"
	"strings"
)

// maxTags is how many tags an instance may carry: the current service's
// 20. More is refused with the code the reference's appendix gives for too
// many tags, DMS.10240044 (whose message there still says 10).
const maxTags = 20

// checkTagRules is checkTag with the current service's value rule: a value
// may not hold "/" nor start or end with a space.
func checkTagRules(key, value string) *apiError {
	if e := checkTag(key, value); e != nil {
		return e
	}
	if strings.ContainsRune(value, '/') || strings.TrimSpace(value) != value {
		return bad(codeTagValueChars, "The tag value contains invalid characters.", "Allowed: letters, digits, spaces and _ . : = + - @, with no leading or trailing space.")
	}
	return nil
}

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
		if e := checkTagRules(t.Key, t.Value); e != nil {
			return failed(e)
		}
		if !in.hasTag(t.Key) {
			newKeys[t.Key] = true
		}
	}
	if req.Action == "create" && len(in.tags)+len(newKeys) > maxTags {
		return failed(bad(codeTooManyTags, "A maximum of "+strconv.Itoa(maxTags)+" tags can be created.",
			"The instance has "+strconv.Itoa(len(in.tags))+" tags; "+strconv.Itoa(len(newKeys))+" more would exceed "+strconv.Itoa(maxTags)+"."))
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

// GET /v2/{project_id}/rocketmq/{instance_id}/tags (beyond the reference):
// paged like the service (limit 1–50, default 10; offset), with total,
// next_offset and previous_offset.
func (s *Server) listInstanceTags(c *call) result {
	in, e := c.instance()
	if e != nil {
		return failed(e)
	}
	all := make([]wireTag, 0, len(in.tags))
	for _, t := range in.tags {
		all = append(all, wireTag{Key: t.key, Value: t.value})
	}
	return pagedTags(c, all)
}

// wireProjectTag is an item of the project's tags (TagMultyValueEntity).
type wireProjectTag struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// GET /v2/{project_id}/rocketmq/tags (beyond the reference): every key of
// the project's instances' tags with its distinct values (sorted), in the
// current service's {key, values} form, paged by key like the service.
func (s *Server) listProjectTags(c *call) result {
	byKey := map[string][]string{}
	for _, in := range c.project.instances {
		for _, t := range in.tags {
			if !slices.Contains(byKey[t.key], t.value) {
				byKey[t.key] = append(byKey[t.key], t.value)
			}
		}
	}
	all := make([]wireProjectTag, 0, len(byKey))
	for k, vs := range byKey {
		slices.Sort(vs)
		all = append(all, wireProjectTag{Key: k, Values: vs})
	}
	slices.SortFunc(all, func(a, b wireProjectTag) int { return strings.Compare(a.Key, b.Key) })
	return pagedTags(c, all)
}

// pagedTags answers one page of a tag list.
func pagedTags[T any](c *call, all []T) result {
	page, limit, offset, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	next, prev := nextPrev(len(all), limit, offset)
	return okJSON(map[string]any{
		"tags":            page,
		"total":           len(all),
		"next_offset":     next,
		"previous_offset": prev,
	})
}
