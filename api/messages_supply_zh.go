package api

// zhSupplyFormat is the part of the message catalogue (zhFormat) for the supply
// endpoints and circle=; an unknown format is returned unchanged (English).
func zhSupplyFormat(en string) string {
	switch en {
	case "%q: use %s or %s":
		return "%q：请用 %s 或 %s"
	case "method 2sfca weighs every pair within the minutes 1 and takes no decay; use method=e2sfca":
		return "2sfca 方法对阈值内的每一对都取权重 1，不接受衰减函数；请用 method=e2sfca"
	case "%q: use 2sfca or e2sfca":
		return "%q：请用 2sfca 或 e2sfca"
	case "zones are for decay=zones; the Gaussian decay takes its threshold from minutes":
		return "zones 仅用于 decay=zones；高斯衰减的阈值取自 minutes"
	case "%q: use gaussian or zones":
		return "%q：请用 gaussian 或 zones"
	case "missing: give minutes:weight,… ending at the minutes, e.g. 5:1,10:0.68,15:0.22":
		return "缺少此参数：请写成 分钟:权重,…，最后一段止于 minutes，例如 5:1,10:0.68,15:0.22"
	case "%q: write each zone as minutes:weight":
		return "%q：每段请写成 分钟:权重"
	case "give one of circle, category and level":
		return "circle、category、level 只能给出其中一个"
	case "the supply within reach is in the JSON answer only; use /api/v1/supply?format=csv for a table":
		return "步行可达资源只在 JSON 结果中给出；表格请用 /api/v1/supply?format=csv"
	case "this server has no circle file":
		return "本服务未加载服务圈文件"
	case "unknown circle %q (known: %s)":
		return "未知服务圈 %q（已有：%s）"
	}
	return zhRegionFormat(en)
}
