// Clicks on the map: the nearest service points with the walking routes, or the 5/10/15
// minute isochrones around the clicked point; their list in the query tab.
import { currentRegion, getWithRegion, targetParams } from './api.js';
import { bboxOf, byId, collection, el, fitTo } from './dom.js';
import { categoryName, circleFacilityName, levelName, num, t, targetName } from './i18n.js';

/** pointGet asks path about a point. With locate (the server holds several regions) it
 * names no region, so that the server answers for the region the point lies in; a point
 * in none of them is then asked of the region chosen, whose engine judges it as with one
 * region. It returns { body, region }: the answer and the region it was given for. */
async function pointGet(path, params, locate) {
  if (!locate) return getWithRegion(path, params);
  try {
    return await getWithRegion(path, { ...params, region: null });
  } catch (err) {
    if (err.code !== 'not_found' || !currentRegion()) throw err;
    return getWithRegion(path, params);
  }
}

const point = (lon, lat) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: {} });

/** clearQuery removes routes, hits and isochrones from the map. */
export function clearQuery(map) {
  for (const id of ['route', 'hits', 'isochrones', 'clicked']) map.getSource(id).setData(collection());
}

/** nearestAnswer reads a /nearest answer: the hits, and for a circle its facilities each
 * with its nearest hit (k = 1 each). */
function nearestAnswer(ans, target) {
  if (target.kind !== 'circle') return { results: ans?.results ?? [], groups: null, beyond: !!ans?.beyond };
  const groups = (ans?.facilities ?? []).map((g) => ({ facility: g.facility, hit: g.results[0] ?? null, beyond: g.beyond }));
  return { results: groups.filter((g) => g.hit).map((g) => g.hit), groups, beyond: false };
}

/** nearest asks for the k = 3 nearest facilities of target from (lon, lat) — for a circle,
 * the nearest of each of its facilities — draws their routes and returns the answer for
 * renderQuery. Route 1 (drawn strongest) is the nearest, or for a circle the farthest of
 * its facilities' nearest: the walk the cell's colour tells. */
export async function nearest(map, target, lon, lat, locate = false) {
  clearQuery(map);
  map.getSource('clicked').setData(collection([point(lon, lat)]));
  const k = target.kind === 'circle' ? 1 : 3;
  const { body: ans, region } = await pointGet('/api/v1/nearest', { lon, lat, ...targetParams(target), k, geometry: true }, locate);
  const { results, groups, beyond } = nearestAnswer(ans, target);
  const order = [...results].sort((a, b) => (groups ? b.minutes - a.minutes : a.minutes - b.minutes));
  const routes = order
    .map((r, i) => ({ type: 'Feature', geometry: r.path, properties: { rank: i + 1, minutes: r.minutes } }))
    .filter((f) => f.geometry);
  routes.reverse(); // route 1 drawn last, on top
  map.getSource('route').setData(collection(routes));
  map.getSource('hits').setData(collection(results.map((r) => point(r.lon, r.lat))));
  const b = bboxOf([point(lon, lat).geometry, ...routes.map((f) => f.geometry), ...results.map((r) => point(r.lon, r.lat).geometry)]);
  if (b) fitTo(map, b);
  return { kind: 'nearest', results, groups, target, beyond, bound: ans?.bound_minutes ?? 30, region };
}

/** isochrone draws the areas within 5, 10 and 15 minutes' walk of (lon, lat) (locate:
 * as nearest's). */
export async function isochrone(map, lon, lat, locate = false) {
  clearQuery(map);
  map.getSource('clicked').setData(collection([point(lon, lat)]));
  const { body: fc, region } = await pointGet('/api/v1/isochrone', { lon, lat, minutes: '5,10,15' }, locate);
  const bands = (fc?.features ?? []).filter((f) => f.geometry);
  bands.sort((a, b) => b.properties.minutes - a.properties.minutes); // 15 under 10 under 5
  map.getSource('isochrones').setData(collection(bands));
  const b = bboxOf([point(lon, lat).geometry, ...bands.map((f) => f.geometry)]);
  if (b) fitTo(map, b);
  return { kind: 'isochrone', bands, region };
}

/** beyondNote says, when the search stopped at its bound with fewer than asked for, that
 * nothing (more) lies within that walk; null otherwise. */
function beyondNote(answer) {
  if (!answer.beyond) return null;
  const n = answer.results.length;
  const msg = n ? t('beyondFew', num(answer.bound), n, targetName(answer.target)) : t('beyondNone', num(answer.bound), targetName(answer.target));
  return el('p', { class: 'beyond' }, msg);
}

function facilityLabel(r) {
  if (r.level) return levelName(r.level);
  if (r.category) return categoryName(r.category);
  return '';
}

/** hitLines describes a hit: its name, kind and walk. */
function hitLines(r) {
  return el('div', {},
    el('div', { class: 'name' }, r.name || r.id, ' ', el('small', {}, facilityLabel(r)),
      r.source === 'illustrative' ? el('small', { class: 'tag illustrative' }, t('illustrative')) : null),
    el('div', { class: 'detail' }, t('resultLine', num(r.minutes, 1), num(r.metres))));
}

/** circleItem is the row of one facility of a circle: its name and its nearest hit, or
 * none within reach. */
function circleItem(target, g, i) {
  return el('li', { class: 'result circle-facility', dataset: { facility: g.facility, id: g.hit?.id ?? '' } },
    el('span', { class: 'rank' }, String(i + 1)),
    el('div', {}, el('div', { class: 'facility' }, circleFacilityName(target.key, g.facility)),
      g.hit ? hitLines(g.hit) : el('div', { class: 'detail empty' }, t('circleNone'))));
}

/** hint says what a click does in mode for target. */
function hint(mode, target) {
  if (mode === 'isochrone') return t('hintIsochrone');
  return target?.kind === 'circle' ? t('hintNearestCircle', targetName(target)) : t('hintNearest');
}

/** renderQuery shows an answer of nearest or isochrone (null: the hint for mode and
 * target) in the query tab; regionName, when given, names the region it was answered for
 * (the server holds several). */
export function renderQuery(answer, mode, target, regionName = '') {
  const box = byId('results');
  byId('hint').textContent = hint(mode, target);
  if (!answer) {
    box.replaceChildren();
    return;
  }
  renderAnswer(box, answer);
  if (regionName) box.prepend(el('p', { class: 'answer-region' }, t('answerRegion', regionName)));
}

function renderAnswer(box, answer) {
  if (answer.kind === 'nearest' && answer.groups) {
    box.replaceChildren(el('h3', {}, t('resultsTitle')), el('ol', { class: 'results' }, answer.groups.map((g, i) => circleItem(answer.target, g, i))));
    return;
  }
  if (answer.kind === 'nearest') {
    const items = answer.results.map((r, i) => el('li', { class: 'result', dataset: { id: r.id } },
      el('span', { class: `rank rank-${i + 1}` }, String(i + 1)), hitLines(r)));
    const note = beyondNote(answer);
    box.replaceChildren(el('h3', {}, t('resultsTitle')),
      items.length ? el('ol', { class: 'results' }, items) : (note ? null : el('p', { class: 'empty' }, t('noResults'))),
      note);
    return;
  }
  const rows = [...answer.bands].sort((a, b) => a.properties.minutes - b.properties.minutes)
    .map((f) => el('li', {}, t('isoLine', num(f.properties.minutes), num(f.properties.population))));
  box.replaceChildren(el('h3', {}, t('isoTitle')), el('ul', { class: 'bands' }, rows));
}
