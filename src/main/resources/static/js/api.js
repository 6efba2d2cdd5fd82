// The one module that talks to /api/v2. Every failure becomes an ApiError whose message is the server's
// problem `detail` (RFC 9457), so screens can show it in words next to what caused it.

const BASE = '/api/v2';

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(messageOf(problem, fallback));
    this.status = status;
    this.problem = problem || {};
  }
}

/** The words to show for a problem body: its detail, then each bad field ("name: must not be blank"). */
function messageOf(problem, fallback) {
  if (!problem || typeof problem !== 'object') return fallback;
  const parts = [problem.detail || problem.title || fallback];
  if (Array.isArray(problem.errors)) {
    for (const e of problem.errors) {
      const line = [e.field || e.pointer || e.name, e.message || e.detail].filter(Boolean).join(': ');
      if (line && !parts[0].includes(line)) parts.push(line);
    }
  }
  return parts.filter(Boolean).join(' — ');
}

/** Reads a failed response's problem body; a body that is not JSON still gives a readable message. */
export async function errorFrom(response) {
  let problem = null;
  try {
    const text = await response.text();
    problem = text ? JSON.parse(text) : null;
  } catch {
    problem = null;
  }
  const fallback = `${response.status} ${response.statusText || 'error'}`.trim();
  const error = new ApiError(response.status, problem, fallback);
  error.retryAfter = Number(response.headers.get('Retry-After')) || null;
  return error;
}

// Screens register here to hear that the session ended (a 401 anywhere sends the user to sign in).
const unauthorizedListeners = new Set();
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
}

/**
 * A JSON request to the API. `query` values that are empty are left out, arrays are sent comma-separated.
 * Network failures become an ApiError with status 0 and a sentence a person understands.
 */
export async function request(method, path, { query, body, form, signal, quiet401 = false } = {}) {
  const url = new URL(BASE + path, location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      url.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
  }
  const init = { method, headers: { Accept: 'application/json' }, signal, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (form) {
    init.body = form; // the browser writes the multipart Content-Type with its boundary
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, 'The server cannot be reached; check that Gallery is running.');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !quiet401) unauthorizedListeners.forEach((fn) => fn(error));
    throw error;
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
  /** A multipart POST (a FormData with files), query parameters in the address. */
  postForm: (path, form, query, opts = {}) => request('POST', path, { ...opts, form, query }),
};

export const thumbnailUrl = (imageId, size = 'small') =>
  `${BASE}/images/${encodeURIComponent(imageId)}/thumbnail/${size}`;

export const originalUrl = (imageId) => `${BASE}/images/${encodeURIComponent(imageId)}`;

/**
 * Reads a Server-Sent Events body from a fetch response: calls onEvent(name, data) for each event.
 * EventSource cannot POST, so a generation is read this way.
 */
export async function readEventStream(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    // events are separated by a blank line; \r\n endings are allowed by the format
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const raw = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data = [];
      for (const line of raw.split(/\r?\n/)) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) {
        let parsed = data.join('\n');
        try { parsed = JSON.parse(parsed); } catch { /* plain text data stays text */ }
        onEvent(name, parsed);
      }
    }
  }
}
