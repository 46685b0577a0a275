// Calls to lifecircle's HTTP API (same origin). Coordinates are WGS84 (lon, lat); every
// error answer {"error": {"code", "message"}} becomes a thrown Error with that message.

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

/** get fetches path with query parameters params and returns the decoded JSON. */
export async function get(path, params = {}, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' }, signal });
  return answer(res);
}

/** post sends body as JSON to path and returns the decoded JSON answer. */
export async function post(path, body, signal) {
  const res = await fetch(path, {
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
