// The service's health as a person reads it: one line per part, with its state.

import { api, ApiError } from '../api.js';
import { h, replace, errorBox, formatBytes } from '../dom.js';

export function statusScreen(params, query, main) {
  const error = errorBox();
  const list = h('dl', { class: 'health' });
  main.append(h('section', { class: 'screen status-screen' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Status')), error, list));

  const state = (s) => h('span', { class: `status status-${s}` }, s);
  api.get('/health').then(show).catch((e) => {
    // a 503 still carries the health body: show what is down rather than only that something is
    if (e instanceof ApiError && e.problem?.database) show(e.problem); else error.show(e);
  });

  function show(health) {
    replace(list,
      h('dt', {}, 'Overall'), h('dd', { 'data-test': 'health-status' }, state(health.status)),
      h('dt', {}, 'Version'), h('dd', {}, health.version),
      h('dt', {}, 'Database'), h('dd', {}, `${health.database.kind} `, state(health.database.status)),
      h('dt', {}, 'Cache'), h('dd', {}, `${health.cache.kind} `, state(health.cache.status)),
      health.imaging ? [h('dt', {}, 'Imaging'), h('dd', {}, `${health.imaging.engine} ${health.imaging.version || ''}`)] : null,
      h('dt', {}, 'Storage'), h('dd', {}, state(health.storage.status),
        ` ${formatBytes(health.storage.free_bytes)} free`));
  }
}
