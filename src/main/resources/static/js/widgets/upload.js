// The upload queue: files dropped on a photoset (or picked) go up a few at a time with XMLHttpRequest, whose
// upload progress events fetch does not offer. A panel shows each file and the total; refused files keep the
// server's reason (duplicate 409, unsupported type 415, too large 413) until the panel is cleared.

import { errorFrom } from '../api.js';
import { h, formatBytes, plural } from '../dom.js';

const PARALLEL = 3;
const queue = [];
const items = [];
const landedListeners = new Set();
const touchedSets = new Set();
let running = 0;
let panel = null;

function ensurePanel() {
  if (panel) return panel;
  const summary = h('p', { class: 'upload-summary', 'aria-live': 'polite' });
  const overall = h('progress', { class: 'upload-overall', max: 1, value: 0, 'aria-label': 'All uploads' });
  const list = h('ul', { class: 'upload-list' });
  const clear = h('button', { type: 'button', class: 'small', onclick: clearFinished }, 'Clear finished');
  panel = h('section', { class: 'upload-panel', 'aria-label': 'Uploads' },
    h('div', { class: 'upload-head' }, h('h2', {}, 'Uploads'), clear), summary, overall, list);
  Object.assign(panel, { summary, overall, list });
  document.body.append(panel);
  return panel;
}

function clearFinished() {
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i].state !== 'queued' && items[i].state !== 'sending') {
      items[i].row.remove();
      items.splice(i, 1);
    }
  }
  if (!items.length) { panel.remove(); panel = null; } else updateSummary();
}

function updateSummary() {
  const total = items.reduce((n, it) => n + it.file.size, 0) || 1;
  const sent = items.reduce((n, it) => n + (it.state === 'sending' ? it.loaded : it.state === 'queued' ? 0 : it.file.size), 0);
  const done = items.filter((it) => it.state === 'done').length;
  const failed = items.filter((it) => it.state === 'failed').length;
  const waiting = items.length - done - failed;
  panel.overall.value = sent / total;
  panel.summary.textContent = `${plural(done, 'file')} uploaded` + (failed ? `, ${failed} refused` : '')
    + (waiting ? `, ${waiting} to go (${Math.round((sent / total) * 100)}%)` : '');
  panel.classList.toggle('has-errors', failed > 0);
}

function pump() {
  while (running < PARALLEL && queue.length) {
    running++;
    send(queue.shift()).finally(() => { running--; pump(); });
  }
}

function send(item) {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append('file', item.file, item.file.name);
    if (item.target.photosetId) form.append('photoset_id', item.target.photosetId);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v2/images');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    item.state = 'sending';
    xhr.upload.addEventListener('progress', (e) => {
      item.loaded = e.loaded;
      item.progress.value = e.lengthComputable ? e.loaded / e.total : 0;
      updateSummary();
    });
    xhr.addEventListener('load', async () => {
      if (xhr.status === 201) {
        const image = JSON.parse(xhr.responseText);
        finish(item, 'done', 'Uploaded');
        if (item.target.photosetId) touchedSets.add(item.target.photosetId);
        landedListeners.forEach((fn) => fn(image, item.target));
      } else {
        // reuse the API module's reading of problem bodies so messages look the same everywhere
        const error = await errorFrom(new Response(xhr.responseText, { status: xhr.status,
          headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || 'text/plain' } }));
        finish(item, 'failed', `${xhr.status}: ${error.message}`);
      }
      resolve();
    });
    xhr.addEventListener('error', () => { finish(item, 'failed', 'The connection failed before the file was sent.'); resolve(); });
    xhr.send(form);
  });
}

function finish(item, state, message) {
  item.state = state;
  item.progress.value = state === 'done' ? 1 : item.progress.value;
  item.status.textContent = message;
  item.row.classList.add(state);
  updateSummary();
}

export const uploads = {
  /** Queues files for a target {photosetId, name}. */
  add(files, target) {
    const p = ensurePanel();
    for (const file of files) {
      const progress = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${file.name}` });
      const status = h('span', { class: 'upload-status' }, 'Waiting');
      const row = h('li', { class: 'upload-item' },
        h('span', { class: 'upload-name', title: file.name }, file.name),
        h('span', { class: 'upload-size' }, formatBytes(file.size)),
        target.name ? h('span', { class: 'upload-target' }, `→ ${target.name}`) : null, progress, status);
      const item = { file, target, row, progress, status, state: 'queued', loaded: 0 };
      p.list.append(row);
      items.push(item);
      queue.push(item);
    }
    updateSummary();
    pump();
  },

  /** Makes an element accept dropped files for the target getTarget() names. */
  dropTarget(el, getTarget) {
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    // no target (a photoset that does not exist): the browser's own "no drop here" applies
    el.addEventListener('dragover', (e) => {
      if (!hasFiles(e) || !getTarget()) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      el.classList.add('drop-over');
    });
    el.addEventListener('dragleave', (e) => {
      if (!el.contains(e.relatedTarget)) el.classList.remove('drop-over');
    });
    el.addEventListener('drop', (e) => {
      el.classList.remove('drop-over');
      const target = getTarget();
      if (!e.dataTransfer?.files?.length || !target) return;
      e.preventDefault();
      e.stopPropagation();
      uploads.add([...e.dataTransfer.files], target);
    });
  },

  onLanded(fn) {
    landedListeners.add(fn);
    return () => landedListeners.delete(fn);
  },

  touched: (photosetId) => touchedSets.has(photosetId),
};

// a file dropped anywhere else must not make the browser navigate away from the page to show it
addEventListener('dragover', (e) => e.preventDefault());
addEventListener('drop', (e) => e.preventDefault());
