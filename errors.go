package rocketmq

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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
	// without query); empty in the not-found error that
	// metadata.Client.GetTask builds for a task missing from an answer.
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
	if info, ok := LookupErrorCode(e.Code); ok && info.Advice != "" {
		return info.Advice
	}
	return ""
}

// Info returns the appendix 7.2 entry of the error's code, if it has one.
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

// notFoundCodes are the codes that mean "no such resource", several of them
// sent with HTTP 400 by the real service.
var notFoundCodes = map[string]bool{
	"DMS.00404022": true, // instance
	"DMS.00500972": true, // user
	"DMS.00050012": true, // consumer group
	"DMS.00050004": true, // topic
	"DMS.00405011": true, // migration task
}

// IsNotFound reports whether err is an *APIError meaning that the resource
// does not exist: HTTP 404 (except the 404-coded flow control
// DMS.10240407), or one of the 400-coded not-founds (DMS.00404022,
// DMS.00500972, DMS.00050012, DMS.00050004, DMS.00405011).
func IsNotFound(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	if notFoundCodes[e.Code] {
		return true
	}
	return e.StatusCode == http.StatusNotFound && e.Code != CodeDMS10240407
}

// maxErrorBody caps how much of an error body is read.
const maxErrorBody = 1 << 20

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
