package diagnosis

// Report statuses (the definitions' values). A report is StatusDiagnosing
// until the service has finished it; StatusFinished, StatusNormal and
// StatusAbnormal are finished reports (normal and abnormal give the
// verdict), StatusFailed a diagnosis that could not run and StatusDeleted
// a report deleted by hand.
const (
	StatusDiagnosing = "diagnosing"
	StatusFinished   = "finished"
	StatusNormal     = "normal"
	StatusAbnormal   = "abnormal"
	StatusFailed     = "failed"
	StatusDeleted    = "deleted"
)

// Consumption types of NodeReport.ConsumeType (the consumer clients'
// consume_type values).
const (
	ConsumePop       = "CONSUME_POP"
	ConsumePassively = "CONSUME_PASSIVELY"
	ConsumeActively  = "CONSUME_ACTIVELY"
)

// CreateResponse is the answer of Create.
type CreateResponse struct {
	// ReportID names the report the diagnosis writes (Get, WaitForReport).
	ReportID string `json:"report_id"`
}

// ReportSummary is a report as the list shows it.
type ReportSummary struct {
	// ReportID is the report's ID.
	ReportID string `json:"report_id"`
	// GroupName is the consumer group diagnosed.
	GroupName string `json:"group_name"`
	// ConsumerNums is the number of consumers of the group.
	ConsumerNums int `json:"consumer_nums"`
	// Status is one of the Status constants.
	Status string `json:"status"`
	// CreatedAt is when the report was made, in Unix milliseconds. The
	// list's definition gives it as a string and Get's as a number: both
	// decode here, a string when it holds digits (any other string is 0).
	CreatedAt int64 `json:"created_at"`
	// AbnormalItemSum is the number of abnormal items found.
	AbnormalItemSum int `json:"abnormal_item_sum"`
	// FaultedNodeSum is the number of faulty nodes.
	FaultedNodeSum int `json:"faulted_node_sum"`
}

// ListResponse is one page of an instance's reports.
type ListResponse struct {
	// Reports are the page's reports.
	Reports []ReportSummary `json:"diagnosis_report_list"`
	// Total is the number of reports of the instance (total_num).
	Total int64 `json:"total_num"`
}

// Report is a whole diagnosis report (Get): the summary's fields and the
// findings.
type Report struct {
	ReportSummary
	// Online says whether the group is online.
	Online bool `json:"online"`
	// MessageAccumulation is the number of messages not consumed yet.
	MessageAccumulation int64 `json:"message_accumulation"`
	// SubscriptionConsistency says whether every client of the group
	// subscribes to the same topics and tags.
	SubscriptionConsistency bool `json:"subscription_consistency"`
	// DuplicateClientID says whether two clients share a client ID.
	DuplicateClientID bool `json:"duplicate_client_id"`
	// DifferentConsumerType says whether the clients consume in different
	// ways (pop, push, pull).
	DifferentConsumerType bool `json:"different_consumer_type"`
	// Subscriptions lists, per topic, which consumers take which tags.
	Subscriptions []Subscription `json:"subscriptions"`
	// Nodes are the per-node findings (diagnosis_node_report_list).
	Nodes []NodeReport `json:"diagnosis_node_report_list"`
}

// Subscription is what the group's consumers take of one topic.
type Subscription struct {
	// TopicName is the topic.
	TopicName string `json:"topic_name"`
	// ConsumersInTags lists the consumers of each tag.
	ConsumersInTags []TagConsumers `json:"consumers_in_tags"`
}

// TagConsumers are the consumers subscribed to one tag.
type TagConsumers struct {
	// TagName is the tag (or subscription expression).
	TagName string `json:"tag_name"`
	// Consumers are the client IDs.
	Consumers []string `json:"consumers"`
}

// NodeReport is the finding on one node (a consumer client).
type NodeReport struct {
	// NodeID is the node.
	NodeID string `json:"node_id"`
	// IsFaulted says whether the node is faulty.
	IsFaulted bool `json:"is_faulted"`
	// AbnormalItemSum is the number of abnormal items on the node.
	AbnormalItemSum int `json:"abnormal_item_sum"`
	// MessageAccumulation is the number of messages the node has not
	// consumed yet.
	MessageAccumulation int64 `json:"message_accumulation"`
	// DeadLock says whether a deadlocked thread was found.
	DeadLock bool `json:"dead_lock"`
	// DeadlockThread names the deadlocked thread.
	DeadlockThread string `json:"deadlock_thread"`
	// StackID names the thread's stack: pass it to GetStack.
	StackID string `json:"stack_id"`
	// IsPop says whether the node consumes by pop.
	IsPop bool `json:"is_pop"`
	// ConsumeType is ConsumePop, ConsumePassively or ConsumeActively.
	ConsumeType string `json:"consume_type"`
}

// Stack is a consumer thread's stack (GetStack).
type Stack struct {
	// ThreadName is the thread.
	ThreadName string `json:"thread_name"`
	// Stack is the client's stack trace.
	Stack string `json:"stack"`
}

// BatchDeleteResponse is the answer of BatchDelete.
type BatchDeleteResponse struct {
	// ReportIDs are the reports deleted (report_id_list).
	ReportIDs []string `json:"report_id_list"`
}
