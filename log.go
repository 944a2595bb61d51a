package rocketmq

import (
	"context"
	"log/slog"
	"time"

	"github.com/dms-rocketmq/rocketmq-go/internal/redact"
)

// logAttempt writes one debug record per attempt: method, escaped path,
// attempt, duration, status, request ID, the query and body redacted, and
// the error (whose URL is redacted by the attempt).
func (c *Client) logAttempt(ctx context.Context, p *prepared, n, status int, reqID string, d time.Duration, err error) {
	l := c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 9)
	attrs = append(attrs,
		slog.String("method", p.method),
		slog.String("path", p.logPath),
		slog.Int("attempt", n),
		slog.Duration("duration", d),
	)
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	if p.query != "" {
		attrs = append(attrs, slog.String("query", redact.Query(p.query)))
	}
	if len(p.body) > 0 {
		attrs = append(attrs, slog.String("body", redact.Body(p.body)))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redact.Error(err).Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "rocketmq request", attrs...)
}
