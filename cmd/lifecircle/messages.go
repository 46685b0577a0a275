package main

import "fmt"

// say formats a summary line in the configured language: en is the English format (the
// key), zhFormat its Chinese text with the same arguments (explicit indexes where the
// order differs). Logs and error messages stay English.
func (c *Config) say(en string, args ...any) string {
	if c.Lang == langZH {
		if zh := zhSummary(en); zh != "" {
			return fmt.Sprintf(zh, args...)
		}
	}
	return fmt.Sprintf(en, args...)
}

// The languages of --lang.
const (
	langZH = "zh" // the default
	langEN = "en"
)

// zhSummary is the catalogue of the commands' summaries in Chinese; "" when a format has
// no entry (TestSummariesHaveChinese checks that every say format has one).
func zhSummary(en string) string {
	switch en {
	case "shared centres of level %s: %.0f min, at least %.0f%% of each member's residents, up to %d communities per group\n":
		return "多社区一中心（%s）：步行 %.0f 分钟，每个成员社区至少 %.0f%% 的居民可达，每组至多 %d 个社区\n"
	case "%d communities considered (%d without a centre of their own, %d adjacent pairs); %d left out (no cells with residents); %d candidate sites searched\n":
		return "参与分组的社区 %d 个（其中辖区内无该级站点的 %d 个，相邻社区 %d 对）；未参与 %d 个（没有含居民的 H3 单元）；搜索候选点 %d 个\n"
	case "the district has no population: residents below are m² of area\n":
		return "本区没有人口数据：以下“居民”为面积（平方米）\n"
	case "%d groups, %d communities, %.0f residents newly covered\n":
		return "共 %d 组，涉及社区 %d 个，新覆盖居民 %.0f 人\n"
	case "group %d: site %.6f, %.6f (cell %s), %.0f residents newly covered\n":
		return "第 %d 组：选址 %.6f, %.6f（网格 %s），新覆盖居民 %.0f 人\n"
	case "no centre":
		return "无站点"
	case "has a centre":
		return "已有站点"
	case "  %s %s (%s): %.0f of %.0f residents within (%.1f%%)\n":
		return "  %s %s（%s）：%.0f / %.0f 人可达（%.1f%%）\n"
	case "%s: %d walk nodes, %d walk edges (%d stored before), %d outlets, %d station candidates (source=osm, status=candidate: they count nowhere until confirmed with 'lifecircle stations confirm' or replaced by a station file), %d residential areas, %d communities (batch %d)\n":
		return "%[1]s：步行节点 %[2]d 个、步行路段 %[3]d 条（此前 %[4]d 条）、网点 %[5]d 个、候选站点 %[6]d 个（来自 OpenStreetMap，待核实：在 lifecircle stations confirm 确认或被站点文件替换之前不计入任何结果）、居住用地 %[7]d 块、社区 %[8]d 个（批次 %[9]d）\n"
	case "population spread: %d communities by building floor area, %d by residential land, %d by cell area, %d from the population grid, %d without residents or cells\n":
		return "人口分配：%d 个社区按住宅建筑面积、%d 个按居住用地、%d 个按网格面积、%d 个取自人口网格、%d 个无人口或无网格\n"
	case "buildings: %d of %d counted as homes (building=yes only inside residential land); %d of them without building:levels, counted as %g levels (--building-levels)\n":
		return "建筑：%[2]d 栋中 %[1]d 栋计为住宅（building=yes 仅在居住用地内计入）；其中 %[3]d 栋无 building:levels，按 %[4]g 层计（--building-levels）\n"
	case "%s: %d building footprints that can house residents, %d of them with building:levels (the others are counted with compute --building-levels)\n":
		return "%s：可住人的建筑轮廓 %d 个，其中 %d 个标有 building:levels（其余按 compute --building-levels 计层数）\n"
	case "network: %d nodes, %d edges; %d stations, %d outlets; %d cells at H3 resolution %d\n":
		return "路网：%[1]d 个节点、%[2]d 条边；站点 %[3]d 个、网点 %[4]d 个；H3 第 %[6]d 级网格 %[5]d 个\n"
	case "network cut to within %.1f km of the districts loaded: %d nodes and %d edges beyond left out\n":
		return "路网已裁剪到已导入区县周边 %.1f 公里以内：其外 %d 个节点、%d 条边未计入\n"
	case "neighbouring regions within %.1f km: %d stations and %d outlets read as reachable across the border (not counted as this region's); %d candidate station(s) of theirs and %d already held (same id and point) left out\n":
		return "周边 %.1f 公里内的相邻区域：读入站点 %d 个、网点 %d 个，作为跨界可达设施（不计入本区域）；其待确认候选站点 %d 个、已有的重复设施（编号和位置相同）%d 个未计入\n"
	case "%s: %d outlets, %d station candidates and %d communities lie outside the region's %d district(s) and were left out (they are the neighbouring regions' own, reached across the border by the halo); the walk network is kept whole\n":
		return "%s：%d 个网点、%d 个候选站点和 %d 个社区位于本区域 %d 个区县之外，未导入（它们属于相邻区域，计算时经边界外延带可达）；步行路网完整保留\n"
	case "%s: the region has no districts yet, so every outlet, station candidate and community of the extract counts as its own (import the districts first to keep only theirs)\n":
		return "%s：本区域尚无区县边界，数据中的全部网点、候选站点和社区都计为本区域所有（先导入区县边界可只保留区县内的）\n"
	case "kind":
		return "类型"
	case "key":
		return "对象"
	case "facilities":
		return "设施数"
	case "≤%gmin":
		return "≤%g分钟"
	case "   (share of residents)\n":
		return "   （居民比例）\n"
	case "   (share of area: no population imported)\n":
		return "   （面积比例：未导入人口）\n"
	case "done in %.1fs\n":
		return "用时 %.1f 秒\n"
	case "%s: read %d, inserted %d, updated %d, replaced %d, rejected %d (batch %d)\n":
		return "%s：读取 %d 条，新增 %d，更新 %d，替换 %d，拒绝 %d（批次 %d）\n"
	case "%d bad record(s) left out, listed in %s\n":
		return "%d 条有误的记录未导入，列于 %s\n"
	case "%s: %d walk nodes, %d walk edges, %d outlets, %d stations (source=osm, to review), %d residential areas, %d communities (batch %d)\n":
		return "%s：步行路网节点 %d 个、边 %d 条，网点 %d 个，站点 %d 个（source=osm，待核实），居住用地 %d 块，社区 %d 个（批次 %d）\n"
	case "%s: %d cells, inserted %d, updated %d, replaced %d (batch %d)\n":
		return "%s：网格 %d 个，新增 %d，更新 %d，替换 %d（批次 %d）\n"
	case "wrote %s\n":
		return "已写入 %s\n"
	case "no PDF: %s\n":
		return "未生成 PDF：%s\n"
	// run and worker (national runs on the job queue)
	case "run %s: %d region jobs enqueued, %d already in the run (not enqueued again)\n":
		return "运行 %s：已排队区域任务 %d 个，%d 个已在本次运行中（未重复排队）\n"
	case "already in the run: %s\n":
		return "已在本次运行中：%s\n"
	case "start workers with: lifecircle worker; progress: lifecircle run --status --run %s\n":
		return "启动计算进程：lifecircle worker；查看进度：lifecircle run --status --run %s\n"
	case "no run has been enqueued (lifecircle run --regions FILE|all)\n":
		return "尚无排队的运行（lifecircle run --regions FILE|all）\n"
	case "run %s: %d regions: %d done, %d failed, %d running, %d queued, %d waiting to retry\n":
		return "运行 %s：共 %d 个区域：完成 %d，失败 %d，计算中 %d，排队 %d，等待重试 %d\n"
	case "not started: no worker has taken a job yet\n":
		return "未开始：尚无计算进程领取任务\n"
	case "finished: %.2f regions/min from %s to %s\n":
		return "已结束：每分钟 %.2f 个区域，自 %s 至 %s\n"
	case "rate: no region done yet; ETA unknown\n":
		return "速率：尚无完成的区域；预计剩余时间未知\n"
	case "rate: %.2f regions/min; ETA %s\n":
		return "速率：每分钟 %.2f 个区域；预计剩余 %s\n"
	case "region %s (%s, attempt %d): %s\n":
		return "区域 %s（%s，第 %d 次尝试）：%s\n"
	}
	if zh := zhSupplySummary(en); zh != "" {
		return zh
	}
	return zhRegionSummary(en)
}
