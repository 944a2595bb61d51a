package topics

// Topic is a topic (reference 5.3.3, table 5-54; also the items of List).
type Topic struct {
	// Name is the topic name (filled in by Get when the response has none).
	Name string `json:"name"`
	// TotalReadQueueNum is the total number of read queues.
	TotalReadQueueNum int `json:"total_read_queue_num"`
	// TotalWriteQueueNum is the total number of write queues.
	TotalWriteQueueNum int `json:"total_write_queue_num"`
	// Permission is "all", "pub" or "sub".
	Permission string `json:"permission"`
	// Brokers lists the brokers the topic lives on.
	Brokers []Broker `json:"brokers"`
	// CreatedAt is when the topic was created, in Unix milliseconds
	// (current definitions; 0 when not sent).
	CreatedAt int64 `json:"created_at,omitempty"`
	// MessageType is MessageNormal, MessageFIFO, MessageDelay or
	// MessageTransaction (current definitions, 5.x instances; "" when not
	// sent).
	MessageType string `json:"message_type,omitempty"`
}

// Broker is a topic's share of one broker (reference 5.3.3, table 5-55).
type Broker struct {
	// BrokerName names the broker.
	BrokerName string `json:"broker_name"`
	// ReadQueueNum is the number of read queues on the broker.
	ReadQueueNum int `json:"read_queue_num"`
	// WriteQueueNum is the number of write queues on the broker.
	WriteQueueNum int `json:"write_queue_num"`
}

// CreateResponse is the answer to Create (reference 5.3.1, table 5-51).
type CreateResponse struct {
	// ID is the name of the topic created.
	ID string `json:"id"`
	// JobID is a task ID, when the server returns one.
	JobID string `json:"job_id,omitempty"`
}

// BatchDeleteResponse is the answer to BatchDelete (reference 5.3.1,
// table 5-51).
type BatchDeleteResponse struct {
	// JobID is the ID of the deletion task.
	JobID string `json:"job_id"`
}

// ListGroupsResponse is one page of ListGroups (reference 5.3.5,
// table 5-60, and the current definition's total).
type ListGroupsResponse struct {
	// Groups lists the consumer groups subscribed to the topic.
	Groups []string `json:"groups"`
	// Total is the number of such groups (current definitions; 0 when
	// the answer has none, as the reference's).
	Total int64 `json:"total,omitempty"`
}

// Status holds a topic's queue offsets (reference 5.3.6, table 5-62).
// The service sends brokers as an array or as a single object; both are
// read into Brokers.
type Status struct {
	// MaxOffset and MinOffset are the topic's largest and smallest
	// offsets, as the current service sends them at the top level (0 when
	// not sent).
	MaxOffset int64 `json:"max_offset,omitempty"`
	MinOffset int64 `json:"min_offset,omitempty"`
	// Brokers holds the queues per broker.
	Brokers []StatusBroker `json:"brokers" jsonx:"bare"`
}

// TotalMessages returns the number of messages the topic holds: the sum
// over its queues of MaxOffset − MinOffset; 0 for a nil Status.
func (s *Status) TotalMessages() int64 {
	if s == nil {
		return 0
	}
	var n int64
	for _, b := range s.Brokers {
		for _, q := range b.Queues {
			if q.MaxOffset > q.MinOffset {
				n += q.MaxOffset - q.MinOffset
			}
		}
	}
	return n
}

// StatusBroker is one broker of Status (reference 5.3.6, table 5-63).
type StatusBroker struct {
	// BrokerName names the broker.
	BrokerName string `json:"broker_name"`
	// Queues lists the broker's queues of the topic.
	Queues []StatusQueue `json:"queues"`
}

// StatusQueue is one queue of Status (reference 5.3.6, table 5-64).
type StatusQueue struct {
	// ID is the queue ID.
	ID int `json:"id"`
	// MinOffset is the queue's smallest offset.
	MinOffset int64 `json:"min_offset"`
	// MaxOffset is the queue's largest offset.
	MaxOffset int64 `json:"max_offset"`
	// LastMessageTime is when the last message was stored, in Unix
	// milliseconds (0 when none was).
	LastMessageTime int64 `json:"last_message_time"`
}

// ListResponse is one page of List (beyond the reference).
type ListResponse struct {
	// Total is the number of topics of the instance.
	Total int64 `json:"total"`
	// Max is the number of topics the instance may hold.
	Max int64 `json:"max"`
	// Remaining is the number of topics that may still be created.
	Remaining int64 `json:"remaining"`
	// NextOffset is the next page's offset (-1 when there is none).
	NextOffset int64 `json:"next_offset"`
	// PreviousOffset is the previous page's offset (-1 when there is none).
	PreviousOffset int64 `json:"previous_offset"`
	// Topics is this page.
	Topics []Topic `json:"topics"`
}
