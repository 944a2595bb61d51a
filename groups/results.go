package groups

import (
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
)

// Group is a consumer group (reference 5.2.1 table 5-25, 5.2.5 table 5-36).
type Group struct {
	// Name is the group name (filled in by Get when the response has none).
	Name string `json:"name"`
	// Enabled says whether the group may consume.
	Enabled bool `json:"enabled"`
	// Broadcast says whether the group consumes in broadcast mode.
	Broadcast bool `json:"broadcast"`
	// Brokers lists the brokers the group is associated with.
	Brokers []string `json:"brokers"`
	// RetryMaxTime is the maximum number of consumption retries.
	RetryMaxTime int `json:"retry_max_time"`
	// FromBeginning says whether the group consumes from the beginning
	// (returned by List).
	FromBeginning bool `json:"from_beginning"`
	// AppID is the application ID (returned by Get; often null).
	AppID string `json:"app_id,omitempty"`
	// AppName is the application name (returned by Get; often null).
	AppName string `json:"app_name,omitempty"`
	// Permissions lists the group's permissions (returned by Get).
	Permissions []string `json:"permissions,omitempty"`
	// GroupDesc is the group's description (current definitions).
	GroupDesc string `json:"group_desc,omitempty"`
	// CreatedAt is when the group was created, in Unix milliseconds
	// (current definitions; 0 when not sent).
	CreatedAt int64 `json:"created_at,omitempty"`
	// ConsumeOrderly says whether messages are consumed in order (current
	// definitions, 5.x instances).
	ConsumeOrderly bool `json:"consume_orderly,omitempty"`
	// GroupOnline says whether a consumer of the group is online (current
	// definitions).
	GroupOnline bool `json:"group_online,omitempty"`
	// TopicSubscriptionCount is the number of topics the group subscribes
	// to (current definitions, List only).
	TopicSubscriptionCount int64 `json:"topic_subscription_count,omitempty"`
}

// ListResponse is one page of List (reference 5.2.1, table 5-24).
type ListResponse struct {
	// Total is the number of groups of the instance.
	Total int64 `json:"total"`
	// Groups is this page.
	Groups []Group `json:"groups"`
	// Max is the number of groups the instance may hold.
	Max int64 `json:"max"`
	// Remaining is the number of groups that may still be created.
	Remaining int64 `json:"remaining"`
	// NextOffset is the next page's offset (-1 when there is none).
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the previous page's offset (-1 when there is none).
	PreviousOffset int64 `json:"previous_offset"`
}

// CreateResponse is the answer to Create (reference 5.2.2, table 5-29).
type CreateResponse struct {
	// Name is the name of the group created.
	Name string `json:"name"`
	// JobID is a task ID, when the server returns one.
	JobID string `json:"job_id,omitempty"`
}

// BatchDeleteResponse is the answer to BatchDelete (reference 5.2.2,
// table 5-29).
type BatchDeleteResponse struct {
	// JobID is the ID of the deletion task.
	JobID string `json:"job_id"`
}

// BatchUpdateResponse is the answer to BatchUpdate (reference 5.2.3,
// table 5-33).
type BatchUpdateResponse struct {
	// JobID is the ID of the update task.
	JobID string `json:"job_id"`
}

// ListTopicsResponse is one page of ListTopics (reference 5.2.7,
// table 5-41, list mode).
type ListTopicsResponse struct {
	// Topics lists the topics the group consumes.
	Topics []string `json:"topics"`
	// Total is the number of such topics.
	Total int64 `json:"total"`
}

// Consumption is a group's progress on one topic (reference 5.2.7,
// table 5-41, detail mode).
type Consumption struct {
	// Lag is the group's total lag on the topic, MaxOffset the number of
	// messages and ConsumerOffset the number consumed, as the service
	// sends them at the top level (current definitions; 0 when not sent:
	// TotalLag sums the queues).
	Lag            int64 `json:"lag,omitempty"`
	MaxOffset      int64 `json:"max_offset,omitempty"`
	ConsumerOffset int64 `json:"consumer_offset,omitempty"`
	// Brokers holds the progress per broker.
	Brokers []ConsumptionBroker `json:"brokers"`
}

// TotalLag returns the sum of every queue's lag (messages not yet
// consumed); 0 for a nil Consumption.
func (c *Consumption) TotalLag() int64 {
	if c == nil {
		return 0
	}
	var n int64
	for _, b := range c.Brokers {
		for _, q := range b.Queues {
			n += q.Lag
		}
	}
	return n
}

// ConsumptionBroker is the progress on one broker (reference 5.2.7,
// table 5-42).
type ConsumptionBroker struct {
	// BrokerName names the broker.
	BrokerName string `json:"broker_name"`
	// Queues holds the progress per queue.
	Queues []ConsumptionQueue `json:"queues"`
}

// ConsumptionQueue is the progress on one queue (reference 5.2.7,
// table 5-43).
type ConsumptionQueue struct {
	// ID is the queue ID.
	ID int `json:"id"`
	// Lag is the number of messages not yet consumed.
	Lag int64 `json:"lag"`
	// BrokerOffset is the number of messages in the queue.
	BrokerOffset int64 `json:"broker_offset"`
	// ConsumerOffset is the number of messages consumed.
	ConsumerOffset int64 `json:"consumer_offset"`
	// LastMessageTime is when the last consumed message was stored, in Unix
	// milliseconds (0 when none was).
	LastMessageTime int64 `json:"last_message_time"`
}

// ResetOffsetResponse is the answer to ResetOffset (reference 5.2.8,
// table 5-46).
type ResetOffsetResponse struct {
	// Queues lists the queues reset.
	Queues []ResetQueue `json:"queues"`
}

// ResetQueue is one queue reset by ResetOffset (reference 5.2.8,
// table 5-47).
type ResetQueue struct {
	// BrokerName names the broker of the queue.
	BrokerName string `json:"broker_name"`
	// QueueID is the queue ID.
	QueueID int `json:"queue_id"`
	// TimestampOffset is the offset the queue was reset to. The service
	// sends it as "timestamp_offset" (the reference's example) or
	// "timestamp_of_fset" (its table 5-47); both are read.
	TimestampOffset int64 `json:"timestamp_offset"`
}

// resetQueueWire reads both spellings of the offset field.
type resetQueueWire struct {
	BrokerName      string `json:"broker_name"`
	QueueID         int    `json:"queue_id"`
	TimestampOffset *int64 `json:"timestamp_offset"`
	TimestampOfFset *int64 `json:"timestamp_of_fset"`
}

// UnmarshalJSON implements json.Unmarshaler, accepting "timestamp_offset"
// and "timestamp_of_fset" (the first wins when both are present).
func (q *ResetQueue) UnmarshalJSON(b []byte) error {
	var w resetQueueWire
	if err := jsonx.Unmarshal(b, &w); err != nil {
		return err
	}
	*q = ResetQueue{BrokerName: w.BrokerName, QueueID: w.QueueID}
	switch {
	case w.TimestampOffset != nil:
		q.TimestampOffset = *w.TimestampOffset
	case w.TimestampOfFset != nil:
		q.TimestampOffset = *w.TimestampOfFset
	}
	return nil
}

// Consume types of ConsumerClient.ConsumeType.
const (
	// ConsumePop is pop consumption.
	ConsumePop = "CONSUME_POP"
	// ConsumePassively is push consumption.
	ConsumePassively = "CONSUME_PASSIVELY"
	// ConsumeActively is pull consumption.
	ConsumeActively = "CONSUME_ACTIVELY"
)

// Subscription types of Subscription.Type.
const (
	// SubscriptionTag filters by tag.
	SubscriptionTag = "TAG"
	// SubscriptionSQL92 filters on message properties.
	SubscriptionSQL92 = "SQL92"
)

// ClientsResponse is one page of ListClients (the current
// ShowConsumerConnections).
type ClientsResponse struct {
	// GroupName names the group.
	GroupName string `json:"group_name"`
	// Online says whether the group is online.
	Online bool `json:"online"`
	// SubscriptionConsistency says whether every consumer subscribes to
	// the same topics with the same expressions.
	SubscriptionConsistency bool `json:"subscription_consistency"`
	// Total is the number of consumers.
	Total int64 `json:"total"`
	// NextOffset is the next page's offset (-1 when there is none).
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the previous page's offset (-1 when there is none).
	PreviousOffset int64 `json:"previous_offset"`
	// Clients is this page.
	Clients []ConsumerClient `json:"clients"`
}

// ConsumerClient is one consumer of a group.
type ConsumerClient struct {
	// ClientID identifies the consumer (messages.VerifyConsumptionRequest
	// takes it).
	ClientID string `json:"client_id"`
	// ClientAddr is the consumer's address.
	ClientAddr string `json:"client_addr"`
	// Language is the client's language, e.g. "JAVA".
	Language string `json:"language"`
	// Version is the client's version.
	Version string `json:"version"`
	// ConsumeType is ConsumePop, ConsumePassively or ConsumeActively.
	ConsumeType string `json:"consume_type"`
	// Subscriptions lists what the consumer subscribes to.
	Subscriptions []Subscription `json:"subscriptions"`
}

// Subscription is one subscription of a consumer.
type Subscription struct {
	// Topic is the subscribed topic.
	Topic string `json:"topic"`
	// Type is SubscriptionTag or SubscriptionSQL92.
	Type string `json:"type"`
	// Expression is the filter (a tag expression such as "*" or "a||b").
	Expression string `json:"expression"`
}
