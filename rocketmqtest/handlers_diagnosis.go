package rocketmqtest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultDiagnosisDelay is how long a diagnosis report stays diagnosing
// before it is finished (WithDiagnosisDelay).
const DefaultDiagnosisDelay = 50 * time.Millisecond

// diagnosisLagThreshold is the accumulation (unconsumed messages) from
// which a diagnosis counts the group's, or a node's, lag as an abnormal
// item.
const diagnosisLagThreshold = 1000

// diagReport is a diagnosis report: the group's state when the diagnosis
// was created, shown once it is finished.
type diagReport struct {
	id, group   string
	created     time.Time
	readyAt     time.Time
	deleted     bool
	failed      bool // the group was offline
	consumers   int
	online      bool
	consistent  bool
	dupClientID bool
	diffType    bool
	lag         int64
	subs        []wireDiagSub
	nodes       []*diagNode
	abnormal    int
	faulted     int
}

type diagNode struct {
	id          string
	faulted     bool
	abnormal    int
	lag         int64
	deadLock    bool
	thread      string
	stackID     string
	stack       string
	pop         bool
	consumeType string
}

func (r *diagReport) status(now time.Time) string {
	switch {
	case r.deleted:
		return "deleted"
	case now.Before(r.readyAt):
		return "diagnosing"
	case r.failed:
		return "failed"
	}
	return "finished"
}

// diagnosisOr serves the project-wide report and stack paths
// (/v2/{engine}/{project_id}/diagnosis/…) with d, which they cannot share
// with the main mux (their patterns would conflict), and the rest with
// next.
func (s *Server) diagnosisOr(d *http.ServeMux, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		segs := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
		if len(segs) >= 5 && segs[0] == "v2" && segs[3] == "diagnosis" {
			d.ServeHTTP(w, r)
			return
		}
		next(w, r)
	}
}

// buildReport diagnoses g (restricted to the nodes, client IDs, when
// given).
func buildReport(in *instance, g *group, nodes []string, now time.Time, delay time.Duration) (*diagReport, *apiError) {
	clients := g.clients
	if len(nodes) > 0 {
		clients = nil
		for _, n := range nodes {
			i := slices.IndexFunc(g.clients, func(c *consumerClient) bool { return c.id == n })
			if i < 0 {
				return nil, errInvalid("node_id_list: " + quote(n) + " is no client of the consumer group " + quote(g.name) + ".")
			}
			clients = append(clients, g.clients[i])
		}
	}
	r := &diagReport{
		id: newUUID(), group: g.name, created: now, readyAt: now.Add(delay),
		consumers: len(clients), online: g.online(), consistent: g.consistent(),
		subs: []wireDiagSub{},
	}
	r.failed = !r.online
	for _, t := range in.sortedTopics() {
		sub := g.subs[t.name]
		if sub == nil {
			continue
		}
		for _, q := range t.readQueues() {
			r.lag += max(q.maxOffset()-sub.offsets[qkey{q.broker, q.id}], 0)
		}
		ws := wireDiagSub{TopicName: t.name, ConsumersInTags: []wireTagConsumers{}}
		for _, c := range clients {
			for _, cs := range c.subs {
				if cs.Topic != t.name {
					continue
				}
				i := slices.IndexFunc(ws.ConsumersInTags, func(tc wireTagConsumers) bool { return tc.TagName == cs.Expression })
				if i < 0 {
					ws.ConsumersInTags = append(ws.ConsumersInTags, wireTagConsumers{TagName: cs.Expression, Consumers: []string{}})
					i = len(ws.ConsumersInTags) - 1
				}
				ws.ConsumersInTags[i].Consumers = append(ws.ConsumersInTags[i].Consumers, c.id)
			}
		}
		r.subs = append(r.subs, ws)
	}
	seen := map[string]bool{}
	for i, c := range clients {
		if seen[c.id] {
			r.dupClientID = true
		}
		seen[c.id] = true
		if c.consumeType != clients[0].consumeType {
			r.diffType = true
		}
		n := &diagNode{id: c.id, pop: c.consumeType == ConsumePop, consumeType: c.consumeType, deadLock: c.deadLock}
		n.lag = r.lag / int64(len(clients))
		if int64(i) < r.lag%int64(len(clients)) {
			n.lag++
		}
		if n.deadLock {
			h := fnv64(r.id + "/" + c.id)
			n.thread = "ConsumeMessageThread_" + strconv.Itoa(1+int(h%20))
			n.stackID = newUUID()
			n.stack = fmt.Sprintf("\"%s\" #%d prio=5 os_prio=0 tid=0x%012x nid=0x%x waiting for monitor entry\n"+
				"   java.lang.Thread.State: BLOCKED (on object monitor)\n"+
				"\tat org.apache.rocketmq.client.impl.consumer.ConsumeMessageConcurrentlyService$ConsumeRequest.run(ConsumeMessageConcurrentlyService.java:411)\n"+
				"\t- waiting to lock <0x%012x> (a java.lang.Object)\n"+
				"\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1149)\n",
				n.thread, 30+h%50, h&0xffffffffffff, h%0xffff, (h>>8)&0xffffffffffff)
			n.abnormal++
		}
		if n.lag >= diagnosisLagThreshold {
			n.abnormal++
		}
		n.faulted = n.abnormal > 0
		if n.faulted {
			r.faulted++
		}
		r.abnormal += n.abnormal
		r.nodes = append(r.nodes, n)
	}
	for _, bad := range []bool{!r.online, !r.consistent, r.dupClientID, r.diffType, r.lag >= diagnosisLagThreshold} {
		if bad {
			r.abnormal++
		}
	}
	return r, nil
}

type wireDiagSub struct {
	TopicName       string             `json:"topic_name"`
	ConsumersInTags []wireTagConsumers `json:"consumers_in_tags"`
}

type wireTagConsumers struct {
	Consumers []string `json:"consumers"`
	TagName   string   `json:"tag_name"`
}

// wireReportSummary is a list item (DiagnosisReportResp): created_at is a
// string of Unix milliseconds, as its definition has it.
type wireReportSummary struct {
	ReportID        string `json:"report_id"`
	GroupName       string `json:"group_name"`
	ConsumerNums    int    `json:"consumer_nums"`
	Status          string `json:"status"`
	CreatedAt       string `json:"created_at"`
	AbnormalItemSum int    `json:"abnormal_item_sum"`
	FaultedNodeSum  int    `json:"faulted_node_sum"`
}

type wireNodeReport struct {
	NodeID              string `json:"node_id"`
	IsFaulted           bool   `json:"is_faulted"`
	AbnormalItemSum     int    `json:"abnormal_item_sum"`
	MessageAccumulation int64  `json:"message_accumulation"`
	DeadLock            bool   `json:"dead_lock"`
	DeadlockThread      string `json:"deadlock_thread"`
	StackID             string `json:"stack_id"`
	IsPop               bool   `json:"is_pop"`
	ConsumeType         string `json:"consume_type"`
}

// wireReport is ShowDiagnosisReport's answer: created_at is a number.
type wireReport struct {
	ReportID                string           `json:"report_id"`
	GroupName               string           `json:"group_name"`
	ConsumerNums            int              `json:"consumer_nums"`
	Status                  string           `json:"status"`
	CreatedAt               int64            `json:"created_at"`
	AbnormalItemSum         int              `json:"abnormal_item_sum"`
	FaultedNodeSum          int              `json:"faulted_node_sum"`
	Online                  bool             `json:"online"`
	MessageAccumulation     int64            `json:"message_accumulation"`
	SubscriptionConsistency bool             `json:"subscription_consistency"`
	DuplicateClientID       bool             `json:"duplicate_client_id"`
	DifferentConsumerType   bool             `json:"different_consumer_type"`
	Subscriptions           []wireDiagSub    `json:"subscriptions"`
	Nodes                   []wireNodeReport `json:"diagnosis_node_report_list"`
}

// finished reports whether the report's findings are shown (finished or
// deleted after it was done).
func (r *diagReport) done(now time.Time) bool { return !now.Before(r.readyAt) }

func (r *diagReport) summary(now time.Time) wireReportSummary {
	w := wireReportSummary{
		ReportID: r.id, GroupName: r.group, ConsumerNums: r.consumers, Status: r.status(now),
		CreatedAt: strconv.FormatInt(r.created.UnixMilli(), 10),
	}
	if r.done(now) {
		w.AbnormalItemSum, w.FaultedNodeSum = r.abnormal, r.faulted
	}
	return w
}

func (r *diagReport) wire(now time.Time) wireReport {
	w := wireReport{
		ReportID: r.id, GroupName: r.group, ConsumerNums: r.consumers, Status: r.status(now),
		CreatedAt: r.created.UnixMilli(), Subscriptions: []wireDiagSub{}, Nodes: []wireNodeReport{},
	}
	if !r.done(now) || r.failed {
		return w
	}
	w.AbnormalItemSum, w.FaultedNodeSum = r.abnormal, r.faulted
	w.Online, w.MessageAccumulation, w.SubscriptionConsistency = r.online, r.lag, r.consistent
	w.DuplicateClientID, w.DifferentConsumerType = r.dupClientID, r.diffType
	w.Subscriptions = r.subs
	for _, n := range r.nodes {
		w.Nodes = append(w.Nodes, wireNodeReport{
			NodeID: n.id, IsFaulted: n.faulted, AbnormalItemSum: n.abnormal, MessageAccumulation: n.lag,
			DeadLock: n.deadLock, DeadlockThread: n.thread, StackID: n.stackID, IsPop: n.pop, ConsumeType: n.consumeType,
		})
	}
	return w
}

func errReportNotFound(what, id string) *apiError {
	return &apiError{status: http.StatusNotFound, code: codeInvalidParam, msg: "Invalid request parameter. The diagnosis " + what + " " + quote(id) + " does not exist."}
}

// Diagnose starts a diagnosis of a consumer group directly (as
// POST …/diagnosis does) and returns the report's ID. It is diagnosing
// for the server's diagnosis delay (WithDiagnosisDelay), then finished —
// or failed when the group is offline.
func (s *Server) Diagnose(instanceID, groupName string) (string, error) {
	var id string
	err := s.withInstance(instanceID, func(in *instance, now time.Time) error {
		g := in.groups[groupName]
		if g == nil {
			return errGroupNotFound(groupName)
		}
		r, e := buildReport(in, g, nil, now, s.cfg.diagnosisDelay)
		if e != nil {
			return e
		}
		in.diag = append(in.diag, r)
		id = r.id
		return nil
	})
	return id, err
}

// POST /v2/{engine}/{project_id}/instances/{instance_id}/diagnosis
// (CreateDiagnosisTask): {group_name, node_id_list} → {report_id}. The
// report is built from the group's state now — its lag, its clients
// (node_id_list names client IDs), whether their subscriptions agree, the
// clients' deadlocks — and is diagnosing for the server's diagnosis delay,
// then finished (failed when the group is offline).
func (s *Server) createDiagnosis(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		GroupName string   `json:"group_name"`
		NodeIDs   []string `json:"node_id_list"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if req.GroupName == "" {
		return failed(errInvalid("group_name is required."))
	}
	g := in.groups[req.GroupName]
	if g == nil {
		return failed(errGroupNotFound(req.GroupName))
	}
	r, e := buildReport(in, g, req.NodeIDs, c.now, c.s.cfg.diagnosisDelay)
	if e != nil {
		return failed(e)
	}
	in.diag = append(in.diag, r)
	return okJSON(map[string]string{"report_id": r.id})
}

// GET /v2/{engine}/{project_id}/instances/{instance_id}/diagnosis
// (ListDiagnosisReports): the instance's reports, newest first, without
// the deleted ones; limit 1–50 (default 10), offset; total in total_num.
func (s *Server) listDiagnoses(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var all []*diagReport
	for _, r := range slices.Backward(in.diag) {
		if !r.deleted {
			all = append(all, r)
		}
	}
	page, _, _, e := paged(c, all)
	if e != nil {
		return failed(e)
	}
	out := make([]wireReportSummary, 0, len(page))
	for _, r := range page {
		out = append(out, r.summary(c.now))
	}
	return okJSON(map[string]any{"diagnosis_report_list": out, "total_num": len(all)})
}

// report finds a report of the project by ID.
func (c *call) report(id string) *diagReport {
	for _, in := range c.project.sortedInstances() {
		for _, r := range in.diag {
			if r.id == id {
				return r
			}
		}
	}
	return nil
}

// GET /v2/{engine}/{project_id}/diagnosis/{report_id}
// (ShowDiagnosisReport): a report of the project (any instance). A
// deleted report answers with status deleted; an unknown ID is a 404.
func (s *Server) getDiagnosis(c *call) result {
	id := c.pathValue("report_id")
	r := c.report(id)
	if r == nil {
		return failed(errReportNotFound("report", id))
	}
	return okJSON(r.wire(c.now))
}

// GET /v2/{engine}/{project_id}/diagnosis/stack/{stack_id}
// (ShowDiagnosisStack): the stack of a deadlocked thread a finished
// report names.
func (s *Server) getDiagnosisStack(c *call) result {
	id := c.pathValue("stack_id")
	for _, in := range c.project.sortedInstances() {
		for _, r := range in.diag {
			if !r.done(c.now) || r.deleted {
				continue
			}
			for _, n := range r.nodes {
				if n.stackID == id && n.stackID != "" {
					return okJSON(map[string]string{"thread_name": n.thread, "stack": n.stack})
				}
			}
		}
	}
	return failed(errReportNotFound("stack", id))
}

// POST /v2/{project_id}/{engine}/instances/{instance_id}/diagnosis/batch-delete
// (BatchDeleteDiagnosisRecords): {report_id_list} deletes the instance's
// reports (they are no longer listed; Get answers them as deleted) and
// answers the IDs deleted (IDs of no report of the instance are left
// out).
func (s *Server) batchDeleteDiagnoses(c *call) result {
	in, e := c.running()
	if e != nil {
		return failed(e)
	}
	var req struct {
		ReportIDs []string `json:"report_id_list"`
	}
	if e := c.decode(&req, false); e != nil {
		return failed(e)
	}
	if len(req.ReportIDs) == 0 {
		return failed(errInvalid("report_id_list must list the reports to delete."))
	}
	done := []string{}
	for _, id := range req.ReportIDs {
		for _, r := range in.diag {
			if r.id == id && !r.deleted {
				r.deleted = true
				done = append(done, id)
			}
		}
	}
	return okJSON(map[string]any{"report_id_list": done})
}
