package messages

// QueryResponse is one page of a message query (table 5-67).
type QueryResponse struct {
	// Messages are the messages found.
	Messages []Message `json:"messages"`
	// Total is the number of messages the query matches.
	Total int64 `json:"total"`
}

// Message is one message (tables 5-68 and 5-77). The numeric fields decode
// from JSON numbers or strings (the tables say String for several of them,
// the examples send numbers).
type Message struct {
	// MsgID is the message id, an opaque string.
	MsgID string `json:"msg_id"`
	// InstanceID is the instance that stores the message.
	InstanceID string `json:"instance_id"`
	// Topic is the message's topic.
	Topic string `json:"topic"`
	// StoreTimestamp and BornTimestamp are Unix milliseconds.
	StoreTimestamp int64 `json:"store_timestamp"`
	BornTimestamp  int64 `json:"born_timestamp"`
	// ReconsumeTimes is how often the message was delivered again.
	ReconsumeTimes int64 `json:"reconsume_times"`
	// Body is the message body.
	Body string `json:"body"`
	// BodyCRC is the body's checksum.
	BodyCRC int64 `json:"body_crc"`
	// StoreSize is the stored size in bytes.
	StoreSize int64 `json:"store_size"`
	// PropertyList holds the message properties (an array, or one object in
	// the 5.4.3 example).
	PropertyList []Property `json:"property_list"`
	// BornHost is the producer's address; StoreHost the broker's.
	BornHost  string `json:"born_host"`
	StoreHost string `json:"store_host"`
	// QueueID is the queue of the message; QueueOffset its offset there.
	QueueID     int64 `json:"queue_id"`
	QueueOffset int64 `json:"queue_offset"`
}

// Property returns the value of the named property and whether it is set.
func (m Message) Property(name string) (string, bool) {
	for _, p := range m.PropertyList {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Property is one message property (tables 5-69 and 5-78).
type Property struct {
	// Name is the property name, e.g. "KEYS", "TAGS" or "UNIQ_KEY".
	Name string `json:"name"`
	// Value is the property value.
	Value string `json:"value"`
}

// tracePageWire is one page of a trace: {"trace": [...], "total": n} (the
// table and the current definition) or a bare array (the reference's
// example).
type tracePageWire struct {
	Trace []Trace `json:"trace" jsonx:"bare"`
	// Total is the number of traces (current definitions); nil when the
	// answer has none.
	Total *int64 `json:"total"`
}

// Trace is one step of a message's trace (table 5-73).
type Trace struct {
	// Success reports whether the step succeeded.
	Success bool `json:"success"`
	// TraceType is the kind of step, e.g. "Pub".
	TraceType string `json:"trace_type"`
	// Timestamp is the step's time in Unix milliseconds.
	Timestamp int64 `json:"timestamp"`
	// GroupName is the producer or consumer group.
	GroupName string `json:"group_name"`
	// CostTime is the step's duration in milliseconds.
	CostTime int64 `json:"cost_time"`
	// RequestID is the step's request id.
	RequestID string `json:"request_id"`
	// ConsumeStatus is the consumption status.
	ConsumeStatus int64 `json:"consume_status"`
	// Topic is the message's topic.
	Topic string `json:"topic"`
	// MsgID is the message id; OffsetMsgID the broker's offset message id.
	MsgID       string `json:"msg_id"`
	OffsetMsgID string `json:"offset_msg_id"`
	// Tags and Keys are the message's tags and keys.
	Tags string `json:"tags"`
	Keys string `json:"keys"`
	// StoreHost is the broker's address; ClientHost the client's.
	StoreHost  string `json:"store_host"`
	ClientHost string `json:"client_host"`
	// RetryTimes is the number of retries.
	RetryTimes int64 `json:"retry_times"`
	// BodyLength is the body's length in bytes.
	BodyLength int64 `json:"body_length"`
	// MsgType is the message type, e.g. "Normal_Msg".
	MsgType string `json:"msg_type"`
	// TransactionState and TransactionID describe a transactional message
	// (empty for others; the example sends null).
	TransactionState string `json:"transaction_state"`
	TransactionID    string `json:"transaction_id"`
	// FromTransactionCheck reports whether the step answered a transaction
	// check.
	FromTransactionCheck bool `json:"from_transaction_check"`
}

// ResendResponse is the result of ResendDeadLetters and VerifyConsumption
// (tables 5-81 and 5-85).
type ResendResponse struct {
	// ResendResults holds one result per message.
	ResendResults []ResendResult `json:"resend_results"`
}

// ResendOK is the ResendResult.ErrorCode of a message sent successfully.
const ResendOK = "DMS.00000000"

// Failed returns the results whose ErrorCode is neither empty nor ResendOK.
func (r *ResendResponse) Failed() []ResendResult {
	if r == nil {
		return nil
	}
	var out []ResendResult
	for _, res := range r.ResendResults {
		if res.ErrorCode != "" && res.ErrorCode != ResendOK {
			out = append(out, res)
		}
	}
	return out
}

// ResendResult is the result for one message (tables 5-82 and 5-86).
type ResendResult struct {
	// MsgID is the message id.
	MsgID string `json:"msg_id"`
	// ErrorCode is "DMS.00000000" on success.
	ErrorCode string `json:"error_code"`
	// ErrorMessage describes the result, e.g. "Success.".
	ErrorMessage string `json:"error_message"`
}

// SendResponse is the answer to Send (the current SendMessage): the
// message as sent and where it was stored.
type SendResponse struct {
	// MsgID is the new message's id.
	MsgID string `json:"msg_id"`
	// BrokerName, QueueID and QueueOffset say where it was stored.
	BrokerName  string `json:"broker_name"`
	QueueID     int64  `json:"queue_id"`
	QueueOffset int64  `json:"queue_offset"`
	// Topic, Body and PropertyList echo the message.
	Topic        string     `json:"topic"`
	Body         string     `json:"body"`
	PropertyList []Property `json:"property_list"`
}
