// The region picker: the regions of GET /api/v1/regions (a district code or a study
// area's name each), hidden when the server holds one region or none; the region chosen
// is kept in the page's address (?region=…) so that a link opens the same region.
import { get } from './api.js';
import { byId, el } from './dom.js';
import { t, tagged } from './i18n.js';

/** loadRegions lists the server's regions (GET /api/v1/regions, which itself takes no
 * region=). */
export async function loadRegions() {
  const ans = await get('/api/v1/regions', { region: null });
  return ans?.regions ?? [];
}

/** answering lists the regions that answer queries (state loaded). */
export function answering(regions) {
  return (regions ?? []).filter((r) => r.state === 'loaded');
}

/** initialRegion is the region the page opens on: the address's region=, else, when the
 * server holds several regions, the first that answers ('' when there is no choice to
 * make: one region or none, which the server picks itself). */
export function initialRegion(regions) {
  const fromURL = new URLSearchParams(location.search).get('region')?.trim();
  if (fromURL) return fromURL;
  if ((regions ?? []).length < 2) return '';
  return answering(regions)[0]?.region ?? regions[0].region;
}

/** keepInURL writes region r ('' for none) into the page's address, leaving the rest. */
export function keepInURL(r) {
  const u = new URL(location.href);
  if (r) u.searchParams.set('region', r);
  else u.searchParams.delete('region');
  if (u.href !== location.href) history.replaceState(history.state, '', u.href);
}

/** regionLabel names region r: its name and its code, with its state when it does not
 * answer (regions: the server's list; a region not in it is said to be unknown). */
export function regionLabel(regions, r) {
  const x = (regions ?? []).find((g) => g.region === r);
  if (!x) return tagged(r, t('regionUnknown'));
  const name = x.name && x.name !== x.region ? `${x.name} ${x.region}` : x.region;
  return x.state === 'loaded' ? name : tagged(name, t(`regionState_${x.state.replace(/ /g, '_')}`));
}

/** renderRegionPicker fills the picker with the regions (chosen selected; a chosen
 * region the server does not list is added, said unknown) and shows it when there is a
 * choice: several regions, or one other than the one asked for. */
export function renderRegionPicker(regions, chosen) {
  const list = regions ?? [];
  const known = list.some((x) => x.region === chosen);
  byId('region-field').hidden = list.length < 2 && (!chosen || known);
  const options = list.map((x) => el('option', { value: x.region, disabled: x.state !== 'loaded' && x.region !== chosen }, regionLabel(list, x.region)));
  if (chosen && !known) options.push(el('option', { value: chosen }, regionLabel(list, chosen)));
  const sel = byId('region');
  sel.replaceChildren(...options);
  sel.value = chosen || list[0]?.region || '';
}
