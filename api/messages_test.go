package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestErrorLanguage asks for several errors in Chinese and English (Accept-Language and
// lang=) and checks the message's language; the code and status never change.
func TestErrorLanguage(t *testing.T) {
	h := memoryServer(t).Handler()
	tests := []struct {
		name, target, acceptLang string
		status                   int
		code                     string
		want                     string // a part of the message
	}{
		{"missing lon, default English", "/api/v1/nearest?level=community&lat=30.66", "", 400, "invalid", `parameter "lon": missing`},
		{"missing lon, zh-CN", "/api/v1/nearest?level=community&lat=30.66", "zh-CN,zh;q=0.9,en;q=0.8", 400, "invalid", `参数 "lon"：缺少此参数`},
		{"missing lon, lang=zh", "/api/v1/nearest?level=community&lat=30.66&lang=zh", "", 400, "invalid", `参数 "lon"：缺少此参数`},
		{"lang=en beats Accept-Language zh", "/api/v1/nearest?level=community&lat=30.66&lang=en", "zh", 400, "invalid", `parameter "lon": missing`},
		{"English preferred by q", "/api/v1/nearest?level=community&lat=30.66", "zh;q=0.5,en;q=0.9", 400, "invalid", `parameter "lon"`},
		{"other languages skipped", "/api/v1/nearest?level=community&lat=30.66", "fr,zh-TW;q=0.8", 400, "invalid", `参数 "lon"`},
		{"both targets zh", "/api/v1/nearest?level=community&category=supermarket&lon=104.06&lat=30.66", "zh", 400, "invalid", "只能给出一个"},
		{"minutes over 60 zh", "/api/v1/isochrone?lon=104.06&lat=30.66&minutes=61&lang=zh", "", 400, "invalid", "61 分钟超出范围 1–60"},
		{"bad bbox zh", "/api/v1/coverage/cells?level=any&format=csv&bbox=1,2,3&lang=zh", "", 400, "invalid", "请写成 最小经度"},
		{"bad format zh", "/api/v1/gaps?level=any&format=xml&lang=zh", "", 400, "invalid", `"xml"：可选值为`},
		{"unknown route zh", "/api/v1/nowhere?lang=zh", "", 404, "not_found", "没有这个接口"},
		{"unknown route en", "/api/v1/nowhere", "en-GB", 404, "not_found", "no such endpoint"},
		{"write without token zh", "/api/v1/compute?lang=zh", "", 401, "unauthorized", "写入令牌"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodGet
			if strings.Contains(tc.target, "/compute") {
				method = http.MethodPost
			}
			status, body := do(t, h, method, tc.target, nil, map[string]string{"Accept-Language": tc.acceptLang})
			code, msg := errorOf(t, body)
			if status != tc.status || code != tc.code || !strings.Contains(msg, tc.want) {
				t.Errorf("got %d %s %q, want %d %s …%s…", status, code, msg, tc.status, tc.code, tc.want)
			}
		})
	}
}

// TestDocsLanguage checks the docs page in Chinese (lang=zh, Accept-Language) and English.
func TestDocsLanguage(t *testing.T) {
	h := memoryServer(t).Handler()
	tests := []struct {
		name, target, acceptLang string
		status                   int
		want, notWant            []string
	}{
		{"default English", "/api/docs", "", 200, []string{`<html lang="en">`, "Machine-readable", "Nearest facilities on foot"}, []string{"步行最近的设施"}},
		{"lang=zh", "/api/docs?lang=zh", "", 200, []string{`<html lang="zh-CN">`, "机器可读版本", "步行最近的设施", "15分钟生活圈规划", `href="/api/docs?lang=en"`}, []string{"Machine-readable", "Nearest facilities on foot"}},
		{"Accept-Language zh", "/api/docs", "zh-CN,zh;q=0.9", 200, []string{"接口文档页", "<th>参数</th>"}, nil},
		{"lang=en beats Accept-Language", "/api/docs?lang=en", "zh", 200, []string{"API docs page"}, []string{"接口文档页"}},
		{"unknown lang refused", "/api/docs?lang=fr", "", 400, []string{`\"lang\"`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, h, http.MethodGet, tc.target, nil, map[string]string{"Accept-Language": tc.acceptLang})
			if status != tc.status {
				t.Fatalf("status %d, want %d: %.200s", status, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(string(body), w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
}
