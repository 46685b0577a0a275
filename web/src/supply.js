// The supply layer: GET /api/v1/supply/cells — the service floor area or staff of the
// stations within reach on foot, per resident (two-step floating catchment) — as a
// choropleth of the cells, and its legend: the unit, the classes, and the district's
// figure per 100 (floor area) or 1 000 (staff) households from GET /api/v1/supply.
import { get } from './api.js';
import { collection, el } from './dom.js';
import { num, t } from './i18n.js';
import { supplyColours, supplyUnknownColour } from './style.js';

/** The resources the layer can show (resource= of the API). */
export const resources = ['floor_area', 'staff'];

/** How the legend scales a value per resident: staff per resident reads as staff per
 * 1 000 residents (the legend's unit says so). */
const scale = { floor_area: 1, staff: 1000 };

/** classBreaks returns the upper bounds of up to n classes of equal count over sorted
 * values (ascending), without repeats. */
function classBreaks(sorted, n) {
  const out = [];
  for (let i = 1; i <= n && sorted.length; i++) {
    const b = sorted[Math.ceil((i * sorted.length) / n) - 1];
    if (!out.length || b > out[out.length - 1]) out.push(b);
  }
  return out;
}

/** band returns a cell's class: -1 without a value (off the network), 0 none reached,
 * else 1 + the index of the first break at or above the scaled value. */
function band(value, f, breaks) {
  if (typeof value !== 'number') return -1;
  if (value <= 0) return 0;
  const i = breaks.findIndex((b) => value * f <= b);
  return 1 + (i < 0 ? breaks.length - 1 : i);
}

/** loadSupply draws the supply of resource within minutes (unless current() says by then
 * that another was asked for) and returns what the legend shows. */
export async function loadSupply(map, resource, minutes, current = () => true) {
  const [cells, sum] = await Promise.all([
    get('/api/v1/supply/cells', { resource, minutes, format: 'geojson' }),
    get('/api/v1/supply', { resource, minutes }),
  ]);
  const fs = cells?.features ?? [];
  const f = scale[resource];
  const values = fs.map((x) => x.properties.value).filter((v) => typeof v === 'number' && v > 0).map((v) => v * f);
  const breaks = classBreaks(values.sort((a, b) => a - b), supplyColours.length - 1);
  const features = fs.map((x) => ({ ...x, properties: { ...x.properties, band: band(x.properties.value, f, breaks) } }));
  if (current()) map.getSource('supply').setData(collection(features));
  return { resource, minutes, breaks, count: features.length, total: sum?.total, rule: sum?.rule, stations: sum?.stations };
}

function swatch(colour, text) {
  return el('div', { class: 'legend-row' }, el('span', { class: 'swatch', style: `background:${colour}` }), text);
}

/** supplyLegend returns the legend's rows for a loadSupply answer. */
export function supplyLegend(sup) {
  const digits = sup.resource === 'staff' ? 2 : 1;
  const last = sup.breaks.length - 1;
  const classes = sup.breaks.map((b, i) => {
    const from = i ? num(sup.breaks[i - 1], digits) : '0';
    return swatch(supplyColours[i + 1], i === last && i ? t('supplyAbove', from) : `${from} – ${num(b, digits)}`);
  });
  const per = sup.total?.per_households;
  const total = typeof per === 'number'
    ? el('p', { class: 'legend-explain supply-total', dataset: { value: String(per) } },
      t(`supplyTotal_${sup.resource}`, num(per, 1), num(sup.rule?.min, 1)))
    : el('p', { class: 'legend-explain supply-total' }, t('supplyTotalUnknown'));
  return [
    el('div', { class: 'legend-title supply-title' }, t(`supplyTitle_${sup.resource}`, sup.minutes)),
    el('p', { class: 'legend-explain supply-unit' }, t(`supplyUnit_${sup.resource}`)),
    ...classes,
    swatch(supplyColours[0], t('supplyZero')),
    swatch(supplyUnknownColour, t('supplyUnknown')),
    total,
    el('p', { class: 'legend-explain' }, t('supplyStations', num(sup.stations?.count), num(sup.stations?.with_ratio))),
  ];
}
