package messages_test

import (
	"context"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/messages"
)

var oddBodies = []string{"", "null", "[]", "{}", "[null]", `"x"`, "123", "true", "plain text", `{"messages":null,"total":null}`,
	`{"messages":{"property_list":null}}`, `{"trace":"x"}`, `[1,2]`, `{"resend_results":[null,"x"]}`, `{"total":"abc"}`}

func TestOddBodiesDoNotPanic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, body := range oddBodies {
		c, mt := testutil.NewClient(t)
		mt.RegisterNoResponder(httpmock.NewStringResponder(200, body))
		m := messages.New(c)
		_, _ = m.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m"})
		for range m.QueryIter(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m"}) {
		}
		_, _ = m.Trace(ctx, id, "m")
		_, _ = m.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
		_, _ = m.ResendDeadLetters(ctx, id, &messages.ResendDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
		r, _ := m.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{Group: "g", MsgIDList: []string{"a"}})
		_ = r.Failed()
	}
}

func TestNilClient(t *testing.T) {
	t.Parallel()
	for _, c := range []*messages.Client{messages.New(nil)} {
		_, err := c.Trace(context.Background(), testutil.InstanceID, "m")
		var ve *rocketmq.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "client", ve.Field)
	}
}
