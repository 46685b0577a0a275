// The web map of lifecircle: wires the controls, the map and the panels together.
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { AttributionControl, Map as MapLibreMap, NavigationControl, Popup, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import { get, getAllFeatures, setRegion } from './api.js';
import { bboxOf, byId, el, fitTo } from './dom.js';
import {
  applyStatic, categoryKeys, categoryName, circleList, circleName, lang, levelName, setCircles, setLang, t, targetName,
} from './i18n.js';
import {
  describeCommunity, highlightOutlets, layerVisible, loadCells, loadCommunityCoverage, loadFacilities, renderLayerSwitches, renderLegend,
} from './overlays.js';
import { describeGrid, gridCoverage, loadGrids } from './grids.js';
import { loadSupply, resources, supplyLegend } from './supply.js';
import { loadDiagnostics, renderDiagnostics } from './health.js';
import { loadGaps, loadNetwork, renderGaps, renderNetwork, renderPlan, suggestSites } from './planner.js';
import { clearQuery, isochrone, nearest, renderQuery } from './query.js';
import { initialRegion, keepInURL, loadRegions, regionLabel, renderRegionPicker } from './regions.js';
import { searchIndex, wireSearch } from './search.js';
import { mapStyle } from './style.js';

setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);

const levelKeys = ['district', 'street', 'community', 'compound', 'building', 'any'];

/** What the page shows; views re-render from it when the language changes. */
const state = {
  regions: [], // GET /api/v1/regions (none: the server could not list them)
  region: '', // the region chosen, sent as region= ('' when there is no choice: one region)
  target: { kind: 'level', key: 'any' },
  minutes: 15,
  mode: 'nearest',
  tab: 'query',
  facilities: null,
  communities: null,
  query: null,
  gaps: null,
  plan: null,
  network: null,
  diagnostics: null,
  supply: null, // what the supply layer shows (supply.js loadSupply), once switched on
  supplyResource: 'floor_area',
  grids: null,
  gridCoverage: null, // { target, minutes, rows } of the last grid clicked
};

// Numbers the target loads and the map queries, so that a slow, stale answer never
// replaces a newer one.
const seq = { target: 0, query: 0, supply: 0, region: 0 };

function status(msg, isError = false) {
  const s = byId('status');
  s.textContent = msg || '';
  s.classList.toggle('error', isError);
}

async function guarded(fn) {
  try {
    return await fn();
  } catch (err) {
    status(t('error', err.message), true);
    return undefined;
  }
}

function fillTargetSelect() {
  const sel = byId('target');
  const value = `${state.target.kind}:${state.target.key}`;
  sel.replaceChildren(
    el('optgroup', { label: t('groupLevels') }, levelKeys.map((k) => el('option', { value: `level:${k}` }, levelName(k)))),
    el('optgroup', { label: t('groupCategories') }, categoryKeys().map((k) => el('option', { value: `category:${k}` }, categoryName(k)))),
    circleList().length ? el('optgroup', { label: t('groupCircles') },
      circleList().map((c) => el('option', { value: `circle:${c.key}` }, circleName(c.key)))) : null);
  sel.value = value;
  const mins = byId('minutes');
  const options = [...new Set([5, 10, 15, state.minutes])].sort((a, b) => a - b);
  mins.replaceChildren(...options.map((m) => el('option', { value: m }, t('minutesOption', m))));
  mins.value = String(state.minutes);
}

function renderAll(map) {
  applyStatic();
  renderRegionPicker(state.regions, state.region);
  fillTargetSelect();
  legend(map);
  renderPrintHead();
  layerSwitches(map);
  showQuery();
  renderGaps(map, state.gaps, state.minutes);
  renderPlan(state.plan);
  renderNetwork(state.network);
  renderDiagnostics(state.diagnostics);
}

/** showQuery renders the query tab: the last answer, and the region it was answered for
 * when the server holds several. */
function showQuery() {
  const r = state.regions.length > 1 && state.query?.region ? regionLabel(state.regions, state.query.region) : '';
  renderQuery(state.query, state.mode, state.target, r);
}

/** legend draws the legend of the target, with the supply layer's rows when it is shown. */
function legend(map) {
  const extra = state.supply && layerVisible(map, 'supply') ? supplyLegend(state.supply) : [];
  renderLegend(state.target, state.minutes, illustrative(), extra);
}

/** layerSwitches renders the layers tab; switching the supply or grid layer on loads it. */
function layerSwitches(map) {
  renderLayerSwitches(map, state.minutes, {
    resource: state.supplyResource,
    resources,
    onToggle: (id, shown) => {
      if (id === 'supply') refreshSupply(map);
      if (id === 'grids' && shown && !state.grids) guarded(async () => { state.grids = await loadGrids(map); });
    },
    onResource: (r) => {
      state.supplyResource = r;
      refreshSupply(map);
    },
  });
}

/** refreshSupply loads the supply layer for the resource and minutes chosen when it is
 * shown, and redraws the legend. */
async function refreshSupply(map) {
  if (!layerVisible(map, 'supply')) {
    legend(map);
    return;
  }
  const mine = ++seq.supply;
  status(t('loading'));
  const sup = await guarded(() => loadSupply(map, state.supplyResource, state.minutes, () => mine === seq.supply));
  if (mine !== seq.supply) return;
  if (sup) {
    state.supply = sup;
    status('');
  }
  legend(map);
}

/** illustrative says whether the map shows made-up data: illustrative stations or
 * derived communities (the legend and the print heading then say 示例数据). */
function illustrative() {
  return !!(state.facilities?.stations.features.some((f) => f.properties.source === 'illustrative')
    || state.communities?.features.some((f) => f.properties.source === 'derived'));
}

async function refreshTarget(map) {
  const mine = ++seq.target;
  status(t('loading'));
  state.plan = null;
  map.getSource('plan').setData({ type: 'FeatureCollection', features: [] });
  renderPlan(null);
  legend(map);
  renderPrintHead();
  if (state.tab === 'query' && !state.query) showQuery();
  if (state.facilities) highlightOutlets(map, state.facilities.outlets, state.target);
  const ok = await guarded(async () => {
    const current = () => mine === seq.target;
    await Promise.all([loadCells(map, state.target, current), loadCommunityCoverage(map, state.target, state.minutes, current)]);
    if (state.tab === 'plan' && current()) state.gaps = await loadGaps(map, state.target, state.minutes);
    return true;
  });
  if (mine !== seq.target) return;
  if (state.tab === 'plan') renderGaps(map, state.gaps, state.minutes);
  if (ok) status('');
}

async function showTab(map, tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll('[data-tab]')) b.classList.toggle('active', b.dataset.tab === tab);
  for (const s of document.querySelectorAll('.tab')) s.hidden = s.id !== `tab-${tab}`;
  const planning = tab === 'plan';
  map.setLayoutProperty('gaps-line', 'visibility', planning ? 'visible' : 'none');
  map.setLayoutProperty('gaps-selected', 'visibility', planning ? 'visible' : 'none');
  if (!planning) return;
  await guarded(async () => {
    const [gaps, network, diagnostics] = await Promise.all([loadGaps(map, state.target, state.minutes),
      state.network ?? loadNetwork(), state.diagnostics ?? loadDiagnostics()]);
    state.gaps = gaps;
    state.network = network;
    state.diagnostics = diagnostics;
    renderGaps(map, state.gaps, state.minutes);
    renderNetwork(state.network);
    renderDiagnostics(state.diagnostics);
  });
}

/** showGrid opens the popup of grid feature f at lngLat: its households and workers, and
 * its coverage for the target within the minutes. */
async function showGrid(map, f, lngLat) {
  const { target, minutes } = state;
  const c = state.gridCoverage;
  if (!c || c.target !== target || c.minutes !== minutes) {
    state.gridCoverage = { target, minutes, rows: await gridCoverage(target, minutes) };
  }
  const row = state.gridCoverage.rows.get(f.properties.code);
  new Popup({ className: 'grid-info', maxWidth: '260px' }).setLngLat(lngLat)
    .setDOMContent(el('div', {}, describeGrid(f.properties, row, target, minutes))).addTo(map);
}

async function onMapClick(map, e) {
  const { lng, lat } = e.lngLat;
  const grid = layerVisible(map, 'grids') ? map.queryRenderedFeatures(e.point, { layers: ['grids-fill'] })[0] : null;
  if (grid) {
    await guarded(() => showGrid(map, grid, e.lngLat));
    return;
  }
  const mine = ++seq.query;
  status(t('loading'));
  const locate = state.regions.length > 1; // the server finds the point's region
  const answer = await guarded(() => (state.mode === 'isochrone' ? isochrone(map, lng, lat, locate) : nearest(map, state.target, lng, lat, locate)));
  if (mine !== seq.query || !answer) return;
  status('');
  state.query = answer;
  if (state.tab !== 'query') await showTab(map, 'query');
  showQuery();
  document.body.classList.remove('panel-hidden');
  if (locate && answer.region && answer.region !== state.region && state.regions.some((r) => r.region === answer.region)) {
    await chooseRegion(map, answer.region, { fit: false }); // the picker follows the point
  }
}

/** chooseRegion makes r the region of every call, in the page's address and the picker,
 * forgets what was loaded for the last one and loads r's layers (fit: flying the map to
 * r's extent). */
async function chooseRegion(map, r, { fit }) {
  const mine = ++seq.region;
  state.region = r;
  setRegion(r);
  keepInURL(r);
  renderRegionPicker(state.regions, r);
  Object.assign(state, { facilities: null, communities: null, gaps: null, plan: null, network: null, diagnostics: null, supply: null, grids: null, gridCoverage: null });
  await loadRegion(map, fit, () => mine === seq.region);
}

/** loadRegion loads the chosen region's facilities, communities (fitting the map to them
 * with fit), cells, and the layers and planner views shown; current says whether the
 * region is still the one chosen. */
async function loadRegion(map, fit, current) {
  await guarded(async () => {
    const facilities = await loadFacilities(map);
    if (!current()) return;
    state.facilities = facilities;
    await fitDistrict(map, fit);
  });
  if (!current()) return;
  if (layerVisible(map, 'grids')) guarded(async () => { state.grids = await loadGrids(map); });
  refreshSupply(map);
  await refreshTarget(map);
  if (current() && state.tab === 'plan') await showTab(map, 'plan');
  if (current()) document.body.dataset.region = state.region;
}

/** renderPrintHead writes the line a printed map carries above it: what it shows. */
function renderPrintHead() {
  const head = t('printHead', t('title'), targetName(state.target), state.minutes);
  byId('print-head').textContent = illustrative() ? `${head} · ${t('illustrative')}` : head;
}

/** fitDistrict loads the communities and, with fit, flies the map to them (to the
 * stations when there are none): /api/v1/regions gives no extent of its own. */
async function fitDistrict(map, fit) {
  state.communities = await getAllFeatures('/api/v1/communities');
  if (!fit) return;
  let fc = state.communities;
  if (!fc.features.length) fc = state.facilities?.stations ?? fc;
  const b = bboxOf(fc.features.map((f) => f.geometry));
  if (b) fitTo(map, b);
}

function communityHover(map) {
  const popup = new Popup({ closeButton: false, closeOnClick: false, className: 'hover' });
  map.on('mousemove', 'community-shade', (e) => {
    const f = e.features?.[0];
    if (!f) return;
    const derived = state.communities?.features.some((c) => c.properties.code === f.properties.code && c.properties.source === 'derived');
    popup.setLngLat(e.lngLat).setText(describeCommunity(f.properties, state.minutes, derived)).addTo(map);
  });
  map.on('mouseleave', 'community-shade', () => popup.remove());
}

function wireControls(map) {
  byId('target').addEventListener('change', (e) => {
    const [kind, key] = e.target.value.split(':');
    state.target = { kind, key };
    if (kind === 'circle') { // a circle's own minutes
      state.minutes = circleList().find((c) => c.key === key)?.minutes ?? state.minutes;
      fillTargetSelect();
      layerSwitches(map);
      refreshSupply(map);
    }
    refreshTarget(map);
  });
  byId('minutes').addEventListener('change', (e) => {
    state.minutes = Number(e.target.value);
    layerSwitches(map);
    refreshSupply(map);
    refreshTarget(map);
  });
  for (const b of document.querySelectorAll('[data-mode]')) {
    b.addEventListener('click', () => {
      state.mode = b.dataset.mode;
      for (const o of document.querySelectorAll('[data-mode]')) o.classList.toggle('active', o === b);
      state.query = null;
      clearQuery(map);
      showQuery();
    });
  }
  byId('region').addEventListener('change', (e) => {
    state.query = null;
    clearQuery(map);
    showQuery();
    chooseRegion(map, e.target.value, { fit: true });
  });
  for (const b of document.querySelectorAll('[data-tab]')) b.addEventListener('click', () => showTab(map, b.dataset.tab));
  byId('lang').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    try {
      localStorage.setItem('lifecircle.lang', lang());
    } catch {
      // storage may be off; the switch still works for this page
    }
  });
  byId('print').addEventListener('click', () => window.print());
  wireSearch(map, () => searchIndex(state.facilities?.stations, state.facilities?.outlets, state.communities));
  byId('panel-toggle').addEventListener('click', () => document.body.classList.toggle('panel-hidden'));
  byId('plan-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const k = Math.min(20, Math.max(1, Number(byId('plan-k').value) || 3));
    status(t('loading'));
    const plan = await guarded(() => suggestSites(map, state.target, state.minutes, k));
    if (!plan) return;
    status('');
    state.plan = plan;
    renderPlan(plan);
  });
  document.addEventListener('lang', () => renderAll(map));
  map.on('click', (e) => onMapClick(map, e));
  communityHover(map);
}

function initialLang() {
  const fromURL = new URLSearchParams(location.search).get('lang');
  let saved = null;
  try {
    saved = localStorage.getItem('lifecircle.lang');
  } catch {
    saved = null;
  }
  return fromURL || saved || 'zh';
}

async function start() {
  const map = new MapLibreMap({
    container: 'map',
    style: mapStyle(location.origin, categoryKeys()),
    center: [104.06, 30.66],
    zoom: 12,
    maxZoom: 19,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true }, // so that printing shows the map
  });
  map.addControl(new AttributionControl({ compact: false, customAttribution: '© OpenStreetMap contributors' }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  window.lifecircle = { map, state };
  await map.once('load');
  try {
    setCircles((await get('/api/v1/circles'))?.circles);
  } catch {
    setCircles([]); // a server without a circle file: the selector offers none
  }
  state.regions = (await guarded(loadRegions)) ?? [];
  state.region = initialRegion(state.regions);
  setRegion(state.region);
  keepInURL(state.region);
  wireControls(map);
  setLang(initialLang()); // renders every view
  await showTab(map, 'query');
  await loadRegion(map, true, () => seq.region === 0);
  document.body.dataset.ready = 'true';
}

start();
