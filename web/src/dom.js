// Small DOM helpers.

/** el creates an element with attributes (on* keys become listeners) and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** byId returns the element with the id. */
export function byId(id) {
  return document.getElementById(id);
}

/** bboxOf returns [[minLon, minLat], [maxLon, maxLat]] of GeoJSON geometries, or null. */
export function bboxOf(geometries) {
  let b = null;
  const add = (p) => {
    if (!Array.isArray(p) || typeof p[0] !== 'number') {
      if (Array.isArray(p)) p.forEach(add);
      return;
    }
    if (!b) b = [[p[0], p[1]], [p[0], p[1]]];
    b[0][0] = Math.min(b[0][0], p[0]);
    b[0][1] = Math.min(b[0][1], p[1]);
    b[1][0] = Math.max(b[1][0], p[0]);
    b[1][1] = Math.max(b[1][1], p[1]);
  };
  for (const g of geometries) if (g?.coordinates) add(g.coordinates);
  return b;
}

/** collection wraps features in a GeoJSON FeatureCollection. */
export function collection(features = []) {
  return { type: 'FeatureCollection', features };
}

/** fitTo moves the map to show bbox [[w, s], [e, n]] clear of the panel and the legend
 * that float over it (the panel is at the left on wide screens, at the bottom on phones). */
export function fitTo(map, bbox, maxZoom = 16) {
  const box = map.getContainer().getBoundingClientRect();
  const pad = { top: 40, right: 40, bottom: 40, left: 40 };
  const panel = document.getElementById('panel')?.getBoundingClientRect();
  if (panel && panel.width > 0 && panel.height > 0) {
    if (panel.width < box.width * 0.6) pad.left = Math.max(pad.left, panel.right - box.left + 30);
    else pad.bottom = Math.max(pad.bottom, box.bottom - panel.top + 30);
  }
  if (pad.left + pad.right >= box.width - 40 || pad.top + pad.bottom >= box.height - 40) return;
  map.fitBounds(bbox, { padding: pad, maxZoom, duration: 500 });
}

/** fill replaces the children of the element with the id by render(value), or empties it
 * when value is null or undefined. */
export function fill(id, value, render) {
  byId(id).replaceChildren(...(value === null || value === undefined ? [] : render(value)));
}
