// Every string the page shows, in Chinese (the default) and English. Category names come
// from the service's own category table (data/categories.json), bundled at build time.
import categories from '../../data/categories.json';

const tables = {
  zh: {
    title: '15分钟生活圈',
    switchLang: 'EN',
    switchLangTitle: 'Switch to English',
    target: '服务对象',
    groupLevels: '党群服务站点',
    groupCategories: '便民设施',
    walk: '步行',
    minutesOption: '{0} 分钟',
    modeNearest: '最近服务点',
    modeIsochrone: '等时圈',
    panel: '面板',
    tabQuery: '查询',
    tabPlan: '规划',
    tabLayers: '图层',
    hintNearest: '点击地图任意位置，查找步行最近的 3 个服务点并显示路线。',
    hintIsochrone: '点击地图任意位置，绘制 5、10、15 分钟步行等时圈。',
    hintNearestCircle: '点击地图任意位置，查找“{0}”每项设施步行最近的一处并显示路线。',
    resultsTitle: '最近的服务点',
    resultLine: '步行 {0} 分钟 · {1} 米',
    noResults: '步行可达范围内没有找到。',
    isoTitle: '步行等时圈',
    isoLine: '{0} 分钟内：{1} 人',
    loading: '加载中…',
    error: '出错了：{0}',
    legendTitle: '步行时间（分钟）',
    legendExplain: '颜色表示从该处步行到最近的“{0}”要多久：',
    legendBand0: '步行5分钟内可达',
    legendBand5: '步行5–10分钟',
    legendBand10: '步行10–15分钟',
    legendBand15: '步行15–20分钟',
    legendBand20: '步行超过20分钟',
    legendUnreached: '不可达',
    legendShade: '社区颜色越深，{0}分钟内走不到的居民越多。',
    searchPlaceholder: '搜索站点、网点、社区',
    searchTitle: '按名称或编号查找已加载的党群服务站点、便民设施和社区',
    searchNone: '没有找到',
    searchCommunity: '社区',
    print: '打印',
    printTitle: '打印当前地图和图例',
    printHead: '{0} · {1} · 步行 {2} 分钟',
    legendStations: '党群服务站点',
    layerCells: '六边形单元：步行时间',
    layerCommunities: '社区：{0} 分钟外居民占比',
    layerStations: '党群服务站点',
    layerOutlets: '便民设施',
    gapsTitle: '覆盖缺口（按未覆盖居民排序）',
    gapLine: '{0} 人在 {1} 分钟外（{2}）',
    gapsNone: '没有缺口：所有居民都在范围内。',
    planTitle: '建议新增站点',
    planK: '数量',
    planRun: '计算',
    planSite: '新址 {0}：{1}，新增覆盖 {2} 人',
    planSummary: '{0} 分钟内居民：{1} → {2}（共 {3} 人）',
    planNone: '再增加站点也无法让更多居民进入范围。',
    networkTitle: '“1+11+N+X”站点体系',
    networkCounts: '区级 {0} · 街道 {1} · 社区/小区 {2} · 楼宇 {3}',
    streetsWithoutCentre: '没有街道党群服务中心的街道（{0}）',
    communitiesWithoutStation: '没有党群服务站的社区（{0}）',
    none: '无',
    residents: '{0} 人',
    outside: '社区外',
    communityShare: '{0}：{1} 居民在 {2} 分钟外',
    healthTitle: '数据体检',
    healthSummary: '错误 {0} · 警告 {1} · 提示 {2}',
    healthClean: '没有发现问题。',
    healthMore: '另有 {0} 条未列出，运行 lifecircle check 查看全部。',
    severity_error: '错误',
    severity_warning: '警告',
    severity_info: '提示',
    beyondNone: '{0} 分钟步行范围内没有{1}。',
    beyondFew: '{0} 分钟步行范围内只有 {1} 个{2}，更远的不再查找。',
    illustrative: '示例数据',
    legendIllustrative: '示例数据：站点（示例…）为演示而设，社区是按主要道路推导的邻里单元，都不是真实数据。',
    derivedTag: '推导，示例数据',
    groupCircles: '服务圈',
    legendExplainCircle: '颜色表示从该处步行到“{0}”各项设施（每项取最近的一处）中最远的一项要多久：',
    circleNone: '步行可达范围内没有。',
    layerSupply: '人均可达服务资源（两步移动搜索法）',
    layerGrids: '网格：户数与网格员',
    supplyResource: '资源',
    resource_floor_area: '服务面积',
    resource_staff: '工作人员',
    supplyTitle_floor_area: '步行 {0} 分钟内人均可达服务面积',
    supplyTitle_staff: '步行 {0} 分钟内人均可达工作人员',
    supplyUnit_floor_area: '单位：m²/人',
    supplyUnit_staff: '单位：人/千人',
    supplyZero: '够不到任何有记录的站点',
    supplyAbove: '{0} 以上',
    supplyUnknown: '不在路网上',
    supplyTotal_floor_area: '全区：每百户 {0} m²（标准 {1} m²）',
    supplyTotal_staff: '全区：每千户 {0} 名（标准 {1} 名）',
    supplyTotalUnknown: '全区：未知（站点的面积或人员没有记录）',
    supplyStations: '{0} 个站点中 {1} 个有记录',
    gridHint: '网格图层打开时，点击网格查看户数、网格员和覆盖情况。',
    gridTitle: '网格 {0}',
    gridCommunity: '所属社区：{0}',
    gridHouseholds: '{0} 户 · 网格员 {1} 名',
    gridWorkersUnknown: '未记录',
    gridLoad: '每名网格员 {0} 户',
    gridLoadNone: '没有网格员',
    gridCoverage: '{0} 分钟内可达“{1}”：{2} 居民',
    gridNotAssessed: '尚未计算',
    verdict_ok: '达标',
    verdict_warn: '偏高',
    verdict_fail: '不达标',
    region: '区域',
    regionTitle: '选择要查看的区（县）或研究区域',
    regionUnknown: '本服务器没有此区域',
    regionState_loading: '加载中',
    regionState_failed: '加载失败',
    regionState_not_computed: '尚未计算',
    regionState_not_loaded: '未加载',
    answerRegion: '查询点所在区域：{0}',
  },
  en: {
    title: '15-minute living circle',
    switchLang: '中文',
    switchLangTitle: '切换到中文',
    target: 'Service',
    groupLevels: 'Party-mass service stations',
    groupCategories: 'Convenience outlets',
    walk: 'Walk',
    minutesOption: '{0} min',
    modeNearest: 'Nearest',
    modeIsochrone: 'Isochrone',
    panel: 'Panel',
    tabQuery: 'Query',
    tabPlan: 'Planner',
    tabLayers: 'Layers',
    hintNearest: 'Click anywhere on the map for the 3 nearest service points on foot and the way there.',
    hintIsochrone: 'Click anywhere on the map to draw the 5, 10 and 15-minute walking isochrones.',
    hintNearestCircle: 'Click anywhere on the map for the nearest of each facility of "{0}" on foot and the way there.',
    resultsTitle: 'Nearest service points',
    resultLine: '{0} min walk · {1} m',
    noResults: 'None within reach on foot.',
    isoTitle: 'Walking isochrones',
    isoLine: 'Within {0} min: {1} residents',
    loading: 'Loading…',
    error: 'Error: {0}',
    legendTitle: 'Walking time (min)',
    legendExplain: 'Colours show how long it takes to walk from there to the nearest "{0}":',
    legendBand0: "within 5 minutes' walk",
    legendBand5: '5–10 minutes on foot',
    legendBand10: '10–15 minutes on foot',
    legendBand15: '15–20 minutes on foot',
    legendBand20: "more than 20 minutes' walk",
    legendUnreached: 'not reached',
    legendShade: 'The darker a community, the more residents cannot walk there within {0} minutes.',
    searchPlaceholder: 'Find a station, outlet, community',
    searchTitle: 'Find a loaded station, outlet or community by name or id',
    searchNone: 'Nothing found',
    searchCommunity: 'community',
    print: 'Print',
    printTitle: 'Print the map as shown, with its legend',
    printHead: '{0} · {1} · {2} min walk',
    legendStations: 'Service stations',
    layerCells: 'Hexagon cells: walking time',
    layerCommunities: 'Communities: share of residents beyond {0} min',
    layerStations: 'Service stations',
    layerOutlets: 'Convenience outlets',
    gapsTitle: 'Gaps, by residents beyond reach',
    gapLine: '{0} residents beyond {1} min ({2})',
    gapsNone: 'No gaps: every resident is within reach.',
    planTitle: 'Suggest new sites',
    planK: 'Sites',
    planRun: 'Suggest',
    planSite: 'Site {0}: {1}, +{2} residents',
    planSummary: 'Residents within {0} min: {1} → {2} (of {3})',
    planNone: 'No new site would bring more residents within reach.',
    networkTitle: 'The "1+11+N+X" station network',
    networkCounts: 'District {0} · street {1} · community/compound {2} · building {3}',
    streetsWithoutCentre: 'Streets without a street centre ({0})',
    communitiesWithoutStation: 'Communities without a station ({0})',
    none: 'none',
    residents: '{0} residents',
    outside: 'outside the communities',
    communityShare: '{0}: {1} of residents beyond {2} min',
    healthTitle: 'Data health check',
    healthSummary: '{0} errors · {1} warnings · {2} notes',
    healthClean: 'No findings.',
    healthMore: '{0} more not listed; run lifecircle check to see them all.',
    severity_error: 'error',
    severity_warning: 'warning',
    severity_info: 'note',
    beyondNone: 'No {1} within a {0}-minute walk.',
    beyondFew: 'Only {1} of {2} within a {0}-minute walk; the search stops there.',
    illustrative: 'illustrative',
    legendIllustrative: 'Illustrative data: the stations (示例…) are made up for the demo and the communities are neighbourhood units derived from the major roads; neither is real data.',
    derivedTag: 'derived, illustrative',
    groupCircles: 'Service circles',
    legendExplainCircle: 'Colours show how long it takes to walk from there to the farthest of the facilities of "{0}" (each at its nearest):',
    circleNone: 'None within reach on foot.',
    layerSupply: 'Service resource within reach per resident (2SFCA)',
    layerGrids: 'Grids: households and grid workers',
    supplyResource: 'Resource',
    resource_floor_area: 'floor area',
    resource_staff: 'staff',
    supplyTitle_floor_area: 'Service floor area within {0} min per resident',
    supplyTitle_staff: 'Service staff within {0} min per resident',
    supplyUnit_floor_area: 'unit: m² per resident',
    supplyUnit_staff: 'unit: staff per 1,000 residents',
    supplyZero: 'no station with a record within reach',
    supplyAbove: '{0} and more',
    supplyUnknown: 'off the walk network',
    supplyTotal_floor_area: 'District: {0} m² per 100 households (standard {1} m²)',
    supplyTotal_staff: 'District: {0} staff per 1,000 households (standard {1})',
    supplyTotalUnknown: 'District: unknown (the stations\' floor area or staff are not recorded)',
    supplyStations: '{1} of {0} stations have a record',
    gridHint: 'With the grid layer on, click a grid for its households, grid workers and coverage.',
    gridTitle: 'Grid {0}',
    gridCommunity: 'Community: {0}',
    gridHouseholds: '{0} households · {1} grid workers',
    gridWorkersUnknown: 'not recorded',
    gridLoad: '{0} households per grid worker',
    gridLoadNone: 'no grid worker',
    gridCoverage: 'Within {0} min of "{1}": {2} of residents',
    gridNotAssessed: 'not computed yet',
    verdict_ok: 'meets the rule',
    verdict_warn: 'high',
    verdict_fail: 'fails the rule',
    region: 'Region',
    regionTitle: 'Choose the district or study area to show',
    regionUnknown: 'not a region of this server',
    regionState_loading: 'loading',
    regionState_failed: 'failed to load',
    regionState_not_computed: 'not computed yet',
    regionState_not_loaded: 'not loaded',
    answerRegion: 'The point lies in region {0}',
  },
};

/** Station levels: the short name and the name with its part of 1+11+N+X, zh and en. */
const levelNames = {
  district: { zh: ['区级', '区级中心'], en: ['District', 'District centre'] },
  street: { zh: ['街道', '街道中心'], en: ['Street', 'Street centre'] },
  community: { zh: ['社区', '社区站'], en: ['Community', 'Community'] },
  compound: { zh: ['小区', '小区站'], en: ['Compound', 'Compound'] },
  building: { zh: ['楼宇', '楼宇站'], en: ['Building', 'Building'] },
  any: { zh: ['任意站点'], en: ['Any station'] },
};

/** The named service circles of GET /api/v1/circles (setCircles fills them in). */
let circles = [];

/** The languages, the default first. */
export const languages = Object.keys(tables);

let current = 'zh';

/** lang returns the language in use: 'zh' or 'en'. */
export function lang() {
  return current;
}

/** setLang switches the language and tells listeners of the document event 'lang'. */
export function setLang(l) {
  current = tables[l] ? l : 'zh';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.dispatchEvent(new CustomEvent('lang'));
}

/** t returns the string key in the current language with {0}, {1} … replaced by args. */
export function t(key, ...args) {
  const s = tables[current][key] ?? tables.zh[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** levelName returns a station level's short name (key: district … building, or any). */
export function levelName(key) {
  return levelNames[key]?.[current][0] ?? key;
}

/** levelLegend returns a station level's name with its part of 1+11+N+X. */
export function levelLegend(key) {
  return levelNames[key]?.[current][1] ?? key;
}

/** setCircles keeps the named service circles (the circles of GET /api/v1/circles). */
export function setCircles(list) {
  circles = list ?? [];
}

/** circleList returns the named service circles, in the circle file's order. */
export function circleList() {
  return circles;
}

/** named returns a {name_zh, name_en} record's name in the current language (zh when
 * there is no English one), or fallback. */
function named(x, fallback) {
  if (!x) return fallback;
  return (current === 'en' && x.name_en) || x.name_zh || fallback;
}

/** circleName returns a named circle's name in the current language. */
export function circleName(key) {
  return named(circles.find((c) => c.key === key), key);
}

/** circleFacilityName returns the name of facility fac of circle key. */
export function circleFacilityName(key, fac) {
  return named(circles.find((c) => c.key === key)?.facilities.find((f) => f.key === fac), fac);
}

/** targetName names a target {kind, key}: a category, a station level or a circle. */
export function targetName(target) {
  if (target.kind === 'category') return categoryName(target.key);
  if (target.kind === 'circle') return circleName(target.key);
  return levelName(target.key);
}

/** tagged returns text with tag in brackets after it (none when tag is empty), in the
 * current language's brackets. */
export function tagged(text, tag) {
  if (!tag) return text;
  return current === 'zh' ? `${text}（${tag}）` : `${text} (${tag})`;
}

/** categoryKeys lists the outlet categories the service knows, in its table's order. */
export function categoryKeys() {
  return categories.map((c) => c.key);
}

/** categoryName returns an outlet category's name in the current language. */
export function categoryName(key) {
  return named(categories.find((x) => x.key === key), key);
}

/** num formats a number for the current language, with at most digits decimals. */
export function num(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(current === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: digits }).format(v);
}

/** pct formats a share 0–1 as a percentage. */
export function pct(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(current === 'zh' ? 'zh-CN' : 'en', { style: 'percent', maximumFractionDigits: 0 }).format(v);
}

/** applyStatic fills every element with data-i18n (text), data-i18n-title (title) or
 * data-i18n-placeholder (placeholder). */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}
