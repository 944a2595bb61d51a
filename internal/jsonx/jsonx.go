// Package jsonx decodes JSON tolerantly: it first decodes strictly with
// encoding/json and, only when the document's types do not fit the target,
// normalizes the document to the target's shape and decodes again.
//
// The normalization accepts what the DMS service and its documentation send
// in place of the documented types: numbers as strings (also with stray
// punctuation such as "3,"), strings as numbers, booleans as strings, an
// object where an array is documented (it becomes a one-element array), an
// array where an object is documented (its first element), integers beyond
// the target's range (clamped, e.g. remain_time 9223372036854776000), and
// JSON objects or arrays where a string is documented (kept as their JSON
// text). null is left to encoding/json (the zero value).
//
// An "array or wrapper" answer — a bare array where an object holding the
// list is documented — decodes into the struct field tagged
// `jsonx:"bare"` (a slice): the wrapper's list. Without such a field, an
// array where an object is documented is its first element.
package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Unmarshal decodes data into v (a non-nil pointer), tolerantly. When v
// decodes itself (json.Unmarshaler), its UnmarshalJSON gets data directly:
// encoding/json would scan the document twice more before calling it.
func Unmarshal(data []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(data)
	}
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var ute *json.UnmarshalTypeError
	if !errors.As(err, &ute) {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return err
	}
	var tree any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if derr := dec.Decode(&tree); derr != nil {
		return err
	}
	norm := Normalize(tree, rv.Type().Elem())
	b, merr := json.Marshal(norm)
	if merr != nil {
		return err
	}
	rv.Elem().Set(reflect.Zero(rv.Type().Elem()))
	return json.Unmarshal(b, v)
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	rawMessageType  = reflect.TypeFor[json.RawMessage]()
)

// Normalize reshapes a tree decoded with UseNumber to fit type t.
func Normalize(val any, t reflect.Type) any {
	if val == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType || reflect.PointerTo(t).Implements(unmarshalerType) {
		// A type that decodes itself gets the document's value as it is.
		return val
	}
	switch t.Kind() {
	case reflect.Interface:
		return val
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return toInt(val, t)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return toUint(val, t)
	case reflect.Float32, reflect.Float64:
		if n, ok := numberOf(val); ok {
			if _, err := strconv.ParseFloat(string(n), t.Bits()); err == nil {
				return n
			}
		}
		return nil
	case reflect.Bool:
		return toBool(val)
	case reflect.String:
		return toString(val, t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return val // []byte: base64 string
		}
		return toSlice(val, t.Elem())
	case reflect.Array:
		return toSlice(val, t.Elem())
	case reflect.Map:
		m, ok := val.(map[string]any)
		if !ok {
			return nil
		}
		for k, e := range m {
			m[k] = Normalize(e, t.Elem())
		}
		return m
	case reflect.Struct:
		if arr, ok := val.([]any); ok {
			if name, ft, ok := bareField(t); ok {
				return map[string]any{name: Normalize(arr, ft)}
			}
			if len(arr) == 0 {
				return nil
			}
			val = arr[0]
		}
		m, ok := val.(map[string]any)
		if !ok {
			return nil
		}
		fields := fieldsOf(t)
		for k, e := range m {
			if ft, ok := fields[strings.ToLower(k)]; ok {
				m[k] = Normalize(e, ft)
			}
		}
		return m
	}
	return val
}

// MaxDigits bounds the length of a number taken as a number: a longer one
// cannot be an int64 nor a sensible float64, and is not a number for the
// normalizer (its field keeps the zero value). Checked before any parsing,
// so a hostile answer of millions of digits costs one length check.
const MaxDigits = 400

// numberOf returns val as a json.Number when it is one or a numeric string
// of at most MaxDigits bytes.
func numberOf(val any) (json.Number, bool) {
	switch v := val.(type) {
	case json.Number:
		if len(v) > MaxDigits {
			return "", false
		}
		return v, true
	case string:
		if len(v) > 4*MaxDigits {
			return "", false
		}
		s := cleanNumber(v)
		if len(s) > MaxDigits {
			return "", false
		}
		if !isNumberLiteral(s) {
			// Also refuses "Inf", "NaN" and hex, which ParseFloat takes.
			return "", false
		}
		return json.Number(s), true
	case bool:
		if v {
			return "1", true
		}
		return "0", true
	}
	return "", false
}

// isNumberLiteral reports whether s is a JSON number (any magnitude).
func isNumberLiteral(s string) bool {
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return false
	}
	return json.Valid([]byte(s))
}

// cleanNumber trims spaces, surrounding quotes and stray trailing
// punctuation ("3," → "3").
func cleanNumber(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, `"'`)
	s = strings.TrimRight(s, ",;. ")
	return strings.ReplaceAll(s, "_", "")
}

func toInt(val any, t reflect.Type) any {
	n, ok := numberOf(val)
	if !ok {
		return nil
	}
	lo, hi := intRange(t.Bits())
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return json.Number(strconv.FormatInt(max(lo, min(hi, i)), 10))
	}
	f, _, err := big.ParseFloat(string(n), 10, 200, big.ToNearestEven)
	if err != nil {
		return nil
	}
	// Clamp before converting: f.Int of 1e100000000 would build a huge
	// integer (and of ±Inf returns nil).
	switch {
	case f.Cmp(new(big.Float).SetInt64(hi)) > 0:
		return json.Number(strconv.FormatInt(hi, 10))
	case f.Cmp(new(big.Float).SetInt64(lo)) < 0:
		return json.Number(strconv.FormatInt(lo, 10))
	}
	bi, _ := f.Int(nil)
	return json.Number(bi.String())
}

func intRange(bits int) (int64, int64) {
	switch bits {
	case 8:
		return math.MinInt8, math.MaxInt8
	case 16:
		return math.MinInt16, math.MaxInt16
	case 32:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func toUint(val any, t reflect.Type) any {
	n, ok := numberOf(val)
	if !ok {
		return nil
	}
	f, _, err := big.ParseFloat(string(n), 10, 200, big.ToNearestEven)
	if err != nil {
		return nil
	}
	if f.Sign() < 0 {
		return json.Number("0")
	}
	hi := uint64(math.MaxUint64) >> (64 - t.Bits())
	if f.Cmp(new(big.Float).SetUint64(hi)) > 0 {
		return json.Number(strconv.FormatUint(hi, 10))
	}
	bi, _ := f.Int(nil)
	return json.Number(bi.String())
}

func toBool(val any) any {
	switch v := val.(type) {
	case bool:
		return v
	case json.Number:
		f, err := v.Float64()
		return err == nil && f != 0
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil
		}
		return b
	}
	return nil
}

func toString(val any, t reflect.Type) any {
	switch v := val.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil
		}
		return string(b)
	}
}

func toSlice(val any, elem reflect.Type) any {
	arr, ok := val.([]any)
	if !ok {
		if s, isStr := val.(string); isStr && strings.TrimSpace(s) == "" {
			return nil
		}
		arr = []any{val}
	}
	for i, e := range arr {
		arr[i] = Normalize(e, elem)
	}
	return arr
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

type bare struct {
	name string
	t    reflect.Type
}

var bareCache sync.Map // reflect.Type → bare (t nil: none)

// bareField returns the JSON name and type of t's field tagged
// `jsonx:"bare"`, the list a bare array answer fills.
func bareField(t reflect.Type) (string, reflect.Type, bool) {
	if b, ok := bareCache.Load(t); ok {
		v := b.(bare)
		return v.name, v.t, v.t != nil
	}
	var v bare
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Tag.Get("jsonx") != "bare" || !f.IsExported() || f.Type.Kind() != reflect.Slice {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		v = bare{name: name, t: f.Type}
		break
	}
	bareCache.Store(t, v)
	return v.name, v.t, v.t != nil
}

// fieldsOf maps the lower-cased JSON names of t's fields to their types,
// following encoding/json's rules for tags and embedded structs.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := make(map[string]reflect.Type)
	collectFields(t, m, 0)
	fieldCache.Store(t, m)
	return m
}

func collectFields(t reflect.Type, m map[string]reflect.Type, depth int) {
	if depth > 8 {
		return
	}
	var embedded []reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		key := strings.ToLower(name)
		if _, ok := m[key]; !ok {
			m[key] = f.Type
		}
	}
	// Shallower fields win over embedded ones.
	for _, et := range embedded {
		sub := make(map[string]reflect.Type)
		collectFields(et, sub, depth+1)
		for k, v := range sub {
			if _, ok := m[k]; !ok {
				m[k] = v
			}
		}
	}
}
