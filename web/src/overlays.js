// The district's layers: H3 cells coloured by walking minutes to the chosen target (a
// station level, an outlet category or a named service circle), communities shaded by the
// share of residents beyond the threshold, stations by level and outlets by category, the
// supply and grid layers' switches; and the legend.
import { get, getAllFeatures, targetParams } from './api.js';
import { byId, collection, el } from './dom.js';
import { categoryKeys, categoryName, circleList, levelLegend, pct, t, tagged, targetName } from './i18n.js';
import { levelSymbols, minuteStops, outletColour, unreachedColour } from './style.js';

/** loadFacilities puts every station and outlet on the map and returns them. */
export async function loadFacilities(map) {
  const [stations, outlets] = await Promise.all([
    getAllFeatures('/api/v1/stations'),
    getAllFeatures('/api/v1/outlets'),
  ]);
  map.getSource('stations').setData(stations);
  map.getSource('outlets').setData(outlets);
  return { stations, outlets };
}

/** targetCategories lists the outlet categories of a target: its category, or those of a
 * circle's facilities (none for a station level). */
export function targetCategories(target) {
  if (target.kind === 'category') return [target.key];
  if (target.kind !== 'circle') return [];
  const c = circleList().find((x) => x.key === target.key);
  return [...new Set((c?.facilities ?? []).flatMap((f) => f.categories ?? []))];
}

/** highlightOutlets marks the outlets of the target's categories (none when it is a
 * level), which are then drawn at every zoom. */
export function highlightOutlets(map, outlets, target) {
  const cats = new Set(targetCategories(target));
  const features = outlets.features.map((f) => ({
    ...f,
    properties: { ...f.properties, selected: cats.has(f.properties.category) },
  }));
  map.getSource('outlets').setData(collection(features));
}

/** loadCells draws every cell's walking minutes to the nearest facility of target, unless
 * current() says by then that another target was chosen. */
export async function loadCells(map, target, current = () => true) {
  const cells = await get('/api/v1/coverage/cells', { ...targetParams(target), format: 'geojson' });
  if (current()) map.getSource('cells').setData(cells ?? collection());
  return cells;
}

/** loadCommunityCoverage shades communities by the share of residents beyond minutes
 * (unless current() says by then that another target was chosen). */
export async function loadCommunityCoverage(map, target, minutes, current = () => true) {
  const cov = await get('/api/v1/coverage', { ...targetParams(target), minutes, format: 'geojson' });
  const features = (cov?.features ?? []).filter((f) => f.geometry).map((f) => {
    const p = f.properties;
    const beyond = p.population > 0 ? p.population_beyond / p.population : 1 - (p.area_share ?? 0);
    return { ...f, properties: { ...p, beyond } };
  });
  if (current()) map.getSource('community-coverage').setData(collection(features));
  return features;
}

/** describeCommunity returns a line about a shaded community, for its popup. */
export function describeCommunity(p, minutes, derived = false) {
  const share = t('communityShare', p.name || p.code, pct(p.beyond), minutes);
  return tagged(share, derived && t('derivedTag'));
}

/** layerToggles lists the overlay switches: their label and their layers. */
export const layerToggles = [
  { id: 'cells', label: () => t('layerCells'), layers: ['cells'] },
  { id: 'communities', label: (m) => t('layerCommunities', m), layers: ['community-shade'] },
  { id: 'supply', label: () => t('layerSupply'), layers: ['supply-cells'] },
  { id: 'grids', label: () => t('layerGrids'), layers: ['grids-fill', 'grids-line'] },
  { id: 'stations', label: () => t('layerStations'), layers: ['stations'] },
  { id: 'outlets', label: () => t('layerOutlets'), layers: ['outlets', 'outlets-target'] },
];

/** layerVisible reports whether the switch id's layers are shown. */
export function layerVisible(map, id) {
  const lt = layerToggles.find((x) => x.id === id);
  return map.getLayoutProperty(lt.layers[0], 'visibility') !== 'none';
}

/** renderLayerSwitches fills the layers tab with a checkbox per overlay (onToggle(id,
 * shown) after a switch), the supply layer's resource selector (onResource(resource)) and
 * the grids' hint. */
export function renderLayerSwitches(map, minutes, { resource, resources, onToggle, onResource }) {
  const box = byId('layer-switches');
  const select = el('select', { id: 'supply-resource', onchange: (e) => onResource(e.target.value) },
    resources.map((r) => el('option', { value: r }, t(`resource_${r}`))));
  select.value = resource;
  box.replaceChildren(...layerToggles.map((lt) => {
    const input = el('input', {
      type: 'checkbox', id: `layer-${lt.id}`, checked: layerVisible(map, lt.id),
      onchange: (e) => {
        for (const l of lt.layers) map.setLayoutProperty(l, 'visibility', e.target.checked ? 'visible' : 'none');
        onToggle(lt.id, e.target.checked);
      },
    });
    const row = el('label', { class: 'switch' }, input, ' ', lt.label(minutes));
    if (lt.id === 'supply') return el('div', {}, row, el('label', { class: 'sub' }, t('supplyResource'), ' ', select));
    if (lt.id === 'grids') return el('div', {}, row, el('p', { class: 'sub empty' }, t('gridHint')));
    return row;
  }));
}

/** mix returns the colour halfway between two #rrggbb colours, as the map's linear
 * interpolation draws the middle of a span. */
function mix(a, b) {
  const ch = (c, i) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2].map((i) => Math.round((ch(a, i) + ch(b, i)) / 2).toString(16).padStart(2, '0')).join('')}`;
}

/** legendBands are the legend's rows in residents' terms: the colour at the middle of
 * each span of minutes (20 and beyond: the last colour) and what it means. */
function legendBands() {
  return minuteStops.map(([m, c], i) => {
    const colour = i + 1 < minuteStops.length ? mix(c, minuteStops[i + 1][1]) : c;
    return el('div', { class: 'legend-row band' }, el('span', { class: 'swatch', style: `background:${colour}` }), t(`legendBand${m}`));
  });
}

/** renderLegend draws extra first (the supply layer's rows when it is shown), then the
 * minutes ramp, what its colours mean to a resident, the unreached swatch, the community
 * shading and the station symbols. */
export function renderLegend(target, minutes = 15, illustrative = false, extra = []) {
  const stops = minuteStops.map(([m, c]) => `${c} ${(m / 20) * 100}%`).join(', ');
  const ticks = minuteStops.map(([m]) => el('span', {}, m === 20 ? '20+' : String(m)));
  const stations = Object.entries(levelSymbols).map(([level, s]) => el('div', { class: 'legend-row' },
    el('span', { class: 'dot', style: `background:${s.colour};width:${2 * s.radius}px;height:${2 * s.radius}px` }),
    levelLegend(level)));
  const explain = target.kind === 'circle' ? 'legendExplainCircle' : 'legendExplain';
  const rows = [
    el('div', { class: 'legend-title' }, t('legendTitle')),
    el('div', { class: 'ramp', style: `background: linear-gradient(to right, ${stops})` }),
    el('div', { class: 'ticks' }, ticks),
    el('p', { class: 'legend-explain' }, t(explain, targetName(target))),
    ...legendBands(),
    el('div', { class: 'legend-row' }, el('span', { class: 'swatch', style: `background:${unreachedColour}` }), t('legendUnreached')),
    el('p', { class: 'legend-explain' }, t('legendShade', minutes)),
    el('div', { class: 'legend-title' }, t('legendStations')),
    ...stations,
  ];
  if (illustrative) rows.push(el('p', { class: 'legend-explain illustrative' }, t('legendIllustrative')));
  for (const key of targetCategories(target)) {
    const i = categoryKeys().indexOf(key);
    rows.push(el('div', { class: 'legend-row' },
      el('span', { class: 'dot', style: `background:${outletColour(Math.max(i, 0))};width:7px;height:7px` }),
      categoryName(key)));
  }
  byId('legend').replaceChildren(...extra, ...rows);
}
