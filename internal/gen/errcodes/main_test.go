package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const miniSpec = "# 7 附录\n## 7.2 错误码\n状态码\t错误码\t错误信息\t描述\t处理措施\n" +
	"400\tDMS. 00400002\tThe project ID format is invalid.\tProject-ID的格式无效。\t请检查Project-ID的格式\n" +
	"404\tDMS.00404022\tThis instance\n does not exist.\t实例不存在。\t请检查是否存在该实例\n" +
	"## 7.3 next\n"

// TestRefreshKeepsTranslations: -spec replaces the documented cells and
// keeps the translations by code; a code without one fails the run, after
// the data file was written for the translator.
func TestRefreshKeepsTranslations(t *testing.T) {
	dir := t.TempDir()
	spec, data, out := filepath.Join(dir, "spec.txt"), filepath.Join(dir, "a.tsv"), filepath.Join(dir, "errcodes.go")
	require.NoError(t, os.WriteFile(spec, []byte(miniSpec), 0o644))
	require.NoError(t, os.WriteFile(data, []byte(tsvHeader+"\n400\tDMS.00400002\told\told\told\tCheck the format of the project ID.\n"), 0o644))
	log := func(string, ...any) {}

	err := run([]string{"-spec", spec, "-data", data, "-out", out}, log)
	require.ErrorContains(t, err, "no advice_en for DMS.00404022")
	raw, err := os.ReadFile(data)
	require.NoError(t, err)
	require.Equal(t, tsvHeader+"\n"+
		"400\tDMS.00400002\tThe project ID format is invalid.\tProject-ID的格式无效。\t请检查Project-ID的格式\tCheck the format of the project ID.\n"+
		"404\tDMS.00404022\tThis instance does not exist.\t实例不存在。\t请检查是否存在该实例\t\n", string(raw))

	require.NoError(t, os.WriteFile(data, []byte(strings.Replace(string(raw), "该实例\t\n", "该实例\tCheck that the instance exists.\n", 1)), 0o644))
	require.NoError(t, run([]string{"-data", data, "-out", out}, log))
	src, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Contains(t, string(src), "package errcodes")
	require.Contains(t, string(src), `DMS00404022: {Code: DMS00404022, Status: 404, Message: "This instance does not exist.", Description: "实例不存在。", Advice: "请检查是否存在该实例", AdviceEN: "Check that the instance exists."},`)
	require.Contains(t, string(src), "// Advice: Check the format of the project ID.")
}

// TestReadTSVRefusesBadRows: a malformed data file fails the generation.
func TestReadTSVRefusesBadRows(t *testing.T) {
	for _, body := range []string{
		"",
		"wrong header\n",
		tsvHeader + "\n400\tDMS.1\tm\n",
		tsvHeader + "\nabc\tDMS.1\tm\td\ta\tA.\n",
		tsvHeader + "\n400\tnot a code\tm\td\ta\tA.\n",
		tsvHeader + "\n400\tDMS.1\tm\td\ta\tA.\n400\tDMS.1\tm\td\ta\tA.\n",
		tsvHeader + "\n400\tDMS.1\tm\td\ta\t\n",
		tsvHeader + "\n400\tDMS.1\t\td\ta\tA.\n",
	} {
		_, err := readTSV([]byte(body))
		require.Error(t, err, "%q", body)
	}
}
