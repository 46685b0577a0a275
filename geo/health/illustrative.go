package health

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// illustrative says, once for the district, that some of what the answers count is not
// data: stations of the demo's illustrative layer (Source "illustrative") and
// neighbourhood units derived from the walk network (Source "derived"). Every answer,
// report and map built on them is then an illustration, and this finding is where the
// check, the report's first page and the planner panel say so.
func illustrative(e *engine.Engine) []Finding {
	stations, units := e.Illustrative()
	if stations == 0 && units == 0 {
		return nil
	}
	return []Finding{{
		Code: CodeIllustrativeData, Severity: SeverityInfo, Subject: Subject{Kind: SubjectDistrict},
		Figure: float64(stations), Unit: UnitStations, Count: stations + units,
		MessageZH: fmt.Sprintf("示例数据：%d 个服务站是示例站点（名称带“示例”，不是实际站点），%d 个社区是按路网推导的示例单元（不是民政部门的社区边界）；据此得出的覆盖、缺口、网络和达标结果只是演示。修复：导入本区的站点文件（lifecircle import stations --mode replace）和社区边界（lifecircle import communities）后重新计算。", stations, units),
		MessageEN: fmt.Sprintf("Illustrative data: %d stations are the illustrative layer (named 示例…, not real stations) and %d communities are units derived from the walk network (not civil-affairs boundaries); coverage, gaps, the network and standards built on them only illustrate. Fix: import the district's station file (lifecircle import stations --mode replace) and community boundaries (lifecircle import communities), then compute again.", stations, units),
	}}
}
