// Hash routes (#/library, #/photosets/{id}?tags=a): the server serves one page at "/", so links, the
// back button and reloads work without any server-side route table.

const routes = [];
let current = null;

/** route('/photosets/:id', render): render(params, query, main) returns an optional cleanup function. */
export function route(pattern, render) {
  const keys = [];
  const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, k) => { keys.push(k); return '([^/]+)'; }) + '$');
  routes.push({ regex, keys, render, pattern });
}

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/library';
  const [path, search = ''] = raw.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  const qs = params.toString();
  return `#${path}${qs ? '?' + qs : ''}`;
}

export function navigate(path, query) {
  location.hash = href(path, query);
}

/** Changes the query of the current route without re-rendering the screen (filters typed into a form). */
export function replaceQuery(query) {
  const { path } = parseHash();
  history.replaceState(null, '', href(path, query));
}

/** Renders the screen for the current hash into `main`; the previous screen's cleanup runs first. */
export function start(main, beforeRender) {
  const render = async () => {
    const { path, query } = parseHash();
    const match = routes.map((r) => ({ r, m: r.regex.exec(path) })).find((x) => x.m);
    if (current && current.path === path && current.keepOnQueryChange) return;
    if (current?.cleanup) current.cleanup();
    current = null;
    if (!match) {
      location.replace(href('/library'));
      return;
    }
    const params = Object.fromEntries(match.r.keys.map((k, i) => [k, decodeURIComponent(match.m[i + 1])]));
    if (beforeRender && (await beforeRender(path)) === false) return;
    main.replaceChildren();
    const result = match.r.render(params, query, main) || {};
    current = { path, cleanup: result.cleanup || (typeof result === 'function' ? result : null),
      keepOnQueryChange: !!result.keepOnQueryChange };
  };
  addEventListener('hashchange', render);
  return render();
}
