// Address search over what the page has loaded: stations, outlets and communities, by a
// part of their name (Chinese names match by any substring; Latin letters ignore case)
// or their id/code. Nothing is sent to the server: the index is the GeoJSON listings.
import { Popup } from 'maplibre-gl';
import { bboxOf, byId, el, fitTo } from './dom.js';
import { categoryName, levelName, t, tagged } from './i18n.js';

/** The most matches listed at once. */
const maxMatches = 8;

/** searchIndex builds the entries to search: {name, id, kind, detail(), geometry}. */
export function searchIndex(stations, outlets, communities) {
  const entries = [];
  for (const f of stations?.features ?? []) {
    entries.push({ name: f.properties.name ?? '', id: f.properties.id ?? f.id ?? '', kind: 'station', geometry: f.geometry,
      detail: () => tagged(levelName(f.properties.level), f.properties.source === 'illustrative' && t('illustrative')) });
  }
  for (const f of outlets?.features ?? []) {
    entries.push({ name: f.properties.name ?? '', id: f.properties.id ?? f.id ?? '', kind: 'outlet', geometry: f.geometry,
      detail: () => categoryName(f.properties.category) });
  }
  for (const f of communities?.features ?? []) {
    entries.push({ name: f.properties.name ?? '', id: f.properties.code ?? f.id ?? '', kind: 'community', geometry: f.geometry,
      detail: () => tagged(t('searchCommunity'), f.properties.source === 'derived' && t('derivedTag')) });
  }
  return entries.filter((e) => e.geometry);
}

/** match returns the entries whose name or id holds the query, names starting with it
 * first, then shorter names; at most maxMatches. */
export function match(entries, query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const found = [];
  for (const e of entries) {
    const name = e.name.toLowerCase();
    const at = name.indexOf(q);
    if (at >= 0) found.push({ e, score: at === 0 ? 0 : 1, len: name.length });
    else if (String(e.id).toLowerCase().includes(q)) found.push({ e, score: 2, len: name.length });
  }
  found.sort((a, b) => a.score - b.score || a.len - b.len);
  return found.slice(0, maxMatches).map((f) => f.e);
}

/** goTo flies the map to an entry (a point: close in; an area: its bounds) and labels it. */
function goTo(map, entry, popup) {
  const g = entry.geometry;
  let at;
  if (g.type === 'Point') {
    at = g.coordinates;
    map.flyTo({ center: at, zoom: Math.max(map.getZoom(), 16), duration: 600 });
  } else {
    const b = bboxOf([g]);
    if (!b) return;
    at = [(b[0][0] + b[1][0]) / 2, (b[0][1] + b[1][1]) / 2];
    fitTo(map, b);
  }
  popup.setLngLat(at).setText(`${entry.name} · ${entry.detail()}`).addTo(map);
}

/** wireSearch connects the search box to the entries index() returns (read at each
 * keystroke, so that it sees what has loaded by then). */
export function wireSearch(map, index) {
  const input = byId('search');
  const list = byId('search-results');
  const popup = new Popup({ closeButton: true, closeOnClick: true, className: 'found' });
  const close = () => { list.replaceChildren(); list.hidden = true; };
  const pick = (entry) => {
    input.value = entry.name;
    close();
    goTo(map, entry, popup);
  };
  const show = () => {
    const q = input.value;
    const found = match(index(), q);
    list.hidden = q.trim() === '';
    list.replaceChildren(...(found.length ? found.map((entry) => el('li', {
      class: 'search-result', tabindex: '0', role: 'option',
      onclick: () => pick(entry),
      onkeydown: (e) => { if (e.key === 'Enter') pick(entry); },
    }, el('span', { class: 'name' }, entry.name), ' ', el('small', {}, entry.detail()))) : [el('li', { class: 'empty' }, t('searchNone'))]));
  };
  input.addEventListener('input', show);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = match(index(), input.value)[0];
      if (first) pick(first);
    } else if (e.key === 'Escape') close();
  });
  document.addEventListener('click', (e) => { if (!byId('search-box').contains(e.target)) close(); });
}
