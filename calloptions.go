package rocketmq

import (
	"net/http"
	"net/textproto"
	"time"
)

// CallOption changes one call: Client.Do and every family method that
// sends requests take them last. A nil CallOption is ignored.
type CallOption interface {
	applyCall(*callConfig)
}

// callConfig is what the options of one call set; its zero value changes
// nothing.
type callConfig struct {
	capture  *Response
	header   http.Header
	retry    *RetryPolicy
	timeout  time.Duration // 0: the client's; < 0: none
	hasTimeo bool
}

type callOptionFunc func(*callConfig)

func (f callOptionFunc) applyCall(c *callConfig) { f(c) }

// CaptureResponse fills dst after the call, success or failure, with what
// the last attempt received: status, header, request ID and raw body
// (dst is left as it is when no response arrived). A call that pages
// through several requests (an iterator) captures the last one.
func CaptureResponse(dst *Response) CallOption {
	return callOptionFunc(func(c *callConfig) { c.capture = dst })
}

// WithHeader adds a header to the call's requests (signed like the others).
// It cannot replace the headers the client sets itself (authorization,
// X-Project-Id, Content-Type, Host): those are refused by Do with a
// *ValidationError. Several WithHeader options for one key add values.
func WithHeader(key, value string) CallOption {
	return callOptionFunc(func(c *callConfig) {
		if c.header == nil {
			c.header = make(http.Header, 2)
		}
		c.header[textproto.CanonicalMIMEHeaderKey(key)] = append(c.header[textproto.CanonicalMIMEHeaderKey(key)], value)
	})
}

// WithCallRetry replaces the client's RetryPolicy for this call (zero
// fields take the defaults, as with WithRetry).
func WithCallRetry(p RetryPolicy) CallOption {
	return callOptionFunc(func(c *callConfig) {
		p = p.withDefaults()
		c.retry = &p
	})
}

// WithCallTimeout replaces the client's per-attempt timeout (WithTimeout)
// for this call; 0 or less means no per-attempt timeout (the context still
// bounds the call).
func WithCallTimeout(d time.Duration) CallOption {
	return callOptionFunc(func(c *callConfig) {
		if d <= 0 {
			d = -1
		}
		c.timeout, c.hasTimeo = d, true
	})
}

func buildCallConfig(opts []CallOption) callConfig {
	var cc callConfig
	for _, o := range opts {
		if o != nil {
			o.applyCall(&cc)
		}
	}
	return cc
}
