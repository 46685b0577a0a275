// Calls to lifecircle's HTTP API (same origin). Coordinates are WGS84 (lon, lat); every
// error answer {"error": {"code", "message"}} becomes a thrown Error with that message.
// The region chosen (setRegion) goes as region= with every call, unless a call says
// otherwise (a point query that lets the server find the point's region).

let region = '';

/** setRegion makes r ('' for none) the region= of every call from now on. */
export function setRegion(r) {
  region = r || '';
}

/** currentRegion is the region every call names ('' for none). */
export function currentRegion() {
  return region;
}

/** withRegion adds region= to params unless they name one (null: send none). */
function withRegion(params) {
  if ('region' in params) return params;
  return region ? { ...params, region } : params;
}

function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  return q.toString();
}

/** targetParams returns the query parameters (or plan body fields) naming a target
 * {kind, key}: kind category, level or circle (a named service circle). */
export function targetParams(target) {
  return { [target.kind]: target.key };
}

async function answer(res) {
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const msg = body?.error?.message || `${res.status} ${res.statusText}`;
    const err = new Error(msg);
    err.code = body?.error?.code || String(res.status);
    throw err;
  }
  return body;
}

/** answerRegion is the region an answer was given for: its region field, else its
 * Lifecircle-Region header ('' when it says none). */
function answerRegion(res, body) {
  const r = body && typeof body === 'object' && !Array.isArray(body) ? body.region : undefined;
  return typeof r === 'string' && r ? r : res.headers.get('Lifecircle-Region') || '';
}

/** getWithRegion fetches path with query parameters params (region= added unless params
 * name one; region: null sends none) and returns { body, region }: the decoded JSON and
 * the region the server answered for. */
export async function getWithRegion(path, params = {}, signal) {
  const qs = queryString(withRegion(params));
  const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' }, signal });
  const body = await answer(res);
  return { body, region: answerRegion(res, body) };
}

/** get fetches path with query parameters params (and the region) and returns the
 * decoded JSON. */
export async function get(path, params = {}, signal) {
  return (await getWithRegion(path, params, signal)).body;
}

/** post sends body as JSON to path (region= in its query) and returns the decoded JSON
 * answer. */
export async function post(path, body, signal) {
  const qs = queryString(withRegion({}));
  const res = await fetch(qs ? `${path}?${qs}` : path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  return answer(res);
}

/** getAllFeatures follows a paged feature listing's next links, up to max features. */
export async function getAllFeatures(path, params = {}, max = 20000) {
  const first = await get(path, { limit: 1000, ...params });
  const features = [...(first?.features ?? [])];
  let next = first?.next;
  while (next && features.length < max) {
    const page = await answer(await fetch(next, { headers: { Accept: 'application/json' } }));
    features.push(...(page?.features ?? []));
    next = page?.next;
  }
  return { type: 'FeatureCollection', features };
}
