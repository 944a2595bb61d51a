package rocketmq

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// appendix72Codes is the number of distinct codes in the table of section
// "## 7.2 错误码" of ../shared/spec/000_9a7c04ff09b5abde.txt, counted by hand
// from the repository root with
//
//	sed -n '/^## 7\.2 /,/^## 7\.3 /p' ../shared/spec/000_9a7c04ff09b5abde.txt |
//	  awk -F'\t' '$1 ~ /^[0-9][0-9][0-9]$/ {gsub(/ /, "", $2); print $2}' |
//	  sort -u | wc -l
//
// (rows are the lines whose first tab-separated cell is a 3-digit status;
// the stray space in codes such as "DMS. 00400015" is removed before
// counting). It gives 166; the same pipeline without -u also gives 166 (no
// code is listed twice), as does grep -c 'DMS\.' over the section.
const appendix72Codes = 166

func TestErrorCodesCount(t *testing.T) {
	require.Len(t, errorCodeTable, appendix72Codes)
	require.Len(t, ErrorCodes(), appendix72Codes)
}

func TestErrorCodesSpotChecks(t *testing.T) {
	cases := []ErrorCodeInfo{
		{
			Code:        "DMS.00400002",
			Status:      400,
			Message:     "The project ID format is invalid.",
			Description: "Project-ID的格式无效。",
			Advice:      "请检查Project-ID的格式",
		},
		{
			// Written "DMS. 00400015" in the reference.
			Code:        "DMS.00400015",
			Status:      400,
			Message:     "Invalid username. A username must be 4 to 64 characters long and consist of only letters, digits, and hyphens (-).",
			Description: "用户名不符合要求，用户名只能由英文字母、数字、中划线组成，长度为4~64的字符。",
			Advice:      "请检查用户名",
		},
		{
			// Flow control, documented with HTTP 404.
			Code:        "DMS.10240407",
			Status:      404,
			Message:     "The request is too frequent. Flow control is being performed. Please try again later.",
			Description: "请求过于频繁，正在流控，请稍后再试。",
			Advice:      "请稍后再试",
		},
		{
			Code:        "DMS.00404022",
			Status:      404,
			Message:     "This instance does not exist.",
			Description: "实例不存在。",
			Advice:      "请检查是否存在该实例",
		},
		{
			Code:        "DMS.00400026",
			Status:      400,
			Message:     "This operation is not allowed due to the instance status.",
			Description: "当前的实例状态不支持该操作。",
			Advice:      "请检查实例状态",
		},
		{
			Code:        "DMS.00500017",
			Status:      500,
			Message:     "Internal service error.",
			Description: "内部服务错误。",
			Advice:      "请联系技术支持。",
		},
		{
			// Last row of the table.
			Code:        "DMS.10550035",
			Status:      500,
			Message:     "tag_type must be either or or and.",
			Description: "tag_type不正确，tag_type必须为or或者and。",
			Advice:      "请检查tag_type",
		},
	}
	for _, want := range cases {
		got, ok := LookupErrorCode(want.Code)
		require.True(t, ok, want.Code)
		require.Equal(t, want, got)
	}

	require.Equal(t, "DMS.00400015", CodeDMS00400015)
	require.Equal(t, "DMS.10240407", CodeDMS10240407)
	require.Equal(t, 404, errorCodeTable[CodeDMS10240407].Status)
}

func TestLookupErrorCodeStraySpace(t *testing.T) {
	info, ok := LookupErrorCode("DMS. 00400015")
	require.True(t, ok)
	require.Equal(t, CodeDMS00400015, info.Code)
	require.Equal(t, "请检查用户名", info.Advice)

	_, ok = LookupErrorCode(" DMS.10240407 ")
	require.True(t, ok)

	for _, code := range []string{"", "DMS.", "DMS.99999999", CodeUserNotFound, CodeSignatureInvalid} {
		_, ok := LookupErrorCode(code)
		require.False(t, ok, code)
	}
}

func TestErrorCodesSortedFreshCopy(t *testing.T) {
	list := ErrorCodes()
	require.True(t, slices.IsSortedFunc(list, func(a, b ErrorCodeInfo) int {
		return strings.Compare(a.Code, b.Code)
	}))
	for i := 1; i < len(list); i++ {
		require.NotEqual(t, list[i-1].Code, list[i].Code)
	}
	for _, info := range list {
		require.NotContains(t, info.Code, " ")
		require.NotZero(t, info.Status, info.Code)
		require.NotEmpty(t, info.Message, info.Code)
		got, ok := LookupErrorCode(info.Code)
		require.True(t, ok)
		require.Equal(t, info, got)
	}

	// Changing the returned slice must not affect the catalogue or the next
	// call.
	first := list[0]
	list[0].Advice = "changed"
	list[0].Status = 0
	again := ErrorCodes()
	require.Equal(t, first, again[0])
	info, ok := LookupErrorCode(first.Code)
	require.True(t, ok)
	require.Equal(t, first, info)
	require.NotSame(t, &list[0], &again[0])
}

func TestErrorCodeAliases(t *testing.T) {
	require.Equal(t, "DMS.00404022", CodeInstanceNotFound)
	require.Equal(t, "DMS.00400060", CodeDuplicateInstanceName)
	require.Equal(t, "DMS.00400026", CodeInstanceStatusConflict)
	require.Equal(t, "DMS.00400017", CodeJobRunning)
	require.Equal(t, "DMS.10240407", CodeFlowControl)
	for _, code := range []string{
		CodeInstanceNotFound, CodeDuplicateInstanceName, CodeInstanceStatusConflict,
		CodeJobRunning, CodeFlowControl,
	} {
		_, ok := LookupErrorCode(code)
		require.True(t, ok, code)
	}
}
