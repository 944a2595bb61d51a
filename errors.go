package rocketmq

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// APIError is the error for every response with status 300 or more:
// redirects are never followed (they would carry the credentials along), so
// a 3xx is an APIError too. It is always returned as a pointer; use
// errors.As to reach it:
//
//	var apiErr *rocketmq.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == rocketmq.CodeInstanceNotFound { … }
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the service's error code, e.g. "DMS.00404022" or "APIGW.0301";
	// empty when the body carried none.
	Code string
	// Message is the service's error message (at most 1024 bytes), a short
	// snippet of a body that was not a recognised error document, or the
	// status text for an empty body. For a 3xx it names the redirect's
	// Location. Credentials and secrets echoed by the server are redacted.
	Message string
	// RequestID is the X-Request-Id of the response (or the body's request_id).
	RequestID string
	// Method and Path describe the request that failed (the escaped path,
	// without query).
	Method string
	Path   string
	// RetryAfter is the raw Retry-After header, when the server sent one.
	RetryAfter string
	// Action is the IAM action the operation needs ("dms:instance:get"),
	// when the call named it (every family method does); a 403's Error()
	// names it.
	Action string
}

// Error implements error.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("rocketmq: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if hint := e.hint(); hint != "" {
		b.WriteString(" (")
		b.WriteString(hint)
		b.WriteString(")")
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	return b.String()
}

func (e *APIError) hint() string {
	if e.StatusCode == http.StatusUnauthorized {
		m := strings.ToLower(e.Message)
		// An expired signature (AK/SK), not an expired token.
		signing := strings.Contains(m, "x-sdk-date") || strings.Contains(m, "timestamp") ||
			strings.Contains(m, "expire") && (strings.Contains(m, "signature") || strings.Contains(m, "sign ") || strings.Contains(m, "date"))
		if signing && !strings.Contains(m, "token") {
			return "the signing time is more than 15 minutes off the gateway's clock: check this machine's clock (NTP)"
		}
	}
	if e.StatusCode == http.StatusForbidden && e.Action != "" {
		return "this call needs the IAM permission " + e.Action
	}
	if info, ok := LookupErrorCode(e.Code); ok && info.AdviceEN != "" {
		return info.AdviceEN
	}
	return ""
}

// Info returns the appendix 7.2 entry of the error's code, if it has one:
// its documented message, description and advice (in Chinese), and the
// advice in English (AdviceEN), which Error() prints.
func (e *APIError) Info() (ErrorCodeInfo, bool) { return LookupErrorCode(e.Code) }

// ValidationError reports input refused before any request was sent. Every
// family method checks its input with the reference's rules and returns one
// (as a pointer) naming the offending field.
type ValidationError struct {
	// Field names the offending input with its JSON or query name, e.g.
	// "name", "queue_num" or "tags[1].key".
	Field string
	// Message says what is wrong and what is allowed.
	Message string
}

// Error implements error.
func (e *ValidationError) Error() string {
	if e.Field == "" {
		return "rocketmq: invalid input: " + e.Message
	}
	return "rocketmq: invalid " + e.Field + ": " + e.Message
}

// Error classes, matched with errors.Is on any error the SDK returns (an
// *APIError from the service, or a *NotFoundError the SDK inferred):
//
//	err := topics.New(c).Delete(ctx, instanceID, "orders")
//	switch {
//	case errors.Is(err, rocketmq.ErrInstanceNotFound): // wrong instance: nothing was deleted
//	case errors.Is(err, rocketmq.ErrTopicNotFound):    // the topic is already gone
//	}
//
// ErrNotFound is what IsNotFound reports: HTTP 404 (except flow control,
// DMS.10240407), or one of the resource-specific codes below, some of which
// the service sends with HTTP 400. Each resource-specific class is also
// ErrNotFound (errors.Is(ErrTopicNotFound, ErrNotFound) is true); a 404
// without one of their codes is ErrNotFound only. The codes:
//
//	ErrInstanceNotFound  DMS.00404022 (CodeInstanceNotFound)
//	ErrTopicNotFound     DMS.00050004 (CodeTopicNotFound)
//	ErrGroupNotFound     DMS.00050012 (CodeGroupNotFound), DMS.10240405 (CodeGroupIDNotFound)
//	ErrUserNotFound      DMS.00500972 (CodeUserNotFound)
//	ErrTaskNotFound      DMS.00405011 (CodeMigrationTaskNotFound)
//
// A *NotFoundError matches ErrNotFound and the class of its Kind: this is
// how a metadata migration task or a background task missing from a
// successful answer is ErrTaskNotFound.
//
// ErrAlreadyExists (IsAlreadyExists) is a name already taken: DMS.00400060
// (an instance name, CodeDuplicateInstanceName), DMS.10240018 (a consumer
// group, CodeGroupAlreadyExists), DMS.10240017 (a queue,
// CodeQueueAlreadyExists), and DMS.00400800 (CodeTopicAlreadyExists) when
// its message reports a duplicate (the service sends that code for other
// invalid requests too).
var (
	ErrNotFound         error = &errorClass{"rocketmq: resource not found", nil}
	ErrInstanceNotFound error = &errorClass{"rocketmq: instance not found", ErrNotFound}
	ErrTopicNotFound    error = &errorClass{"rocketmq: topic not found", ErrNotFound}
	ErrGroupNotFound    error = &errorClass{"rocketmq: consumer group not found", ErrNotFound}
	ErrUserNotFound     error = &errorClass{"rocketmq: user not found", ErrNotFound}
	ErrTaskNotFound     error = &errorClass{"rocketmq: task not found", ErrNotFound}
	ErrAlreadyExists    error = &errorClass{"rocketmq: resource already exists", nil}
)

// errorClass is an error class; a resource-specific one unwraps to its
// parent.
type errorClass struct {
	msg    string
	parent error
}

func (c *errorClass) Error() string { return c.msg }
func (c *errorClass) Unwrap() error { return c.parent }

// notFoundClasses maps the resource-specific not-found codes to their
// class.
var notFoundClasses = map[string]error{
	CodeInstanceNotFound:      ErrInstanceNotFound,
	CodeTopicNotFound:         ErrTopicNotFound,
	CodeGroupNotFound:         ErrGroupNotFound,
	CodeGroupIDNotFound:       ErrGroupNotFound,
	CodeUserNotFound:          ErrUserNotFound,
	CodeMigrationTaskNotFound: ErrTaskNotFound,
}

// Is makes errors.Is match the error classes: ErrNotFound,
// ErrInstanceNotFound, ErrTopicNotFound, ErrGroupNotFound,
// ErrUserNotFound, ErrTaskNotFound and ErrAlreadyExists (see ErrNotFound
// for the codes of each).
func (e *APIError) Is(target error) bool {
	if e == nil {
		return false
	}
	switch target {
	case ErrNotFound:
		if _, ok := notFoundClasses[e.Code]; ok {
			return true
		}
		return e.StatusCode == http.StatusNotFound && e.Code != CodeFlowControl
	case ErrAlreadyExists:
		return e.alreadyExists()
	case nil:
		return false
	}
	class, ok := notFoundClasses[e.Code]
	return ok && class == target
}

// alreadyExists reports whether e is one of the "already exists" codes.
func (e *APIError) alreadyExists() bool {
	switch e.Code {
	case CodeDuplicateInstanceName, CodeGroupAlreadyExists, CodeQueueAlreadyExists:
		return true
	case CodeTopicAlreadyExists:
		return reportsDuplicate(e.Message)
	}
	return false
}

// reportsDuplicate reports whether a DMS.00400800 message is about a
// duplicate name. The documented message lists every meaning of the code
// ("Duplicate topic name.Invalid request. … Invalid parameter. …"), so it
// alone says nothing.
func reportsDuplicate(msg string) bool {
	m := strings.ToLower(msg)
	switch {
	case strings.Contains(m, "already exist"), strings.Contains(msg, "已存在"), strings.Contains(msg, "已经存在"), strings.Contains(msg, "重复"):
		return true
	case strings.Contains(m, "duplicate") && !strings.Contains(m, "invalid"):
		return true
	}
	return false
}

// IsNotFound reports whether err means that the resource does not exist
// (errors.Is(err, ErrNotFound)): an *APIError with HTTP 404 (except the
// 404-coded flow control DMS.10240407) or one of the not-found codes, some
// sent with HTTP 400 (DMS.00404022, DMS.00500972, DMS.00050012,
// DMS.00050004, DMS.00405011, DMS.10240405), or a *NotFoundError the SDK
// inferred. Use the resource-specific classes to know what is missing:
// errors.Is(err, ErrInstanceNotFound) etc.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsAlreadyExists reports whether err means that the name is already taken
// (errors.Is(err, ErrAlreadyExists)): DMS.00400060 (instance name),
// DMS.10240018 (consumer group), DMS.10240017 (queue), or DMS.00400800
// when its message reports a duplicate topic.
func IsAlreadyExists(err error) bool { return errors.Is(err, ErrAlreadyExists) }

// Kinds of NotFoundError.
const (
	KindInstance = "instance"
	KindTopic    = "topic"
	KindGroup    = "group"
	KindUser     = "user"
	KindTask     = "task"
)

// NotFoundError is a not-found the SDK infers from a successful answer (not
// an error answer of the service): for example metadata.Client.GetTask
// when the listing it reads does not contain the task. errors.Is matches
// ErrNotFound and the class of its Kind (ErrTaskNotFound for KindTask, …),
// so IsNotFound reports true for it; errors.As(err, &apiErr) does not
// match, since the service sent no error. Families return it as a pointer.
type NotFoundError struct {
	// Kind is what is missing: KindInstance, KindTopic, KindGroup,
	// KindUser or KindTask (another value matches ErrNotFound only).
	Kind string
	// ID names the missing resource (an ID or a name).
	ID string
	// RequestID is the X-Request-Id of the answer that lacked it, if any.
	RequestID string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	kind := e.Kind
	if kind == "" {
		kind = "resource"
	}
	s := "rocketmq: " + kind + " " + strconv.Quote(e.ID) + " not found in the answer"
	if e.RequestID != "" {
		s += " [request id " + e.RequestID + "]"
	}
	return s
}

// Is matches ErrNotFound and the class of e.Kind.
func (e *NotFoundError) Is(target error) bool {
	if target == ErrNotFound {
		return true
	}
	var class error
	switch e.Kind {
	case KindInstance:
		class = ErrInstanceNotFound
	case KindTopic:
		class = ErrTopicNotFound
	case KindGroup:
		class = ErrGroupNotFound
	case KindUser:
		class = ErrUserNotFound
	case KindTask:
		class = ErrTaskNotFound
	}
	return class != nil && target == class
}

// errorBody covers the error documents the service and its gateway send.
type errorBody struct {
	ErrorCode any    `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	Code      any    `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
	Error     *struct {
		Code    any    `json:"code"`
		Message string `json:"message"`
		Title   string `json:"title"`
	} `json:"error"`
}

// newAPIError builds the *APIError for a response; it never fails.
func newAPIError(status int, header http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status}
	if header != nil {
		e.RequestID = header.Get("X-Request-Id")
		e.RetryAfter = header.Get("Retry-After")
	}
	trimmed := strings.TrimSpace(string(body))
	var eb errorBody
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(body, &eb) == nil {
		switch {
		case eb.ErrorCode != nil || eb.ErrorMsg != "":
			e.Code, e.Message = codeString(eb.ErrorCode), eb.ErrorMsg
		case eb.Error != nil:
			e.Code, e.Message = codeString(eb.Error.Code), eb.Error.Message
			if e.Message == "" {
				e.Message = eb.Error.Title
			}
		case eb.Code != nil || eb.Message != "":
			e.Code, e.Message = codeString(eb.Code), eb.Message
		default:
			e.Message = snippet(trimmed)
		}
		if e.RequestID == "" {
			e.RequestID = eb.RequestID
		}
		e.Message = capMessage(e.Message)
		return e
	}
	if trimmed != "" {
		e.Message = snippet(trimmed)
	} else {
		e.Message = http.StatusText(status)
	}
	return e
}

func codeString(v any) string {
	switch c := v.(type) {
	case nil:
		return ""
	case string:
		return strings.ReplaceAll(c, " ", "")
	case float64:
		return fmt.Sprintf("%.0f", c)
	default:
		return fmt.Sprint(c)
	}
}

// maxMessage caps an error message taken from a response body.
const maxMessage = 1024

// capMessage keeps at most maxMessage bytes of m, cut at a rune boundary.
func capMessage(m string) string { return shorten(m, maxMessage) }

// snippet shortens a non-JSON body for an error message.
func snippet(s string) string {
	return shorten(strings.Join(strings.Fields(s), " "), 256)
}

// shorten keeps at most max bytes of s, cut at a rune boundary, and marks
// a cut with an ellipsis.
func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
