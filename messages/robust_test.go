package messages_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/messages"
)

// TestOddBodiesOutcome: what each odd success body decodes to. Nothing
// readable gives empty answers; values of the wrong type become
// unreadable (zero) items where a list is documented (jsonx reads one
// value as a one-item list); a body that is not JSON is a decoding error.
// The numbers are the items of Query, Trace, ExportDeadLetters and
// VerifyConsumption; every item decoded is a zero value.
func TestOddBodiesOutcome(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, tc := range []struct {
		body                          string
		query, trace, export, results int
		decodeErr                     bool
	}{
		{body: ""},
		{body: "null"},
		{body: "[]"},
		{body: "{}", export: 1},
		{body: "[null]", trace: 1, export: 1},
		{body: `"x"`, export: 1},
		{body: "123", export: 1},
		{body: "true", export: 1},
		{body: "plain text", decodeErr: true},
		{body: `{"messages":null,"total":null}`, export: 1},
		{body: `{"messages":{"property_list":null}}`, query: 1, export: 1},
		{body: `{"trace":"x"}`, trace: 1, export: 1},
		{body: `[1,2]`, trace: 2, export: 2},
		{body: `{"resend_results":[null,"x"]}`, export: 1, results: 2},
		{body: `{"total":"abc"}`, export: 1},
	} {
		t.Run(tc.body, func(t *testing.T) {
			t.Parallel()
			c, mt := testutil.NewClient(t)
			mt.RegisterNoResponder(httpmock.NewStringResponder(200, tc.body))
			m := messages.New(c)
			q, qErr := m.Query(ctx, id, &messages.QueryOptions{Topic: "t", MsgID: "m"})
			tr, tErr := m.Trace(ctx, id, "m")
			ex, eErr := m.ExportDeadLetters(ctx, id, &messages.ExportDeadLettersRequest{Topic: "t", MsgIDList: []string{"a"}})
			vr, vErr := m.VerifyConsumption(ctx, id, &messages.VerifyConsumptionRequest{Group: "g", MsgIDList: []string{"a"}})
			s, sErr := m.Send(ctx, id, &messages.SendRequest{Topic: "t", Body: "b"})
			if tc.decodeErr {
				for _, err := range []error{qErr, tErr, eErr, vErr, sErr} {
					require.Error(t, err)
					var apiErr *rocketmq.APIError
					assert.False(t, errors.As(err, &apiErr))
					assert.Contains(t, err.Error(), "decoding the response")
				}
				return
			}
			for _, err := range []error{qErr, tErr, eErr, vErr, sErr} {
				require.NoError(t, err)
			}
			assertEmptyMessages(t, tc.query, q.Messages)
			assert.Zero(t, q.Total)
			require.Len(t, tr, tc.trace)
			for _, x := range tr {
				assert.Equal(t, messages.Trace{}, x)
			}
			assertEmptyMessages(t, tc.export, ex)
			require.Len(t, vr.ResendResults, tc.results)
			for _, r := range vr.ResendResults {
				assert.Equal(t, messages.ResendResult{}, r)
			}
			assert.Empty(t, vr.Failed())
			assert.Empty(t, s.PropertyList)
			s.PropertyList = nil
			assert.Equal(t, &messages.SendResponse{}, s)
		})
	}
}

// assertEmptyMessages asserts n messages, each empty.
func assertEmptyMessages(t *testing.T, n int, ms []messages.Message) {
	t.Helper()
	require.Len(t, ms, n)
	for _, m := range ms {
		assert.Empty(t, m.PropertyList)
		m.PropertyList = nil
		assert.Equal(t, messages.Message{}, m)
	}
}

func TestNilClientIsValidationError(t *testing.T) {
	t.Parallel()
	c := messages.New(nil)
	_, err := c.Trace(context.Background(), testutil.InstanceID, "m")
	var ve *rocketmq.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "client", ve.Field)
}
