package groups_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/groups"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
)

// oddClient answers every request with a 200 and body.
func oddClient(t *testing.T, body string) *groups.Client {
	t.Helper()
	c, mt := testutil.NewClient(t)
	mt.RegisterNoResponder(httpmock.NewStringResponder(http.StatusOK, body))
	return groups.New(c)
}

// TestOddBodiesDecodeToEmptyAnswers: success bodies that hold nothing of
// the documented shape (an empty or one-empty-element array, a bare
// string or number, null) decode to empty answers, never an error; Get
// keeps the name it was asked for; the iterators yield nothing.
func TestOddBodiesDecodeToEmptyAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	for _, b := range []string{`[]`, `[{}]`, `"text"`, `123`, `null`} {
		t.Run(b, func(t *testing.T) {
			t.Parallel()
			gc := oddClient(t, b)
			l, err := gc.List(ctx, id, nil)
			require.NoError(t, err)
			assert.Empty(t, l.Groups)
			assert.Zero(t, l.Total)
			g, err := gc.Get(ctx, id, "group1")
			require.NoError(t, err)
			assert.Equal(t, "group1", g.Name)
			assert.Empty(t, g.Brokers)
			cr, err := gc.Create(ctx, id, &groups.CreateRequest{Name: "group1"})
			require.NoError(t, err)
			assert.Equal(t, &groups.CreateResponse{}, cr)
			cons, err := gc.GetConsumption(ctx, id, "group1", "topic1")
			require.NoError(t, err)
			assert.Empty(t, cons.Brokers)
			assert.Zero(t, cons.TotalLag())
			reset, err := gc.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
			require.NoError(t, err)
			assert.Empty(t, reset.Queues)
			cl, err := gc.ListClients(ctx, id, "group1", nil)
			require.NoError(t, err)
			assert.Empty(t, cl.Clients)
			require.NoError(t, gc.Update(ctx, id, "group1", &groups.UpdateRequest{}))
			require.NoError(t, gc.Delete(ctx, id, "group1"))
			gs, errs := testutil.Collect(t, gc.ListIter(ctx, id, nil))
			assert.Empty(t, gs)
			assert.Empty(t, errs)
			ts, errs := testutil.Collect(t, gc.ListTopicsIter(ctx, id, "group1", nil))
			assert.Empty(t, ts)
			assert.Empty(t, errs)
		})
	}
}

// TestOddBodiesWrongTypesDecodeTolerantly: values of the wrong JSON type
// are read as the documented type (a string for an array of objects, a
// number for a string, an object for an array).
func TestOddBodiesWrongTypesDecodeTolerantly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	gc := oddClient(t, `{"groups":"x","queues":"y","brokers":7,"topics":{"a":1}}`)
	l, err := gc.List(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, []groups.Group{{}}, l.Groups, `"x" is one unreadable group`)
	g, err := gc.Get(ctx, id, "group1")
	require.NoError(t, err)
	assert.Equal(t, []string{"7"}, g.Brokers)
	lt, err := gc.ListTopics(ctx, id, "group1", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{`{"a":1}`}, lt.Topics)
	cons, err := gc.GetConsumption(ctx, id, "group1", "topic1")
	require.NoError(t, err)
	assert.Equal(t, []groups.ConsumptionBroker{{}}, cons.Brokers)
	reset, err := gc.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
	require.NoError(t, err)
	assert.Equal(t, []groups.ResetQueue{{}}, reset.Queues)

	gc = oddClient(t, `{"brokers":[{"queues":{"id":"x","lag":"?"}}],"queues":[{"timestamp_of_fset":[1]}]}`)
	cons, err = gc.GetConsumption(ctx, id, "group1", "topic1")
	require.NoError(t, err)
	assert.Equal(t, []groups.ConsumptionBroker{{Queues: []groups.ConsumptionQueue{{}}}}, cons.Brokers, "unreadable numbers are 0")
	reset, err = gc.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
	require.NoError(t, err)
	assert.Equal(t, []groups.ResetQueue{{}}, reset.Queues)
}

// TestOddBodiesNotJSONAreDecodeErrors: a body that is not JSON is an
// error of every call (neither a service answer nor a refused input), and
// an iterator yields it once.
func TestOddBodiesNotJSONAreDecodeErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	id := testutil.InstanceID
	gc := oddClient(t, `not json`)
	assertDecodeErr := func(err error) {
		t.Helper()
		require.Error(t, err)
		var apiErr *rocketmq.APIError
		var ve *rocketmq.ValidationError
		assert.False(t, errors.As(err, &apiErr), "not an APIError: %v", err)
		assert.False(t, errors.As(err, &ve), "not a ValidationError: %v", err)
		assert.Contains(t, err.Error(), "decoding the response")
	}
	_, err := gc.List(ctx, id, nil)
	assertDecodeErr(err)
	_, err = gc.Get(ctx, id, "group1")
	assertDecodeErr(err)
	_, err = gc.GetConsumption(ctx, id, "group1", "topic1")
	assertDecodeErr(err)
	_, err = gc.ResetOffset(ctx, id, "group1", &groups.ResetOffsetRequest{Topic: "topic1"})
	assertDecodeErr(err)
	_, err = gc.ListClients(ctx, id, "group1", nil)
	assertDecodeErr(err)
	_, errs := testutil.Collect(t, gc.ListTopicsIter(ctx, id, "group1", nil))
	require.Len(t, errs, 1)
	assertDecodeErr(errs[0])
}
