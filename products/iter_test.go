package products_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/internal/testutil"
	"github.com/dms-rocketmq/rocketmq-go/products"
)

func ids(ps []products.Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ProductID
	}
	return out
}

func TestListIterPagesUntilTotalKeepingFilters(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=2&offset=1&type=advanced",
			Response: `{"total":5.0,"products":[{"product_id":"p-2"},{"product_id":"p-3"}]}`},
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=2&offset=3&type=advanced",
			Response: `{"total":5,"products":[{"product_id":"p-4"},{"product_id":"p-5"}]}`},
	)
	opts := &products.ListOptions{Type: products.TypeAdvanced, Limit: 2, Offset: 1}
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), opts))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"p-2", "p-3", "p-4", "p-5"}, ids(got))
	assert.Equal(t, &products.ListOptions{Type: products.TypeAdvanced, Limit: 2, Offset: 1}, opts, "options unchanged")
}

func TestListIterNilOptionsShortPage(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=50",
			Response: `{"products":[{"product_id":"c6.4u8g.cluster"},{"product_id":"c6.8u16g.cluster"}]}`},
	)
	got, errs := testutil.Collect(t, c.ListIter(context.Background(), nil))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"c6.4u8g.cluster", "c6.8u16g.cluster"}, ids(got))
}

func TestListIterBreakAndErrorOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t,
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=1", Response: `{"total":3,"products":[{"product_id":"p-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=1", Response: `{"total":3,"products":[{"product_id":"p-1"}]}`},
		testutil.Call{Method: http.MethodGet, Path: listPath, Query: "limit=1&offset=1", Status: http.StatusBadRequest,
			Response: `{"error_code":"DMS.40050010","error_msg":"Offset parameter is invalid"}`},
	)
	n := 0
	for p, err := range c.ListIter(context.Background(), &products.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		assert.Equal(t, "p-1", p.ProductID)
		n++
		break
	}
	assert.Equal(t, 1, n)

	got, errs := testutil.Collect(t, c.ListIter(context.Background(), &products.ListOptions{Limit: 1}))
	assert.Equal(t, []string{"p-1"}, ids(got))
	require.Len(t, errs, 1)
	var apiErr *rocketmq.APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "DMS.40050010", apiErr.Code)
}

func TestListIterValidationOnce(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, tc := range []struct {
		opts  *products.ListOptions
		field string
	}{
		{&products.ListOptions{Limit: -1}, "limit"},
		{&products.ListOptions{Offset: -3}, "offset"},
	} {
		got, errs := testutil.Collect(t, c.ListIter(context.Background(), tc.opts))
		assert.Empty(t, got)
		require.Len(t, errs, 1)
		testutil.AssertValidation(t, errs[0], tc.field)
	}
}
