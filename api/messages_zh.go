package api

// zhFormat is the message catalogue: the Chinese text of each English message (a fmt
// format with the same verbs in the same order) the API writes. The key is the English
// format as written at the call site; TestCatalogueCoversEveryMessage checks that every
// format given to paramError, apiErrorf and text has an entry. An unknown format is
// returned unchanged (English).
func zhFormat(en string) string {
	switch en {
	// the shape of every parameter error
	case "parameter %q: %s":
		return "参数 %q：%s"
	// values
	case "missing":
		return "缺少此参数"
	case "missing; write it as lon,lat":
		return "缺少此参数；请写成 经度,纬度（lon,lat）"
	case "%q is not a number":
		return "%q 不是数字"
	case "%q: %q is not a number":
		return "%q：%q 不是数字"
	case "%q is not a whole number":
		return "%q 不是整数"
	case "%q is not a number of minutes":
		return "%q 不是分钟数"
	case "%d is outside %d–%d":
		return "%d 超出范围 %d–%d"
	case "%d is outside 1–%d":
		return "%d 超出范围 1–%d"
	case "%d is outside 2–%d":
		return "%d 超出范围 2–%d"
	case "%g is outside (0, 1]":
		return "%g 超出范围 (0, 1]"
	case "%g minutes is outside %d–%d":
		return "%g 分钟超出范围 %d–%d"
	case "at most %d thresholds":
		return "最多 %d 个时间阈值"
	case "at most %d points":
		return "最多 %d 个点"
	case "at most %d additions":
		return "最多新增 %d 处设施"
	case "at most %d removals":
		return "最多移除 %d 处设施"
	case "%q: use true or false":
		return "%q：请用 true 或 false"
	case "%q: use %s":
		return "%q：可选值为 %s"
	case "%q: use zh or en":
		return "%q：请用 zh（中文）或 en（英文）"
	// coordinates
	case "longitude %g is outside [-180, 180]":
		return "经度 %g 超出 [-180, 180]"
	case "latitude %g is outside [-90, 90]":
		return "纬度 %g 超出 [-90, 90]"
	case "%q: write it as lon,lat":
		return "%q：请写成 经度,纬度（lon,lat）"
	case "%q: write it as minLon,minLat,maxLon,maxLat":
		return "%q：请写成 最小经度,最小纬度,最大经度,最大纬度（minLon,minLat,maxLon,maxLat）"
	case "minimum greater than maximum; write it as minLon,minLat,maxLon,maxLat":
		return "最小值大于最大值；请写成 最小经度,最小纬度,最大经度,最大纬度（minLon,minLat,maxLon,maxLat）"
	case "write each point as [lon, lat]":
		return "每个点请写成 [经度, 纬度]"
	case "give lon and lat":
		return "请给出 lon（经度）和 lat（纬度）"
	case "tiles are {z}/{x}/{y}.mvt":
		return "瓦片地址为 {z}/{x}/{y}.mvt"
	case "tile %s %q is not a whole number":
		return "瓦片 %s %q 不是整数"
	// targets and areas
	case "%s does not take this parameter; it takes %s":
		return "%s 不接受此参数；可用参数为 %s"
	case "give either category or level, not both":
		return "category（业态）与 level（站点级别）只能给出一个"
	case "give category=… (an outlet category) or level=… (a station level, or any)":
		return "请给出 category=…（网点业态）或 level=…（站点级别，或 any）"
	case "give either street or community, not both":
		return "street（街道）与 community（社区）只能给出一个"
	// plan and scenario bodies
	case "%q: give \"cells\" or a list of [lon, lat] points":
		return "%q：请给出 \"cells\" 或 [经度, 纬度] 点的列表"
	case "give \"cells\" or a list of [lon, lat] points":
		return "请给出 \"cells\" 或 [经度, 纬度] 点的列表"
	case "the list is empty; give \"cells\" or at least one [lon, lat] point":
		return "列表为空；请给出 \"cells\" 或至少一个 [经度, 纬度] 点"
	case "give facilities to add or ids to remove":
		return "请给出要新增的设施或要移除的编号"
	case "a new station needs a level (district, street, community, compound or building), not any":
		return "新站点需要级别（district 区级、street 街道、community 社区、compound 小区或 building 楼宇），不能是 any"
	case "empty id":
		return "编号为空"
	// request bodies
	case "must be %s, not %s":
		return "应为 %s，而不是 %s"
	case "unknown field":
		return "未知字段"
	case "body: unexpected data after the JSON object":
		return "请求体：JSON 对象之后还有多余内容"
	case "body: empty; send a JSON object":
		return "请求体为空；请发送一个 JSON 对象"
	case "body: malformed JSON (cut short)":
		return "请求体：JSON 格式错误（内容不完整）"
	case "body: malformed JSON at byte %d: %s":
		return "请求体：第 %d 字节处 JSON 格式错误：%s"
	case "body: must be a JSON object, not %s":
		return "请求体：应为 JSON 对象，而不是 %s"
	case "body: %s":
		return "请求体：%s"
	// uploads
	case "%q: upload to /imports/district, /imports/streets, /imports/communities, /imports/stations, /imports/outlets, /imports/compounds or /imports/grids":
		return "%q：请上传到 /imports/district（区县）、/imports/streets（街道）、/imports/communities（社区）、/imports/stations（站点）、/imports/outlets（网点）、/imports/compounds（小区）或 /imports/grids（网格）"
	case "send the file as multipart/form-data field \"file\"":
		return "请以 multipart/form-data 的 \"file\" 字段发送文件"
	case "%s: %d bad record(s), first: %s; nothing was imported (skip_invalid=true loads the good ones)":
		return "%s：%d 条记录有误，第一条：%s；未导入任何数据（skip_invalid=true 可导入其余正确的记录）"
	case "cannot read the upload":
		return "无法读取上传的文件"
	case "%q: use replace or upsert":
		return "%q：请用 replace（替换）或 upsert（新增并更新）"
	case "%q: use auto, utf-8, gbk or gb18030":
		return "%q：请用 auto、utf-8、gbk 或 gb18030"
	// the server's state
	case "the district is still loading; try again in a moment (see /readyz)":
		return "辖区数据仍在加载，请稍后再试（见 /readyz）"
	case "this server runs without a database":
		return "本服务未连接数据库"
	case "this server was started without planning standards":
		return "本服务启动时未加载规划标准"
	case "a recompute is already running; wait for it to finish":
		return "已有一次重新计算正在进行，请等待其完成"
	// fixed answers of the error handler
	case "internal error":
		return "服务内部错误"
	case "request body too large (%s)":
		return "请求体过大（%s）"
	case "JSON bodies up to %d bytes, uploads up to %d bytes":
		return "JSON 请求体最多 %d 字节，上传文件最多 %d 字节"
	case "no such endpoint (see /api/openapi.json or /api/docs)":
		return "没有这个接口（见 /api/openapi.json 或 /api/docs）"
	case "method not allowed on this endpoint":
		return "此接口不支持该请求方法"
	case "the request took too long and was stopped; narrow it (fewer sites, a smaller area) or try again":
		return "请求耗时过长，已停止；请缩小范围（减少选址、缩小区域）或重试"
	case "the request was cancelled":
		return "请求已取消"
	case "write endpoints are off: start the server with --token or LIFECIRCLE_TOKEN to enable imports, compute and deleting regions":
		return "写入接口未开启：启动服务时给出 --token 或 LIFECIRCLE_TOKEN 才能导入、计算和删除区域"
	case "send the write token as Authorization: Bearer <token>":
		return "请以 Authorization: Bearer <令牌> 发送写入令牌"
	case "the write token is wrong":
		return "写入令牌错误"
	// grids (网格)
	case "community %q is not in the district (give its 12-digit code)":
		return "社区 %q 不在本区内（请给出 12 位社区代码）"
	case "walk-time coverage has not been computed yet (lifecircle compute)":
		return "尚未计算步行可达覆盖（请运行 lifecircle compute）"
	case "%q: use community or grid":
		return "%q：请用 community（社区）或 grid（网格）"
	}
	return zhSupplyFormat(en)
}
