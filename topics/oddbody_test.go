package topics_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/topics"
)

// oddClient answers every request with a 200 and body.
func oddClient(t *testing.T, body string) *topics.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	mt.RegisterNoResponder(httpmock.NewStringResponder(http.StatusOK, body))
	return topics.New(c)
}

// TestOddBodiesDecodeToEmptyAnswers: success bodies with nothing of the
// documented shape decode to empty answers; Get keeps the name asked
// for; the iterators yield nothing. "[{}]" is a bare array of one empty
// broker for GetStatus (its bare field).
func TestOddBodiesDecodeToEmptyAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, b := range []string{`[]`, `[{}]`, `"text"`, `123`, `null`} {
		t.Run(b, func(t *testing.T) {
			t.Parallel()
			tc := oddClient(t, b)
			got, err := tc.Get(ctx, id, "topic1")
			require.NoError(t, err)
			assert.Equal(t, "topic1", got.Name)
			assert.Empty(t, got.Brokers)
			lg, err := tc.ListGroups(ctx, id, "topic1", nil)
			require.NoError(t, err)
			assert.Empty(t, lg.Groups)
			st, err := tc.GetStatus(ctx, id, "topic1")
			require.NoError(t, err)
			if b == `[{}]` {
				assert.Equal(t, []topics.StatusBroker{{}}, st.Brokers)
			} else {
				assert.Empty(t, st.Brokers)
			}
			assert.Zero(t, st.TotalMessages())
			l, err := tc.List(ctx, id, nil)
			require.NoError(t, err)
			assert.Empty(t, l.Topics)
			cr, err := tc.Create(ctx, id, &topics.CreateRequest{Name: "topic1"})
			require.NoError(t, err)
			assert.Equal(t, &topics.CreateResponse{}, cr)
			require.NoError(t, tc.Update(ctx, id, "topic1", &topics.UpdateRequest{}))
			require.NoError(t, tc.Delete(ctx, id, "topic1"))
			ts, errs := testutil.Collect(t, tc.ListIter(ctx, id, nil))
			assert.Empty(t, ts)
			assert.Empty(t, errs)
			gs, errs := testutil.Collect(t, tc.ListGroupsIter(ctx, id, "topic1", nil))
			assert.Empty(t, gs)
			assert.Empty(t, errs)
		})
	}
}

// TestOddBodiesWrongTypesDecodeTolerantly: values of the wrong JSON type
// are read as the documented type.
func TestOddBodiesWrongTypesDecodeTolerantly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	tc := oddClient(t, `{"groups":"x","topics":"y","brokers":7}`)
	got, err := tc.Get(ctx, id, "topic1")
	require.NoError(t, err)
	assert.Equal(t, []topics.Broker{{}}, got.Brokers, "7 is one unreadable broker")
	lg, err := tc.ListGroups(ctx, id, "topic1", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, lg.Groups)
	l, err := tc.List(ctx, id, nil)
	require.NoError(t, err)
	require.Len(t, l.Topics, 1)
	assert.Empty(t, l.Topics[0].Name)

	tc = oddClient(t, `{"brokers":[{"queues":{"id":"x","min_offset":"?"}}],"topics":[[1]]}`)
	st, err := tc.GetStatus(ctx, id, "topic1")
	require.NoError(t, err)
	assert.Equal(t, []topics.StatusBroker{{Queues: []topics.StatusQueue{{}}}}, st.Brokers, "unreadable numbers are 0")
}

// TestOddBodiesNotJSONAreDecodeErrors: a body that is not JSON is an
// error of every call that reads the answer, and an iterator yields it
// once.
func TestOddBodiesNotJSONAreDecodeErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	tc := oddClient(t, `not json`)
	assertDecodeErr := func(err error) {
		t.Helper()
		require.Error(t, err)
		var apiErr *rocketmq.APIError
		assert.False(t, errors.As(err, &apiErr), "not an APIError: %v", err)
		assert.Contains(t, err.Error(), "decoding the response")
	}
	_, err := tc.Get(ctx, id, "topic1")
	assertDecodeErr(err)
	_, err = tc.GetStatus(ctx, id, "topic1")
	assertDecodeErr(err)
	_, err = tc.Create(ctx, id, &topics.CreateRequest{Name: "topic1"})
	assertDecodeErr(err)
	_, errs := testutil.Collect(t, tc.ListGroupsIter(ctx, id, "topic1", nil))
	require.Len(t, errs, 1)
	assertDecodeErr(errs[0])
}
