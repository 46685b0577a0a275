// The map's style: the base map from the service's own vector tiles (no external tiles,
// fonts, glyphs or sprites — it works offline; there are no text layers) and the empty
// GeoJSON sources and layers the page fills in.
import { collection } from './dom.js';

/** Minutes of the legend and the colour at each; 20 and beyond share the last colour. */
export const minuteStops = [
  [0, '#1a9850'],
  [5, '#91cf60'],
  [10, '#fee08b'],
  [15, '#fc8d59'],
  [20, '#d73027'],
];

/** The colour of cells no facility is reached from (or off the walk network). */
export const unreachedColour = '#8c8c8c';

/** Station symbols by level: colour and radius in pixels, the network's top first. */
export const levelSymbols = {
  district: { colour: '#b2182b', radius: 10 },
  street: { colour: '#e6550d', radius: 8 },
  community: { colour: '#2166ac', radius: 6.5 },
  compound: { colour: '#4eb3d3', radius: 5 },
  building: { colour: '#7b3294', radius: 4.5 },
};

/** The supply layer's colours: [0] cells reaching no station with a record, then the
 * classes from the lowest value per resident to the highest. */
export const supplyColours = ['#f7f4f9', '#d4b9da', '#c994c7', '#df65b0', '#dd1c77', '#980043'];

/** The colour of supply cells off the walk network (no value). */
export const supplyUnknownColour = '#bdbdbd';

/** The grid layer's outline colour. */
export const gridColour = '#00796b';

const outletPalette = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363',
  '#9c9ede', '#cedb9c',
];

/** outletColour returns the colour of outlets of the category at index i of the table. */
export function outletColour(i) {
  return outletPalette[i % outletPalette.length];
}

function minutesColour() {
  const interp = ['interpolate', ['linear'], ['get', 'minutes']];
  for (const [m, c] of minuteStops) interp.push(m, c);
  return ['case', ['==', ['typeof', ['get', 'minutes']], 'number'], interp, unreachedColour];
}

function levelMatch(field) {
  const m = ['match', ['get', 'level']];
  for (const [level, s] of Object.entries(levelSymbols)) m.push(level, s[field]);
  m.push(field === 'colour' ? '#555555' : 4);
  return m;
}

function outletMatch(categoryKeys) {
  const m = ['match', ['get', 'category']];
  categoryKeys.forEach((k, i) => m.push(k, outletColour(i)));
  m.push('#555555');
  return m;
}

function supplyMatch() {
  const m = ['match', ['get', 'band'], -1, supplyUnknownColour];
  supplyColours.forEach((c, i) => m.push(i, c));
  m.push(supplyUnknownColour);
  return m;
}

const lineWidth = (base) => ['interpolate', ['exponential', 1.6], ['zoom'], 10, base * 0.4, 14, base, 18, base * 5];

function baseLayers() {
  const road = (id, cls, colour, width, extra = {}) => ({
    id, type: 'line', source: 'base', 'source-layer': 'roads', filter: ['==', ['get', 'class'], cls],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': colour, 'line-width': lineWidth(width), ...extra },
  });
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
    {
      id: 'residential', type: 'fill', source: 'base', 'source-layer': 'residential',
      paint: { 'fill-color': '#e6dccb', 'fill-opacity': 0.8 },
    },
    road('roads-path', 'path', '#a89f91', 0.8, { 'line-dasharray': [2, 1.5] }),
    road('roads-steps', 'steps', '#8d6e63', 1.2, { 'line-dasharray': [0.6, 0.6] }),
    road('roads-minor-casing', 'minor', '#cfc8bb', 3.2),
    road('roads-minor', 'minor', '#ffffff', 2.2),
    road('roads-major-casing', 'major', '#d49a3a', 5.5),
    road('roads-major', 'major', '#fcd68a', 4.2),
  ];
}

function overlayLayers(categoryKeys) {
  return [
    {
      id: 'community-shade', type: 'fill', source: 'community-coverage', layout: { visibility: 'none' },
      paint: {
        'fill-color': '#6a3d9a',
        'fill-opacity': ['interpolate', ['linear'], ['coalesce', ['get', 'beyond'], 0], 0, 0, 1, 0.65],
      },
    },
    {
      id: 'cells', type: 'fill', source: 'cells',
      paint: { 'fill-color': minutesColour(), 'fill-opacity': 0.55, 'fill-outline-color': 'rgba(255,255,255,0.15)' },
    },
    {
      // The supply within reach per resident: properties.band is -1 off-network, 0 none
      // reached, 1… the classes of supplyColours (set by supply.js).
      id: 'supply-cells', type: 'fill', source: 'supply', layout: { visibility: 'none' },
      paint: { 'fill-color': supplyMatch(), 'fill-opacity': 0.75, 'fill-outline-color': 'rgba(255,255,255,0.2)' },
    },
    {
      id: 'communities-line', type: 'line', source: 'base', 'source-layer': 'communities',
      paint: { 'line-color': '#5e3c99', 'line-width': 1.4, 'line-dasharray': [3, 2] },
    },
    {
      // Nearly clear: it only takes the clicks on a grid.
      id: 'grids-fill', type: 'fill', source: 'grids', layout: { visibility: 'none' },
      paint: { 'fill-color': gridColour, 'fill-opacity': 0.06 },
    },
    {
      id: 'grids-line', type: 'line', source: 'grids', layout: { visibility: 'none' },
      paint: { 'line-color': gridColour, 'line-width': 1.6 },
    },
    {
      id: 'isochrones', type: 'fill', source: 'isochrones',
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'minutes'], 5, '#08519c', 10, '#3182bd', 15, '#9ecae1'],
        'fill-opacity': 0.45,
      },
    },
    {
      id: 'isochrones-line', type: 'line', source: 'isochrones',
      paint: { 'line-color': '#08306b', 'line-width': 1.8 },
    },
    { id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': '#c51b7d', 'line-width': 2.5 } },
    {
      id: 'gaps-selected', type: 'fill', source: 'gaps', filter: ['==', ['get', 'rank'], -1],
      paint: { 'fill-color': '#c51b7d', 'fill-opacity': 0.3 },
    },
    {
      id: 'route-casing', type: 'line', source: 'route', layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['case', ['==', ['get', 'rank'], 1], 8, 5] },
    },
    {
      id: 'route-line', type: 'line', source: 'route', layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['==', ['get', 'rank'], 1], '#d6336c', '#6f42c1'],
        'line-width': ['case', ['==', ['get', 'rank'], 1], 5, 3],
        'line-opacity': ['case', ['==', ['get', 'rank'], 1], 1, 0.7],
      },
    },
    {
      // Every outlet, by category, once the map is close enough to tell them apart.
      id: 'outlets', type: 'circle', source: 'outlets', minzoom: 14.5,
      paint: {
        'circle-color': outletMatch(categoryKeys), 'circle-radius': 3.5,
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.8, 'circle-opacity': 0.75,
      },
    },
    {
      // The outlets of the chosen category, at every zoom.
      id: 'outlets-target', type: 'circle', source: 'outlets', filter: ['==', ['get', 'selected'], true],
      paint: {
        'circle-color': outletMatch(categoryKeys), 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6],
        'circle-stroke-color': '#222222', 'circle-stroke-width': 1.2,
      },
    },
    {
      id: 'stations', type: 'circle', source: 'stations',
      paint: {
        'circle-color': levelMatch('colour'), 'circle-radius': levelMatch('radius'),
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'hits', type: 'circle', source: 'hits',
      paint: {
        'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#d6336c', 'circle-stroke-width': 3,
      },
    },
    {
      id: 'plan-sites', type: 'circle', source: 'plan',
      paint: {
        'circle-radius': 9, 'circle-color': '#ffd92f',
        'circle-stroke-color': '#222222', 'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'clicked', type: 'circle', source: 'clicked',
      paint: { 'circle-radius': 6, 'circle-color': '#111111', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
}

/** The GeoJSON sources the page fills in. */
export const overlaySources = [
  'community-coverage', 'cells', 'supply', 'grids', 'isochrones', 'gaps', 'route', 'outlets', 'stations', 'hits', 'plan', 'clicked',
];

/** mapStyle returns the style: base tiles from origin (e.g. https://host) and the overlays. */
export function mapStyle(origin, categoryKeys) {
  const sources = {
    base: {
      type: 'vector',
      tiles: [`${origin}/tiles/{z}/{x}/{y}.mvt`],
      minzoom: 0,
      maxzoom: 15,
    },
  };
  for (const id of overlaySources) sources[id] = { type: 'geojson', data: collection() };
  return { version: 8, sources, layers: [...baseLayers(), ...overlayLayers(categoryKeys)] };
}
