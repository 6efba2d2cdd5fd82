// Exports (ZIPs written in the background): progress while they run, the download once done, and when the file
// expires. Refreshed every two seconds while any is still running.

import { api } from '../api.js';
import { h, errorBox, formatBytes, formatDate } from '../dom.js';
import { canWrite } from '../session.js';

/** "expires in 3 h", "expired"; the exact time is in the title. */
function expiry(iso) {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 0) return 'expired';
  const hours = ms / 3_600_000;
  return hours >= 48 ? `expires in ${Math.round(hours / 24)} days` : hours >= 1 ? `expires in ${Math.round(hours)} h`
    : `expires in ${Math.max(1, Math.round(ms / 60_000))} min`;
}

function describe(selection) {
  if (!selection) return '';
  if (selection.image_ids) return `${selection.image_ids.length.toLocaleString()} chosen images`;
  if (selection.photoset_id) return 'a photoset';
  if (selection.filter) return `images matching ${Object.entries(selection.filter).map(([k, v]) => `${k}=${v}`).join(', ')}`;
  return 'all images';
}

export function exportsScreen(params, query, main) {
  const error = errorBox();
  const list = h('ul', { class: 'exports', 'data-test': 'exports' });
  const empty = h('p', { class: 'muted', hidden: true }, 'No exports yet. Select images in a grid and export them, or use POST /api/v2/exports.');
  main.append(h('section', { class: 'screen exports-screen' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Exports')), error, list, empty));

  let timer = null;
  let stopped = false;

  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await api.get('/jobs', { type: 'export', limit: 50 });
      // the job list has the progress; the export's own view adds the file, its size, link and expiry
      const exports = await Promise.all(page.items.map((job) => api.get(`/exports/${job.id}`).catch((e) => ({ ...job, loadError: e }))));
      if (stopped) return;
      error.clear();
      list.replaceChildren(...exports.map(itemOf));
      empty.hidden = exports.length > 0;
      if (exports.some((x) => x.status === 'queued' || x.status === 'running')) timer = setTimeout(refresh, 2000);
    } catch (e) {
      if (!stopped) error.show(e);
    }
  }

  function itemOf(x) {
    const { done, failed, total } = x.progress || { done: 0, failed: 0, total: 0 };
    const itemError = errorBox();
    if (x.loadError) itemError.show(x.loadError);
    const remove = async (button) => {
      button.disabled = true;
      try { await api.del(`/exports/${x.id}`); refresh(); } catch (e) { itemError.show(e); button.disabled = false; }
    };
    const running = x.status === 'queued' || x.status === 'running';
    const expired = x.expires_at && new Date(x.expires_at).getTime() <= Date.now();
    return h('li', { class: 'export', dataset: { id: x.id, status: x.status } },
      h('div', { class: 'export-head' },
        h('strong', {}, x.file_name || `Export of ${describe(x.selection)}`),
        h('span', { class: `status status-${x.status}` }, x.status)),
      h('p', { class: 'muted export-meta' }, [describe(x.selection), `started ${formatDate(x.created_at)}`,
        x.bytes != null ? formatBytes(x.bytes) : null].filter(Boolean).join(' · ')),
      h('div', { class: 'export-progress' },
        h('progress', { max: total || 1, value: done + failed, 'aria-label': `${done} of ${total} images written` }),
        h('span', { class: 'muted' }, ` ${done}/${total} images${failed ? `, ${failed} failed` : ''}`)),
      x.error ? h('p', { class: 'error' }, x.error) : null,
      x.failures?.length ? h('ul', { class: 'failures' }, x.failures.map((f) => h('li', {}, `${f.item_id}: ${f.reason}`))) : null,
      h('div', { class: 'export-actions' },
        x.download_url && !expired ? h('a', { class: 'button primary', href: x.download_url, download: x.file_name || '',
          'data-test': 'download' }, 'Download') : null,
        x.expires_at ? h('span', { class: 'muted', title: formatDate(x.expires_at), 'data-test': 'expiry' }, expiry(x.expires_at)) : null,
        canWrite() ? h('button', { type: 'button', class: 'small', onclick: (e) => remove(e.currentTarget) }, running ? 'Cancel' : 'Delete') : null),
      itemError);
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}
