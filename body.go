package rocketmq

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/dms-rocketmq/rocketmq-go/internal/httpx"
	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

// ErrResponseTooLarge is matched (errors.Is) by the error of a call whose
// successful response body exceeds 64 MiB (after decompression). Reading
// stops at the cap, holding little more than the cap in memory; the call is
// not retried.
var ErrResponseTooLarge = httpx.ErrTooLarge

// sentRequest is what a request carried, for the secrets an error must
// mask (computed only when one occurs).
type sentRequest struct {
	c *Client
	p *prepared
	h http.Header
}

func (s sentRequest) secrets() redact.Secrets { return s.c.secrets(s.p, s.h) }

// decodeInto decodes a successful body into out. The secrets of sent are
// masked in the body an error shows.
func decodeInto(out any, body []byte, sent sentRequest) error {
	if out == nil {
		return nil
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil
	}
	switch o := out.(type) {
	case *string:
		if trimmed[0] == '"' {
			var s string
			if err := json.Unmarshal(trimmed, &s); err == nil {
				*o = s
				return nil
			}
		}
		*o = string(trimmed)
		return nil
	case *[]byte:
		*o = append((*o)[:0], body...)
		return nil
	case *json.RawMessage:
		*o = append((*o)[:0], body...)
		return nil
	}
	if err := jsonx.Unmarshal(trimmed, out); err != nil {
		// Never a secret in an error: JSON is shown redacted, malformed
		// JSON not at all; other text (a proxy's HTML page) as a snippet
		// with the request's credentials masked.
		var shown string
		switch {
		case json.Valid(trimmed):
			shown = redact.Body(trimmed)
		case trimmed[0] == '{' || trimmed[0] == '[':
			shown = "(" + strconv.Itoa(len(trimmed)) + " bytes of malformed JSON)"
		default:
			shown = string(trimmed[:min(len(trimmed), 64<<10)])
		}
		shown = sent.secrets().String(shown)
		return fmt.Errorf("%w (body: %s)", err, snippet(shown))
	}
	return nil
}
