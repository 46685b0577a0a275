package api

// zhRegionFormat is the part of the message catalogue (zhFormat) for regions; an unknown
// format is returned unchanged (English).
func zhRegionFormat(en string) string {
	switch en {
	case "this server answers for %d regions (%s): give region=…":
		return "本服务包含 %d 个区域（%s）：请给出 region=…"
	case "%q is not a region of this server; known: %s":
		return "%q 不是本服务的区域；已知区域：%s"
	case "region %q is still loading; try again in a moment (see /readyz)":
		return "区域 %q 仍在加载，请稍后重试（见 /readyz）"
	case "region %q has not been computed yet: POST /api/v1/compute?region=%s":
		return "区域 %q 尚未计算：请 POST /api/v1/compute?region=%s"
	case "region %q failed to load: %s":
		return "区域 %q 加载失败：%s"
	case "no region is loaded: region %q failed to load: %s":
		return "尚无已加载的区域：区域 %q 加载失败：%s"
	case "the point (%.6f, %.6f) lies in none of this server's regions (%s): give region=… or a point inside one":
		return "点 (%.6f, %.6f) 不在本服务的任何区域内（%s）：请给出 region=… 或区域内的点"
	case "no region is loaded (%s): import and compute one (POST /api/v1/compute?region=…)":
		return "尚无已加载的区域（%s）：请导入并计算一个区域（POST /api/v1/compute?region=…）"
	case "this server holds region %q only":
		return "本服务只包含区域 %q"
	case "region %s holds this point but is not computed: POST /api/v1/compute?region=%s":
		return "该点位于区域 %s，但该区域尚未计算：请 POST /api/v1/compute?region=%s"
	case "region %s holds this point but is still loading; try again in a moment (see /readyz)":
		return "该点位于区域 %s，但该区域仍在加载，请稍后重试（见 /readyz）"
	case "region %s holds this point but failed to load: %s":
		return "该点位于区域 %s，但该区域加载失败：%s"
	case "region %s holds this point but is not loaded by this server (imported after it started): restart the server or POST /api/v1/compute?region=%s":
		return "该点位于区域 %s，但本服务未加载该区域（它在服务启动后才导入）：请重启服务或 POST /api/v1/compute?region=%s"
	case "the point lies in %d regions (%s); answered for %s, the first by code (give region=… for another)":
		return "该点位于 %d 个区域（%s）；按代码顺序取第一个 %s 作答（其他区域请给出 region=…）"
	case "none in the path (/api/v1/regions/{region}): %s":
		return "路径中没有区域（/api/v1/regions/{region}）：%s"
	case "region %q was deleted while it loaded":
		return "区域 %q 在加载期间被删除"
	case "given %d times (%s): give it once":
		return "给出了 %d 次（%s）：只能给一次"
	case "the query says %s and the form says %s: give one":
		return "查询参数为 %s，表单字段为 %s：只能给一个"
	case "the path says %s and region= says %s: give one":
		return "路径为 %s，region= 为 %s：只能给一个"
	case "this server's database cannot delete a region":
		return "本服务的数据库不能删除区域"
	}
	return en
}
