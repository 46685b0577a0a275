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
	case "%q: name the region to delete (/api/v1/regions/{region})":
		return "%q：请指明要删除的区域（/api/v1/regions/{region}）"
	case "this server's database cannot delete a region":
		return "本服务的数据库不能删除区域"
	}
	return en
}
