package rocketmqtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Migration task types (the type query parameter of 5.6.1) and the
// statuses of a task, which the emulator finishes (or fails) at once.
const (
	TaskTypeRocketMQ       = "rocketmq"
	TaskTypeRabbitToRocket = "rabbitToRocket"
	TaskStatusFinished     = "finished"
	TaskStatusFailed       = "failed"
)

const taskDateLayout = "2006-01-02 15:04:05.00"

// POST /v2/{project_id}/instances/{instance_id}/metadata?overwrite=&name=&type=
// (5.6.1). The body is the metadata document itself; the answer is the task
// ID as plain text. The emulator applies the metadata at once: a RocketMQ
// export's topicConfigTable and subscriptionGroupTable, or a RabbitMQ
// definitions export (exchanges become topics, queues consumer groups,
// bindings subscriptions). With overwrite=false an existing topic or group
// fails the task.
func (s *Server) createTask(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	ow := c.q.Get("overwrite")
	if ow != "true" && ow != "false" {
		return failed(errInvalid("overwrite is required: true or false."))
	}
	name := c.q.Get("name")
	if name == "" {
		return failed(errInvalid("name is required."))
	}
	if !reInstanceName.MatchString(name) {
		return failed(errInvalid("The task name must be 4 to 64 characters long, start with a letter, and contain only letters, digits, underscores (_), and hyphens (-)."))
	}
	typ := c.q.Get("type")
	if typ != TaskTypeRocketMQ && typ != TaskTypeRabbitToRocket {
		return failed(errInvalid("type must be rocketmq or rabbitToRocket, not " + quote(typ) + "."))
	}
	body := bytes.TrimSpace(c.body)
	if len(body) == 0 {
		return failed(errEmptyBody())
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		return failed(errBadRequestBody("The metadata must be a JSON object."))
	}
	t := &task{id: newUUID(), name: name, typ: typ, start: c.now, status: TaskStatusFinished}
	var err error
	if typ == TaskTypeRocketMQ {
		err = s.applyRocketMQMetadata(in, doc, ow == "true", c.now)
	} else {
		err = s.applyRabbitMetadata(in, doc, ow == "true", c.now)
	}
	if err != nil {
		// Like the service, the task is created and ends "failed".
		t.status = TaskStatusFailed
	}
	in.tasks = append(in.tasks, t)
	return plainText(t.id)
}

type topicPlan struct {
	name            string
	read, write     int
	perm            string
	subscribeGroups []string
}

type groupPlan struct {
	name      string
	broadcast bool
	retry     int
	fromStart bool
}

// applyPlan validates then applies topics and groups.
func (s *Server) applyPlan(in *instance, topics []topicPlan, groups []groupPlan, overwrite bool, now time.Time) error {
	for _, t := range topics {
		if e := checkResourceName("topic", t.name); e != nil {
			return e
		}
		if in.topics[t.name] != nil && !overwrite {
			return fmt.Errorf("the topic %q already exists (overwrite=false)", t.name)
		}
	}
	for _, g := range groups {
		if e := checkResourceName("group", g.name); e != nil {
			return e
		}
		if in.groups[g.name] != nil && !overwrite {
			return fmt.Errorf("the consumer group %q already exists (overwrite=false)", g.name)
		}
	}
	for _, p := range topics {
		q := min(max(p.read, p.write, 1), 50)
		t := in.topics[p.name]
		if t == nil {
			t = newTopic(p.name, p.perm, in.brokerNames(), q, now)
			in.topics[p.name] = t
		}
		t.perm = p.perm
		for _, b := range t.brokers {
			t.readQ[b], t.writeQ[b] = min(max(p.read, 1), 50), min(max(p.write, 1), 50)
			t.ensureQueues(b)
		}
	}
	for _, p := range groups {
		g := in.groups[p.name]
		if g == nil {
			g = &group{name: p.name, enabled: true, brokers: in.brokerNames(), subs: make(map[string]*subscription), created: now}
			in.groups[p.name] = g
		}
		g.broadcast, g.fromBeginning = p.broadcast, p.fromStart
		g.retryMax = min(max(p.retry, 0), 16)
	}
	for _, p := range topics {
		for _, gn := range p.subscribeGroups {
			if g := in.groups[gn]; g != nil {
				subscribeLocked(g, in.topics[p.name])
			}
		}
	}
	return nil
}

func (s *Server) applyRocketMQMetadata(in *instance, doc map[string]json.RawMessage, overwrite bool, now time.Time) error {
	var topicTable map[string]struct {
		TopicName      string `json:"topicName"`
		ReadQueueNums  int    `json:"readQueueNums"`
		WriteQueueNums int    `json:"writeQueueNums"`
		Perm           int    `json:"perm"`
	}
	var groupTable map[string]struct {
		GroupName              string `json:"groupName"`
		ConsumeBroadcastEnable bool   `json:"consumeBroadcastEnable"`
		RetryMaxTimes          int    `json:"retryMaxTimes"`
		ConsumeFromMinEnable   bool   `json:"consumeFromMinEnable"`
	}
	if raw, ok := doc["topicConfigTable"]; ok {
		if err := json.Unmarshal(raw, &topicTable); err != nil {
			return fmt.Errorf("topicConfigTable: %v", err)
		}
	}
	if raw, ok := doc["subscriptionGroupTable"]; ok {
		if err := json.Unmarshal(raw, &groupTable); err != nil {
			return fmt.Errorf("subscriptionGroupTable: %v", err)
		}
	}
	if len(topicTable) == 0 && len(groupTable) == 0 {
		return fmt.Errorf("the metadata has neither a topicConfigTable nor a subscriptionGroupTable")
	}
	var topics []topicPlan
	for _, k := range sortedKeys(topicTable) {
		t := topicTable[k]
		name := cmpOr(t.TopicName, k)
		perm := "all"
		switch t.Perm {
		case 4:
			perm = "sub"
		case 2:
			perm = "pub"
		}
		topics = append(topics, topicPlan{name: name, read: cmpOr(t.ReadQueueNums, 8), write: cmpOr(t.WriteQueueNums, 8), perm: perm})
	}
	var groups []groupPlan
	for _, k := range sortedKeys(groupTable) {
		g := groupTable[k]
		groups = append(groups, groupPlan{name: cmpOr(g.GroupName, k), broadcast: g.ConsumeBroadcastEnable, retry: cmpOr(g.RetryMaxTimes, 16), fromStart: g.ConsumeFromMinEnable})
	}
	return s.applyPlan(in, topics, groups, overwrite, now)
}

func (s *Server) applyRabbitMetadata(in *instance, doc map[string]json.RawMessage, overwrite bool, now time.Time) error {
	var exchanges []struct {
		Name string `json:"name"`
	}
	var queues []struct {
		Name string `json:"name"`
	}
	var bindings []struct {
		Source          string `json:"source"`
		Destination     string `json:"destination"`
		DestinationType string `json:"destination_type"`
	}
	for key, v := range map[string]any{"exchanges": &exchanges, "queues": &queues, "bindings": &bindings} {
		if raw, ok := doc[key]; ok {
			if err := json.Unmarshal(raw, v); err != nil {
				return fmt.Errorf("%s: %v", key, err)
			}
		}
	}
	var topics []topicPlan
	idx := map[string]int{}
	for _, x := range exchanges {
		if x.Name == "" || strings.HasPrefix(x.Name, "amq.") {
			continue
		}
		if _, dup := idx[x.Name]; dup {
			continue
		}
		idx[x.Name] = len(topics)
		topics = append(topics, topicPlan{name: x.Name, read: 8, write: 8, perm: "all"})
	}
	var groups []groupPlan
	seen := map[string]bool{}
	for _, q := range queues {
		if q.Name != "" && !seen[q.Name] {
			seen[q.Name] = true
			groups = append(groups, groupPlan{name: q.Name, retry: 16})
		}
	}
	for _, b := range bindings {
		if i, ok := idx[b.Source]; ok && (b.DestinationType == "" || b.DestinationType == "queue") && seen[b.Destination] {
			topics[i].subscribeGroups = append(topics[i].subscribeGroups, b.Destination)
		}
	}
	if len(topics) == 0 && len(groups) == 0 {
		return fmt.Errorf("the definitions have no exchanges or queues to migrate")
	}
	return s.applyPlan(in, topics, groups, overwrite, now)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cmpOr[T comparable](v, d T) T {
	var zero T
	if v == zero {
		return d
	}
	return v
}

type wireTask struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	StartDate string `json:"start_date"`
	Status    string `json:"status"`
	Type      string `json:"type"`
}

func (t *task) wire() wireTask {
	return wireTask{ID: t.id, Name: t.name, StartDate: t.start.Format(taskDateLayout), Status: t.status, Type: t.typ}
}

// GET /v2/{project_id}/instances/{instance_id}/metadata (5.6.2): every task
// ({total, task}), filtered by type and name, paged with offset as a
// 1-based page number; with ?id= the one task, in the same shape.
func (s *Server) listTasks(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	if id := c.query("id"); id != "" {
		i := slices.IndexFunc(in.tasks, func(t *task) bool { return t.id == id })
		if i < 0 {
			return failed(errTaskNotFound(id))
		}
		return okJSON(map[string]any{"total": 1, "task": []wireTask{in.tasks[i].wire()}})
	}
	typ, name := c.q.Get("type"), c.q.Get("name")
	var all []*task
	for i := len(in.tasks) - 1; i >= 0; i-- { // newest first
		t := in.tasks[i]
		if (typ == TaskTypeRocketMQ || typ == TaskTypeRabbitToRocket) && t.typ != typ {
			continue
		}
		if name != "" && !containsFold(t.name, name) {
			continue
		}
		all = append(all, t)
	}
	limit, page := defaultLimit, 1
	if v := c.query("limit"); v != "" || c.hasQuery("limit") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return failed(bad(codeBadLimit, "The number of records on each page for pagination query exceeds the upper limit.", "limit must be an integer from 1 to 50, not "+quote(v)+"."))
		}
		limit = n
	}
	if v := c.query("offset"); v != "" || c.hasQuery("offset") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return failed(bad(codeBadOffset, "The number of skipped records for pagination query exceeds the upper limit.", "offset is a page number from 1, not "+quote(v)+"."))
		}
		page = max(n, 1)
	}
	if len(all) > 0 && (page-1)*limit >= len(all) {
		return failed(bad(codeOffsetInvalid, "Offset parameter is invalid.", "page "+strconv.Itoa(page)+" of "+strconv.Itoa(limit)+" tasks is beyond the total of "+strconv.Itoa(len(all))+"."))
	}
	lo, hi, e := window(len(all), limit, (page-1)*limit)
	if e != nil {
		return failed(e)
	}
	out := make([]wireTask, 0, hi-lo)
	for _, t := range all[lo:hi] {
		out = append(out, t.wire())
	}
	return okJSON(map[string]any{"total": len(all), "task": out})
}

// DELETE /v2/{project_id}/instances/{instance_id}/metadata (5.6.3): body
// {"taskIds": […]}; 200 with no body.
func (s *Server) deleteTasks(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		TaskIDs []string `json:"taskIds"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.TaskIDs) == 0 {
		return failed(errInvalid("taskIds must list the tasks to delete."))
	}
	for _, id := range req.TaskIDs {
		if !slices.ContainsFunc(in.tasks, func(t *task) bool { return t.id == id }) {
			return failed(errTaskNotFound(id))
		}
	}
	in.tasks = slices.DeleteFunc(in.tasks, func(t *task) bool { return slices.Contains(req.TaskIDs, t.id) })
	return statusOnly(200)
}

// POST /v2/{project_id}/instances/{instance_id}/metadata/batch-delete
// (BatchDeleteRocketMqMigrationTask): {"task_ids": [...]} deletes the
// tasks that exist and lists them in success_task_list (IDs of no task are
// left out, not refused).
func (s *Server) batchDeleteTasks(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		TaskIDs []string `json:"task_ids"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.TaskIDs) == 0 {
		return failed(errInvalid("task_ids must list the tasks to delete."))
	}
	done := []string{}
	for _, id := range req.TaskIDs {
		if slices.ContainsFunc(in.tasks, func(t *task) bool { return t.id == id }) && !slices.Contains(done, id) {
			done = append(done, id)
		}
	}
	in.tasks = slices.DeleteFunc(in.tasks, func(t *task) bool { return slices.Contains(done, t.id) })
	return okJSON(map[string]any{"success_task_list": done})
}
