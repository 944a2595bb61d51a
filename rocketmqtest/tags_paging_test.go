package rocketmqtest_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	rocketmq "github.com/dms-rocketmq/rocketmq-go"
	"github.com/dms-rocketmq/rocketmq-go/azs"
	"github.com/dms-rocketmq/rocketmq-go/rocketmqtest"
	"github.com/dms-rocketmq/rocketmq-go/tags"
)

const pProjectTags = "/v2/{project_id}/rocketmq/tags"

// tagPage is one page of an instance's tags as the emulator answers it.
type tagPage struct {
	Tags []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"tags"`
	Total          int `json:"total"`
	NextOffset     int `json:"next_offset"`
	PreviousOffset int `json:"previous_offset"`
}

// projectTagPage is one page of the project's tags: {key, values}.
type projectTagPage struct {
	Tags []struct {
		Key    string   `json:"key"`
		Values []string `json:"values"`
	} `json:"tags"`
	Total          int `json:"total"`
	NextOffset     int `json:"next_offset"`
	PreviousOffset int `json:"previous_offset"`
}

func numberedTags(n int) []tags.Tag {
	out := make([]tags.Tag, n)
	for i := range out {
		out[i] = tags.Tag{Key: "k" + strconv.Itoa(10+i), Value: "v" + strconv.Itoa(i)}
	}
	return out
}

// TestInstanceTagsPageLikeTheService: limit/offset (default 10), total,
// next_offset and previous_offset; an offset at the total is refused;
// tags.List follows the pages to the end.
func TestInstanceTagsPageLikeTheService(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "paged-tags"})
	tc := tags.New(e.c)
	ctx := context.Background()
	require.NoError(t, tc.Create(ctx, id, numberedTags(20)))
	require.NoError(t, tc.Delete(ctx, id, []tags.Tag{{Key: "k29"}}))

	var p tagPage
	e.ok(req("GET", pTags, "instance_id", id), &p)
	require.Len(t, p.Tags, 10, "default page 10")
	assert.Equal(t, "k10", p.Tags[0].Key)
	assert.Equal(t, "v0", p.Tags[0].Value)
	assert.Equal(t, 19, p.Total)
	assert.Equal(t, 10, p.NextOffset)
	assert.Equal(t, -1, p.PreviousOffset)

	p = tagPage{}
	e.ok(withQuery(req("GET", pTags, "instance_id", id), "limit", "5", "offset", "15"), &p)
	require.Len(t, p.Tags, 4)
	assert.Equal(t, "k25", p.Tags[0].Key)
	assert.Equal(t, "k28", p.Tags[3].Key)
	assert.Equal(t, 19, p.Total)
	assert.Equal(t, -1, p.NextOffset)
	assert.Equal(t, 10, p.PreviousOffset)

	e.fails(withQuery(req("GET", pTags, "instance_id", id), "offset", "19"), 400, "DMS.40050010")
	e.fails(withQuery(req("GET", pTags, "instance_id", id), "limit", "0"), 400, "DMS.10240042")

	got, err := tc.List(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, int64(19), got.Total)
	assert.Equal(t, numberedTags(19), got.Tags)

	empty := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "no-tags"})
	got, err = tc.List(ctx, empty)
	require.NoError(t, err)
	assert.Empty(t, got.Tags)
	assert.Zero(t, got.Total)
}

// TestTwentyTagsPerInstance: an instance carries at most 20 tags; a 21st
// key is DMS.10240044 (the reference's code for too many tags), a new
// value for a key it has is not a new tag.
func TestTwentyTagsPerInstance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "full-tags"})
	tc := tags.New(e.c)
	ctx := context.Background()
	require.NoError(t, tc.Create(ctx, id, numberedTags(20)))
	require.NoError(t, tc.Create(ctx, id, []tags.Tag{{Key: "k10", Value: "changed"}}))
	apiErr := e.fails(withBody(req("POST", pTagAction, "instance_id", id),
		map[string]any{"action": "create", "tags": []map[string]string{{"key": "one-more", "value": "v"}}}), 400, "DMS.10240044")
	assert.Contains(t, apiErr.Message, "20")
	got, err := tc.List(ctx, id)
	require.NoError(t, err)
	require.Len(t, got.Tags, 20)
	assert.Equal(t, tags.Tag{Key: "k10", Value: "changed"}, got.Tags[0])
}

// TestTagValueRules: a value may not hold "/" nor start or end with a
// space (DMS.10240039); the other characters of the rule are accepted.
func TestTagValueRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "tag-rules"})
	create := func(value string) *rocketmq.Request {
		return withBody(req("POST", pTagAction, "instance_id", id),
			map[string]any{"action": "create", "tags": []map[string]string{{"key": "k", "value": value}}})
	}
	for _, v := range []string{"a/b", " lead", "trail ", " "} {
		e.fails(create(v), 400, "DMS.10240039")
	}
	e.ok(create("a b_c.d:e=f+g-h@i"), nil)
	e.ok(create(""), nil)
}

// TestProjectTagsKeyValues: the project's tags are {key, values}, each key
// once with its distinct values sorted, paged by key like the service;
// tags.ListProject follows the pages and keeps every value.
func TestProjectTagsKeyValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "proj-a", Tags: []rocketmqtest.Tag{{Key: "env", Value: "test"}, {Key: "team", Value: "billing"}}})
	b := e.srv.MustAddInstance(rocketmqtest.InstanceSeed{Name: "proj-b", Tags: []rocketmqtest.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "billing"}}})
	tc := tags.New(e.c)
	ctx := context.Background()
	require.NoError(t, tc.Create(ctx, a, numberedTags(10)))
	require.NotEmpty(t, b)

	var p projectTagPage
	e.ok(req("GET", pProjectTags), &p)
	assert.Equal(t, 12, p.Total, "env, team and ten numbered keys")
	require.Len(t, p.Tags, 10)
	assert.Equal(t, "env", p.Tags[0].Key)
	assert.Equal(t, []string{"prod", "test"}, p.Tags[0].Values)
	assert.Equal(t, "k10", p.Tags[1].Key)
	assert.Equal(t, []string{"v0"}, p.Tags[1].Values)
	assert.Equal(t, 10, p.NextOffset)
	assert.Equal(t, -1, p.PreviousOffset)

	p = projectTagPage{}
	e.ok(withQuery(req("GET", pProjectTags), "offset", "10"), &p)
	require.Len(t, p.Tags, 2)
	assert.Equal(t, "k19", p.Tags[0].Key)
	assert.Equal(t, "team", p.Tags[1].Key)
	assert.Equal(t, []string{"billing"}, p.Tags[1].Values, "a value shared by two instances counts once")
	assert.Equal(t, -1, p.NextOffset)
	assert.Equal(t, 0, p.PreviousOffset)

	got, err := tc.ListProject(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(12), got.Total)
	require.Len(t, got.Tags, 12)
	assert.Equal(t, tags.ProjectTag{Key: "env", Values: []string{"prod", "test"}}, got.Tags[0])
	assert.Equal(t, tags.ProjectTag{Key: "k19", Values: []string{"v9"}}, got.Tags[10])
	assert.Equal(t, tags.ProjectTag{Key: "team", Values: []string{"billing"}}, got.Tags[11])
}

// TestAvailableZonesModeAndScope: the zones carry the current service's
// mode and scope.
func TestAvailableZonesModeAndScope(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	list, err := azs.New(e.c).List(context.Background())
	require.NoError(t, err)
	require.NotEmpty(t, list.AvailableZones)
	for _, z := range list.AvailableZones {
		assert.Equal(t, azs.ModeCenter, z.Mode, z.Name)
		assert.Equal(t, "center", z.Scope, z.Name)
	}
	var raw struct {
		AvailableZones []map[string]any `json:"available_zones"`
	}
	e.ok(req(http.MethodGet, "/v2/available-zones"), &raw)
	assert.Equal(t, "center", raw.AvailableZones[0]["mode"])
	assert.Equal(t, "center", raw.AvailableZones[0]["scope"])
}
