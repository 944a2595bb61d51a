package jsonx_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dms-rocketmq/rocketmq-go/internal/jsonx"
)

type inner struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

type Base struct {
	CreatedAt int64 `json:"created_at"`
	Region    string
}

type PtrBase struct {
	Owner string `json:"owner"`
}

// level is a type with its own UnmarshalJSON that takes names or numbers.
type level int

func (l *level) UnmarshalJSON(b []byte) error {
	switch strings.Trim(string(b), `"`) {
	case "null":
		// The convention: null leaves the value alone.
	case "0":
		*l = 0
	case "low", "1":
		*l = 1
	case "high", "9":
		*l = 9
	default:
		return fmt.Errorf("bad level %s", b)
	}
	return nil
}

// pair is a struct with its own UnmarshalJSON taking "a:b".
type pair struct{ A, B string }

func (p *pair) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p.A, p.B, _ = strings.Cut(s, ":")
	return nil
}

type target struct {
	Int      int               `json:"int"`
	Int8     int8              `json:"int8"`
	Int32    int32             `json:"int32"`
	Int64    int64             `json:"int64"`
	Uint     uint              `json:"uint"`
	Uint16   uint16            `json:"uint16"`
	Float    float64           `json:"float"`
	Float32  float32           `json:"float32"`
	Bool     bool              `json:"bool"`
	Str      string            `json:"str"`
	PtrInt   *int              `json:"ptr_int"`
	PtrStr   *string           `json:"ptr_str"`
	PtrBool  *bool             `json:"ptr_bool"`
	Strs     []string          `json:"strs"`
	Ints     []int             `json:"ints"`
	Inner    inner             `json:"inner"`
	PtrInner *inner            `json:"ptr_inner"`
	Inners   []inner           `json:"inners"`
	Map      map[string]int    `json:"map"`
	MapIn    map[string]*inner `json:"map_in"`
	Any      any               `json:"any"`
	Raw      json.RawMessage   `json:"raw"`
	Bytes    []byte            `json:"bytes"`
	Arr      [2]int            `json:"arr"`
	Time     time.Time         `json:"time"`
	Level    level             `json:"level"`
	Levels   []level           `json:"levels"`
	Pair     pair              `json:"pair"`
	Skip     int               `json:"-"`
	Base
	*PtrBase
}

func ptr[T any](v T) *T { return &v }

func TestUnmarshal(t *testing.T) {
	t.Parallel()
	ts := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		doc  string
		want target
	}{
		{"numbers as strings", `{"int":"3","int8":"-7","int32":" 12 ","int64":"1636699753874","uint":"5","uint16":"65535","float":"1.5","float32":"2.25"}`,
			target{Int: 3, Int8: -7, Int32: 12, Int64: 1636699753874, Uint: 5, Uint16: 65535, Float: 1.5, Float32: 2.25}},
		{"numbers with stray punctuation", `{"int":"3,","int64":"42;","float":"0.5."}`, target{Int: 3, Int64: 42, Float: 0.5}},
		{"quoted inside quotes", `{"int":"\"8\""}`, target{Int: 8}},
		{"float string into int truncates", `{"int":"2.9","int64":1e3}`, target{Int: 2, Int64: 1000}},
		{"exponent string into int", `{"int64":"1e3"}`, target{Int64: 1000}},
		{"strings as numbers", `{"str":42,"ptr_str":-1.5,"strs":[1,"a",true]}`, target{Str: "42", PtrStr: ptr("-1.5"), Strs: []string{"1", "a", "true"}}},
		{"bools as strings", `{"bool":"true","ptr_bool":"false"}`, target{Bool: true, PtrBool: ptr(false)}},
		{"bools as numbers", `{"bool":1}`, target{Bool: true}},
		{"bool into number", `{"int":true,"float":false}`, target{Int: 1}},
		{"object where an array is documented", `{"inners":{"id":"1","label":"x"},"strs":"one","ints":"7"}`,
			target{Inners: []inner{{1, "x"}}, Strs: []string{"one"}, Ints: []int{7}}},
		{"array where an object is documented", `{"inner":[{"id":2,"label":"first"},{"id":3}],"ptr_inner":[{"id":"4"}]}`,
			target{Inner: inner{2, "first"}, PtrInner: &inner{ID: 4}}},
		{"empty array where an object is documented", `{"inner":[],"int":"1"}`, target{Int: 1}},
		{"empty string where an array is documented", `{"strs":"","int":"1"}`, target{Int: 1}},
		{"beyond int64 clamps", `{"int64":9223372036854776000,"int":"9223372036854775808"}`, target{Int64: math.MaxInt64, Int: math.MaxInt64}},
		{"below int64 clamps", `{"int64":-9223372036854776000}`, target{Int64: math.MinInt64}},
		{"narrow ints clamp", `{"int8":300,"int32":"-3000000000","uint16":70000}`, target{Int8: math.MaxInt8, Int32: math.MinInt32, Uint16: math.MaxUint16}},
		{"negative into uint is zero", `{"uint":-3}`, target{}},
		{"huge exponent clamps", `{"int64":1e400,"uint":"1e400","int":-1e400}`, target{Int64: math.MaxInt64, Uint: math.MaxUint, Int: math.MinInt}},
		{"null anywhere", `{"int":null,"str":null,"ptr_int":null,"inner":null,"inners":null,"map":null,"any":null,"time":null,"level":null,"int64":"5"}`,
			target{Int64: 5}},
		{"null inside arrays", `{"strs":["a",null],"ints":[null,"2"]}`, target{Strs: []string{"a", ""}, Ints: []int{0, 2}}},
		{"nested structs, pointers and maps", `{"ptr_int":"9","ptr_inner":{"id":"10","label":11},"map":{"a":"1","b":2},"map_in":{"k":{"id":"3"},"n":null}}`,
			target{PtrInt: ptr(9), PtrInner: &inner{10, "11"}, Map: map[string]int{"a": 1, "b": 2}, MapIn: map[string]*inner{"k": {ID: 3}, "n": nil}}},
		{"embedded structs", `{"created_at":"1700000000000","Region":7,"owner":8}`,
			target{Base: Base{CreatedAt: 1700000000000, Region: "7"}, PtrBase: &PtrBase{Owner: "8"}}},
		{"object where a string is documented", `{"str":{"a":1},"ptr_str":[1,2],"int":"1"}`, target{Str: `{"a":1}`, PtrStr: ptr(`[1,2]`), Int: 1}},
		{"case-insensitive names", `{"INT":"4","Inner":{"ID":"5"}}`, target{Int: 4, Inner: inner{ID: 5}}},
		{"unknown fields ignored", `{"nope":"x","int":"1"}`, target{Int: 1}},
		{"raw and any are kept", `{"raw":{"x":"1"},"any":{"y":"2"},"int":"3"}`,
			target{Raw: json.RawMessage(`{"x":"1"}`), Any: map[string]any{"y": "2"}, Int: 3}},
		{"fixed arrays", `{"arr":["1","2"]}`, target{Arr: [2]int{1, 2}}},
		{"time.Time stays a string", `{"time":"2024-05-01T12:00:00Z","int":"1"}`, target{Time: ts, Int: 1}},
		{"UnmarshalJSON types get the raw value", `{"level":"high","levels":["low",9],"pair":"a:b","int":"1"}`,
			target{Level: 9, Levels: []level{1, 9}, Pair: pair{"a", "b"}, Int: 1}},
		{"UnmarshalJSON types alone", `{"level":"high","pair":"x:y"}`, target{Level: 9, Pair: pair{"x", "y"}}},
		{"skipped field", `{"Skip":"1","int":"2"}`, target{Int: 2}},
		{"strict document", `{"int":1,"str":"s","bool":true,"inners":[{"id":1}]}`, target{Int: 1, Str: "s", Bool: true, Inners: []inner{{ID: 1}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got target
			require.NoError(t, jsonx.Unmarshal([]byte(tc.doc), &got))
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestUnmarshalTopLevel(t *testing.T) {
	t.Parallel()
	var s []inner
	require.NoError(t, jsonx.Unmarshal([]byte(`{"id":"1"}`), &s), "object into a slice")
	assert.Equal(t, []inner{{ID: 1}}, s)

	var in inner
	require.NoError(t, jsonx.Unmarshal([]byte(`[{"id":"2"}]`), &in), "array into a struct")
	assert.Equal(t, inner{ID: 2}, in)

	var n int64
	require.NoError(t, jsonx.Unmarshal([]byte(`"9223372036854776000"`), &n))
	assert.Equal(t, int64(math.MaxInt64), n)

	var str string
	require.NoError(t, jsonx.Unmarshal([]byte(`12`), &str))
	assert.Equal(t, "12", str)

	var m map[string]int
	require.NoError(t, jsonx.Unmarshal([]byte(`{"a":"1"}`), &m))
	assert.Equal(t, map[string]int{"a": 1}, m)
}

func TestUnmarshalErrors(t *testing.T) {
	t.Parallel()
	var tg target
	for _, doc := range []string{``, `{`, `{"int":1`, `nope`, `{"int":1}x`} {
		assert.Error(t, jsonx.Unmarshal([]byte(doc), &tg), "%q", doc)
	}
	// Not a pointer, nil pointer.
	assert.Error(t, jsonx.Unmarshal([]byte(`{"int":"1"}`), tg))
	assert.Error(t, jsonx.Unmarshal([]byte(`{"int":"1"}`), (*target)(nil)))
	// A custom unmarshaler's own error is reported.
	var l struct {
		L level `json:"l"`
		N int   `json:"n"`
	}
	assert.Error(t, jsonx.Unmarshal([]byte(`{"l":"medium","n":"1"}`), &l))
}

func TestUnmarshalOddValuesNeverPanic(t *testing.T) {
	t.Parallel()
	for _, v := range []string{`"Inf"`, `"-Inf"`, `"+Inf"`, `"NaN"`, `"infinity"`, `"0x10"`, `"0x1p4"`, `"1_000"`, `"-"`, `"."`, `","`,
		`"1e999999999"`, `"-1e999999999"`, `1e999999999`, `"1e-999999999"`, `{}`, `[]`, `[[]]`, `true`, `"true"`} {
		for _, field := range []string{"int", "int8", "uint", "uint16", "float", "float32", "bool", "str", "ints", "inner", "map", "level", "arr"} {
			doc := `{"` + field + `":` + v + `,"str":1}`
			if field == "str" {
				doc = `{"str":` + v + `,"int":"1"}`
			}
			var tg target
			start := time.Now()
			assert.NotPanics(t, func() { _ = jsonx.Unmarshal([]byte(doc), &tg) }, doc)
			assert.Less(t, time.Since(start), 100*time.Millisecond, doc)
		}
	}
}

func TestUnmarshalHugeExponentIsCheap(t *testing.T) {
	var v struct {
		N int64  `json:"n"`
		U uint64 `json:"u"`
	}
	allocs := testing.AllocsPerRun(3, func() {
		require.NoError(t, jsonx.Unmarshal([]byte(`{"n":1e100000000,"u":"1e100000000"}`), &v))
	})
	assert.Equal(t, int64(math.MaxInt64), v.N)
	assert.Equal(t, uint64(math.MaxUint64), v.U)
	assert.Less(t, allocs, 1000.0)
}

func TestNormalizeLeavesTypesAlone(t *testing.T) {
	t.Parallel()
	assert.Nil(t, jsonx.Normalize(nil, reflect.TypeFor[int]()))
	assert.Equal(t, "x", jsonx.Normalize("x", reflect.TypeFor[any]()))
	assert.Equal(t, json.Number("5"), jsonx.Normalize("5", reflect.TypeFor[**int]()))
}

// fuzzTarget has a field of every kind the normalizer converts; it has no
// json.RawMessage, whose bytes re-encoding compacts.
type fuzzTarget struct {
	I   int64            `json:"i"`
	I8  int8             `json:"i8"`
	U   uint32           `json:"u"`
	F   float64          `json:"f"`
	B   bool             `json:"b"`
	S   string           `json:"s"`
	PI  *int             `json:"pi"`
	SS  []string         `json:"ss"`
	In  inner            `json:"in"`
	PIn *inner           `json:"pin"`
	Ins []inner          `json:"ins"`
	M   map[string]int   `json:"m"`
	MA  map[string]any   `json:"ma"`
	A   any              `json:"a"`
	Arr [2]uint8         `json:"arr"`
	Lv  level            `json:"lv"`
	MS  map[string][]int `json:"ms"`
	Base
}

func FuzzUnmarshal(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`null`,
		`{"i":"3,","u":"7","f":"1.25","b":"true","s":12,"pi":"4"}`,
		`{"i":9223372036854776000,"i8":"-200","u":-1}`,
		`{"ss":"x","in":[{"id":"1","label":2}],"pin":[],"ins":{"id":3}}`,
		`{"m":{"a":"1","b":null},"ma":{"x":[1,"2",{"y":null}]},"a":[true,"s",1.5]}`,
		`{"arr":["1",2,3],"lv":"high","ms":{"k":"5"},"created_at":"17","Region":1}`,
		`{"i":"Inf","f":"NaN","u":"1e400","s":{"a":[1]}}`,
		`[{"i":"1"},{"i":"2"}]`,
		`{"b":1,"s":[1,2],"in":"oops"}`,
		`{"i":1e999999999,"u":"-1e999999999"}`,
		// Larger than the fuzzer's own inputs: numbers around MaxDigits and
		// far beyond it.
		`{"i":` + strings.Repeat("9", jsonx.MaxDigits) + `,"u":"` + strings.Repeat("9", jsonx.MaxDigits+1) + `"}`,
		`{"f":0.` + strings.Repeat("1", 5000) + `,"i8":"` + strings.Repeat("-", 3000) + `"}`,
		`{"ins":[` + strings.Repeat(`{"id":"`+strings.Repeat("8", 2000)+`"},`, 20) + `{}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v1 fuzzTarget
		if err := jsonx.Unmarshal(data, &v1); err != nil {
			return
		}
		b, err := json.Marshal(v1)
		if err != nil {
			// A custom type may refuse to encode; nothing to compare.
			return
		}
		var v2 fuzzTarget
		if err := jsonx.Unmarshal(b, &v2); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if !reflect.DeepEqual(v1, v2) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v\n(from %s via %s)", v1, v2, data, b)
		}
	})
}

func TestBareArrayFillsTheTaggedList(t *testing.T) {
	type item struct {
		N int64 `json:"n"`
	}
	type wrapper struct {
		Total int64  `json:"total"`
		Items []item `json:"items" jsonx:"bare"`
	}
	var w wrapper
	require.NoError(t, jsonx.Unmarshal([]byte(`[{"n":"1"},{"n":2}]`), &w))
	assert.Equal(t, wrapper{Items: []item{{N: 1}, {N: 2}}}, w)

	var w2 wrapper
	require.NoError(t, jsonx.Unmarshal([]byte(`{"total":"2","items":{"n":3}}`), &w2))
	assert.Equal(t, wrapper{Total: 2, Items: []item{{N: 3}}}, w2)

	var w3 wrapper
	require.NoError(t, jsonx.Unmarshal([]byte(`[]`), &w3))
	assert.Empty(t, w3.Items)
}

// A number of more than MaxDigits digits cannot be an int64 nor a sensible
// float64: it is not taken as a number at all (the field keeps its zero
// value), before any big-number work.
func TestOverlongNumbersAreNotNumbers(t *testing.T) {
	long := "1" + strings.Repeat("0", 500)
	var v struct {
		N  int64   `json:"n"`
		NS int64   `json:"ns"`
		U  uint64  `json:"u"`
		F  float64 `json:"f"`
		OK int64   `json:"ok"`
	}
	doc := `{"n":` + long + `,"ns":"` + long + `","u":` + long + `,"f":0.` + long + `,"ok":"` + strings.Repeat("9", 30) + `"}`
	require.NoError(t, jsonx.Unmarshal([]byte(doc), &v))
	assert.Equal(t, int64(0), v.N)
	assert.Equal(t, int64(0), v.NS)
	assert.Equal(t, uint64(0), v.U)
	assert.Equal(t, float64(0), v.F)
	assert.Equal(t, int64(math.MaxInt64), v.OK, "a long but bounded number is still clamped")

	// At the bound it is still a number.
	atBound := "1" + strings.Repeat("0", jsonx.MaxDigits-1)
	require.NoError(t, jsonx.Unmarshal([]byte(`{"n":`+atBound+`}`), &v))
	assert.Equal(t, int64(math.MaxInt64), v.N)
}

// Millions of digits decode to the zero value with a bounded number of
// allocations (no big.Float of the number).
func TestHugeNumberDecodesLinearly(t *testing.T) {
	doc := []byte(`{"total":` + strings.Repeat("7", 3_200_000) + `}`)
	var v struct {
		Total int64 `json:"total"`
	}
	allocs := testing.AllocsPerRun(1, func() {
		require.NoError(t, jsonx.Unmarshal(doc, &v))
	})
	assert.Equal(t, int64(0), v.Total)
	assert.Less(t, allocs, 200.0)
}
