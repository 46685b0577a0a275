// The planner tab: gaps ranked by residents beyond reach (click one to zoom to it), k
// suggested sites with the residents each brings within reach, and the "1+11+N+X"
// network report.
import { get, post, targetParams } from './api.js';
import { bboxOf, collection, el, fill, fitTo } from './dom.js';
import { num, pct, t } from './i18n.js';

/** loadGaps draws the gaps for target at minutes and returns them (GeoJSON features). */
export async function loadGaps(map, target, minutes) {
  const fc = await get('/api/v1/gaps', { ...targetParams(target), minutes, limit: 20, format: 'geojson' });
  const gaps = fc?.features ?? [];
  map.getSource('gaps').setData(collection(gaps.filter((f) => f.geometry)));
  map.setFilter('gaps-selected', ['==', ['get', 'rank'], -1]);
  return gaps;
}

/** renderGaps lists the gaps; a click zooms the map to the gap and highlights it. */
export function renderGaps(map, gaps, minutes) {
  fill('gaps', gaps, () => {
    const items = gaps.map((f) => {
      const p = f.properties;
      return el('li', {
        class: 'gap', tabindex: 0,
        onclick: () => {
          map.setFilter('gaps-selected', ['==', ['get', 'rank'], p.rank]);
          const b = bboxOf([f.geometry]);
          if (b) fitTo(map, b);
        },
      },
      el('span', { class: 'name' }, `${p.rank}. ${p.name || p.code}`),
      el('span', { class: 'detail' }, t('gapLine', num(p.population_beyond), minutes, pct(p.share_beyond))));
    });
    return [el('h3', {}, t('gapsTitle')),
      items.length ? el('ol', { class: 'gap-list' }, items) : el('p', { class: 'empty' }, t('gapsNone'))];
  });
}

/** suggestSites asks for k new sites for target within minutes and draws them. */
export async function suggestSites(map, target, minutes, k) {
  const plan = await post('/api/v1/plan/sites', { ...targetParams(target), minutes, k });
  const sites = (plan?.sites ?? []).map((s, i) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: s.point }, properties: { n: i + 1, gain: s.gain },
  }));
  map.getSource('plan').setData(collection(sites));
  return plan;
}

/** renderPlan lists the suggested sites and the residents covered before and after. */
export function renderPlan(plan) {
  fill('plan-result', plan, () => {
    const items = (plan.sites ?? []).map((s, i) => el('li', { class: 'site' }, t('planSite', i + 1, s.community || t('outside'), num(s.gain))));
    return [
      el('p', { class: 'summary' }, t('planSummary', num(plan.minutes), num(plan.covered_before), num(plan.covered_after), num(plan.population))),
      items.length ? el('ol', { class: 'site-list' }, items) : el('p', { class: 'empty' }, t('planNone'))];
  });
}

/** loadNetwork fetches the "1+11+N+X" report. */
export function loadNetwork() {
  return get('/api/v1/network');
}

/** renderNetwork shows the report: counts, streets without a centre, communities without
 * a station. */
export function renderNetwork(rep) {
  fill('network', rep, () => {
    const count = (lv) => (rep.levels ?? []).filter((l) => lv.includes(l.level)).reduce((s, l) => s + l.count, 0);
    const names = new Map((rep.streets ?? []).map((s) => [s.code, s.name]));
    const streets = (rep.streets_without_centre ?? []).map((code) => el('li', {}, names.get(code) || code));
    const comms = (rep.communities_without_station ?? []).map((c) => el('li', {}, c.name || c.code, ' ',
      el('small', {}, t('residents', num(c.population)))));
    const list = (items) => (items.length ? el('ul', {}, items) : el('p', { class: 'empty' }, t('none')));
    return [
      el('h3', {}, t('networkTitle')),
      el('p', { class: 'formula' }, rep.formula ?? ''),
      el('p', {}, t('networkCounts', count(['district']), count(['street']), count(['community', 'compound']), count(['building']))),
      el('h4', {}, t('streetsWithoutCentre', streets.length)), list(streets),
      el('h4', {}, t('communitiesWithoutStation', comms.length)), list(comms)];
  });
}
