// The grid layer: GET /api/v1/grids (网格) outlines; a click on a grid tells its
// households, grid workers and households per worker (with the rule's verdict) and the
// share of its residents within the minutes of the target (GET /api/v1/coverage?unit=grid).
import { get, getAllFeatures, targetParams } from './api.js';
import { el } from './dom.js';
import { num, pct, t, tagged, targetName } from './i18n.js';

/** loadGrids puts every grid on the map and returns them. */
export async function loadGrids(map) {
  const fc = await getAllFeatures('/api/v1/grids');
  map.getSource('grids').setData(fc);
  return fc;
}

/** gridCoverage returns each grid's coverage row for target within minutes, by code. */
export async function gridCoverage(target, minutes) {
  const cov = await get('/api/v1/coverage', { ...targetParams(target), minutes, unit: 'grid' });
  return new Map((cov?.grids ?? []).map((r) => [r.code, r]));
}

/** describeGrid returns the lines of a grid's popup: p its properties from /grids, row its
 * coverage row (undefined: not computed). */
export function describeGrid(p, row, target, minutes) {
  const workers = p.workers === null || p.workers === undefined ? t('gridWorkersUnknown') : num(p.workers);
  let load = t('gridNotAssessed');
  if (p.assessed) {
    load = typeof p.households_per_worker === 'number' ? t('gridLoad', num(p.households_per_worker, 1)) : t('gridLoadNone');
    const v = p.load_verdict ?? p.workers_verdict;
    load = tagged(load, v && t(`verdict_${v}`));
  }
  const share = row ? pct(row.population > 0 ? row.population_share : row.area_share) : t('gridNotAssessed');
  return [
    el('strong', { class: 'grid-name' }, t('gridTitle', p.name || p.code)),
    el('div', {}, t('gridCommunity', p.community_name || p.community_code)),
    el('div', { class: 'grid-households' }, t('gridHouseholds', num(p.households), workers)),
    el('div', { class: 'grid-load' }, load),
    el('div', { class: 'grid-coverage' }, t('gridCoverage', minutes, targetName(target), share)),
  ];
}
