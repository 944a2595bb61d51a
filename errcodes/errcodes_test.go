package errcodes

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

// appendix72Codes is the number of distinct codes in the table of section
// "## 7.2 错误码" of the API reference (../shared/spec/000_9a7c04ff09b5abde.txt,
// outside the repository), counted by hand from the repository root with
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
	require.Len(t, table, appendix72Codes)
	require.Len(t, All(), appendix72Codes)
}

func TestErrorCodesSpotChecks(t *testing.T) {
	cases := []Info{
		{
			Code:        "DMS.00400002",
			Status:      400,
			Message:     "The project ID format is invalid.",
			Description: "Project-ID的格式无效。",
			Advice:      "请检查Project-ID的格式",
			AdviceEN:    "Check the format of the project ID.",
		},
		{
			// Written "DMS. 00400015" in the reference.
			Code:        "DMS.00400015",
			Status:      400,
			Message:     "Invalid username. A username must be 4 to 64 characters long and consist of only letters, digits, and hyphens (-).",
			Description: "用户名不符合要求，用户名只能由英文字母、数字、中划线组成，长度为4~64的字符。",
			Advice:      "请检查用户名",
			AdviceEN:    "Check the username.",
		},
		{
			// Flow control, documented with HTTP 404.
			Code:        "DMS.10240407",
			Status:      404,
			Message:     "The request is too frequent. Flow control is being performed. Please try again later.",
			Description: "请求过于频繁，正在流控，请稍后再试。",
			Advice:      "请稍后再试",
			AdviceEN:    "Try again later.",
		},
		{
			Code:        "DMS.00404022",
			Status:      404,
			Message:     "This instance does not exist.",
			Description: "实例不存在。",
			Advice:      "请检查是否存在该实例",
			AdviceEN:    "Check that the instance exists.",
		},
		{
			Code:        "DMS.00400026",
			Status:      400,
			Message:     "This operation is not allowed due to the instance status.",
			Description: "当前的实例状态不支持该操作。",
			Advice:      "请检查实例状态",
			AdviceEN:    "Check the instance status.",
		},
		{
			Code:        "DMS.00500017",
			Status:      500,
			Message:     "Internal service error.",
			Description: "内部服务错误。",
			Advice:      "请联系技术支持。",
			AdviceEN:    "Contact technical support.",
		},
		{
			// Last row of the table.
			Code:        "DMS.10550035",
			Status:      500,
			Message:     "tag_type must be either or or and.",
			Description: "tag_type不正确，tag_type必须为or或者and。",
			Advice:      "请检查tag_type",
			AdviceEN:    "Check tag_type.",
		},
	}
	for _, want := range cases {
		got, ok := Lookup(want.Code)
		require.True(t, ok, want.Code)
		require.Equal(t, want, got)
	}

	require.Equal(t, "DMS.00400015", DMS00400015)
	require.Equal(t, "DMS.10240407", DMS10240407)
	require.Equal(t, 404, table[DMS10240407].Status)
}

func TestLookupStraySpace(t *testing.T) {
	info, ok := Lookup("DMS. 00400015")
	require.True(t, ok)
	require.Equal(t, DMS00400015, info.Code)
	require.Equal(t, "请检查用户名", info.Advice)

	_, ok = Lookup(" DMS.10240407 ")
	require.True(t, ok)

	for _, code := range []string{"", "DMS.", "DMS.99999999", "DMS.00500972", "APIGW.0301"} {
		_, ok := Lookup(code)
		require.False(t, ok, code)
	}
}

func TestErrorCodesSortedFreshCopy(t *testing.T) {
	list := All()
	require.True(t, slices.IsSortedFunc(list, func(a, b Info) int {
		return strings.Compare(a.Code, b.Code)
	}))
	for i := 1; i < len(list); i++ {
		require.NotEqual(t, list[i-1].Code, list[i].Code)
	}
	for _, info := range list {
		require.NotContains(t, info.Code, " ")
		require.NotZero(t, info.Status, info.Code)
		require.NotEmpty(t, info.Message, info.Code)
		got, ok := Lookup(info.Code)
		require.True(t, ok)
		require.Equal(t, info, got)
	}

	// Changing the returned slice must not affect the catalogue or the next
	// call.
	first := list[0]
	list[0].Advice = "changed"
	list[0].Status = 0
	again := All()
	require.Equal(t, first, again[0])
	info, ok := Lookup(first.Code)
	require.True(t, ok)
	require.Equal(t, first, info)
	require.NotSame(t, &list[0], &again[0])
}

// TestEveryEntryHasEnglishAdvice: every documented advice has a
// translation, and the translation holds no Chinese.
func TestEveryEntryHasEnglishAdvice(t *testing.T) {
	for _, info := range All() {
		require.NotEmpty(t, info.Advice, info.Code)
		require.NotEmpty(t, info.AdviceEN, info.Code)
		for _, r := range info.AdviceEN {
			require.False(t, unicode.Is(unicode.Han, r), "%s: %q", info.Code, info.AdviceEN)
		}
		require.True(t, strings.HasSuffix(info.AdviceEN, "."), "%s: %q", info.Code, info.AdviceEN)
	}
}

// TestDataFileMatchesGeneratedTable: the generated table is the checked-in
// data file (go generate was run after its last change).
func TestDataFileMatchesGeneratedTable(t *testing.T) {
	raw, err := os.ReadFile("../internal/gen/errcodes/appendix72.tsv")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	require.Equal(t, "status\tcode\tmessage\tdescription\tadvice\tadvice_en", lines[0])
	require.Len(t, lines[1:], appendix72Codes)
	for _, l := range lines[1:] {
		c := strings.Split(l, "\t")
		require.Len(t, c, 6, l)
		info, ok := Lookup(c[1])
		require.True(t, ok, c[1])
		require.Equal(t, Info{Code: c[1], Status: info.Status, Message: c[2], Description: c[3], Advice: c[4], AdviceEN: c[5]}, info)
		require.Equal(t, c[0], strconv.Itoa(info.Status))
	}
}
