package importers

import (
	"sort"
	"strings"
	"unicode"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// field is a logical field of a record, whatever its column is called in the file.
type field int

// The logical fields.
const (
	fID field = iota
	fName
	fLon
	fLat
	fLevel
	fCategory
	fHouseholds
	fPopulation
	fWorkers
	fArea
	fStreetCode
	fStreetName
	fParent
	fAddress
	fStaff
	fCommunityCode
	fGeometry
	fDistrictCode
	numFields
)

// fieldKeys are the logical names used in Options.Fields, by field.
var fieldKeys = [numFields]string{
	"id", "name", "lon", "lat", "level", "category", "households", "population", "workers",
	"area", "street_code", "street", "parent", "address", "staff", "community_code", "geometry",
	"district_code",
}

// defaultNames are the column names each field is looked for under, in order: the first
// present wins. Comparison ignores case, spaces, '_' and '-', a leading '*' and a trailing
// unit in brackets ("面积（㎡）").
var defaultNames = [numFields][]string{
	fID:            {"id", "code", "编号", "编码", "代码", "序号"},
	fName:          {"name", "名称", "站点名称", "社区名称", "小区名称", "网点名称", "站名", "单位名称"},
	fLon:           {"lon", "lng", "long", "longitude", "x", "经度"},
	fLat:           {"lat", "latitude", "y", "纬度"},
	fLevel:         {"level", "级别", "层级", "等级", "站点级别", "类型"},
	fCategory:      {"category", "type", "类型", "类别", "业态", "分类"},
	fHouseholds:    {"households", "户数", "总户数", "住户数"},
	fPopulation:    {"population", "人口", "常住人口", "人数", "总人口"},
	fWorkers:       {"workers", "社区工作者", "社工人数", "工作人员", "社区工作者人数"},
	fArea:          {"area", "floor_area", "面积", "建筑面积", "服务面积", "用房面积", "服务用房面积"},
	fStreetCode:    {"street_code", "streetCode", "街道代码", "街道编码", "所属街道代码"},
	fStreetName:    {"street", "street_name", "街道", "所属街道", "街道名称"},
	fParent:        {"parent", "parent_code", "上级", "所属社区代码", "上级代码"},
	fAddress:       {"address", "地址", "详细地址"},
	fStaff:         {"staff", "人员", "工作人员数", "工作人员"},
	fCommunityCode: {"community_code", "社区代码", "所属社区", "所属社区代码", "社区编码"},
	fGeometry:      {"geometry", "wkt", "geom", "the_geom", "shape", "边界", "几何", "范围"},
	fDistrictCode:  {"district_code", "areaCode", "区县代码", "所属区县代码", "县级代码", "parent", "parent_code", "上级代码"},
}

// communityCodeNames replace defaultNames[fID] for communities, whose id is the 12-digit
// division code.
var communityCodeNames = []string{"code", "id", "社区代码", "社区编码", "区划代码", "统计用区划代码", "编码", "代码", "编号"}

// unitCodeNames replace defaultNames[fID] for districts and streets, whose id is their
// division code (DataV: adcode).
var unitCodeNames = []string{"adcode", "code", "id", "区划代码", "统计用区划代码", "编码", "代码", "编号"}

// gridNames replace defaultNames for grids: their code, name and grid workers (网格员).
var gridNames = map[field][]string{
	fID:      {"网格编码", "网格代码", "网格编号", "grid_code", "code", "id", "编码", "代码", "编号"},
	fName:    {"网格名称", "网格名", "name", "名称"},
	fWorkers: {"网格员", "网格员人数", "网格员数", "专职网格员", "grid_workers", "workers"},
}

// normalizeName folds a column name for comparison (see defaultNames).
func normalizeName(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), bom))
	s = strings.TrimPrefix(s, "*")
	for _, pair := range [][2]string{{"(", ")"}, {"（", "）"}, {"[", "]"}} {
		if strings.HasSuffix(s, pair[1]) {
			if i := strings.LastIndex(s, pair[0]); i > 0 {
				s = s[:i]
			}
		}
	}
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			continue
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

// columns maps the fields a kind uses to positions in a record's values.
type columns struct {
	idx   [numFields]int    // -1: absent
	name  [numFields]string // the column's name as written in the file
	extra []extraColumn     // the columns no field of the kind uses
}

// extraColumn is a column no field uses: kept as an attribute by kinds that keep them.
type extraColumn struct {
	idx  int
	name string
}

// fieldNames returns the names a field is looked for under, with the kind's and the
// caller's overrides applied.
func (s *kindSpec) fieldNames(f field) []string {
	if s.overrides[f] != "" {
		return []string{s.overrides[f]}
	}
	switch {
	case f == fID && s.kind == KindCommunities:
		return communityCodeNames
	case f == fID && (s.kind == KindDistricts || s.kind == KindStreets):
		return unitCodeNames
	case s.kind == KindGrids && gridNames[f] != nil:
		return gridNames[f]
	}
	return defaultNames[f]
}

// resolve finds each of the kind's fields among header.
func (s *kindSpec) resolve(header []string) *columns {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		n := normalizeName(h)
		if _, dup := pos[n]; !dup && n != "" {
			pos[n] = i
		}
	}
	c := &columns{}
	for f := range numFields {
		c.idx[f] = -1
		if !s.uses[f] {
			continue
		}
		for _, cand := range s.fieldNames(f) {
			if i, ok := pos[normalizeName(cand)]; ok {
				c.idx[f], c.name[f] = i, strings.TrimSpace(header[i])
				break
			}
		}
	}
	c.extra = extraColumns(header, c)
	return c
}

// extraColumns lists header's named columns that none of c's fields took.
func extraColumns(header []string, c *columns) []extraColumn {
	taken := make(map[int]bool, numFields)
	for _, i := range c.idx {
		taken[i] = true
	}
	var out []extraColumn
	for i, h := range header {
		if name := trimHeader(h); name != "" && !taken[i] {
			out = append(out, extraColumn{i, name})
		}
	}
	return out
}

// checkRequired returns an EINVALID error naming the first required field with no
// column, the names looked for and the columns found.
func (s *kindSpec) checkRequired(file string, c *columns, header []string) error {
	for _, f := range s.required {
		if c.idx[f] >= 0 {
			continue
		}
		return geo.Errorf(geo.EINVALID,
			"%s: missing required column for %s %q (looked for: %s; columns found: %s); map another column with the field mapping %s=<column>",
			file, s.kind, fieldKeys[f], joinNames(s.fieldNames(f)), joinNames(header), fieldKeys[f])
	}
	return nil
}

// parseOverrides checks Options.Fields and indexes it by field.
func parseOverrides(m map[string]string) ([numFields]string, error) {
	var out [numFields]string
	for key, col := range m {
		f, ok := fieldByKey(key)
		if !ok {
			known := append([]string(nil), fieldKeys[:]...)
			sort.Strings(known)
			return out, geo.Errorf(geo.EINVALID, "unknown field %q in the field mapping (known: %s)", key, strings.Join(known, ", "))
		}
		if strings.TrimSpace(col) == "" {
			return out, geo.Errorf(geo.EINVALID, "field mapping %s= names no column", key)
		}
		out[f] = col
	}
	return out, nil
}

func fieldByKey(key string) (field, bool) {
	k := strings.ToLower(strings.TrimSpace(key))
	for f, name := range fieldKeys {
		if k == name || normalizeName(k) == normalizeName(name) {
			return field(f), true
		}
	}
	return 0, false
}

// trimHeader cleans a header cell as written (spaces, a stray byte order mark).
func trimHeader(h string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(h), bom))
}

// joinNames lists names for a message: a header's columns or a workbook's sheets, as the
// file has them — so echoed, escaped and cut (guard.EchoList) — or the names looked for.
func joinNames(names []string) string { return guard.EchoList(names, guard.EchoRunes) }
