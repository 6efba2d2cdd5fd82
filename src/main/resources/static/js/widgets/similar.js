// "Similar images" in the viewer: the nearest images by pixels (perceptual hash, always there) or by meaning
// (image embeddings, offered when the server has them). A click on one opens it in the viewer.

import { api, thumbnailUrl } from '../api.js';
import { h, debounce, errorBox, plural } from '../dom.js';

const LIMIT = 12;
let embeddingsStatus = null; // one look-up per minute is enough to know whether embeddings are on

function embeddingsReady() {
  if (!embeddingsStatus || Date.now() - embeddingsStatus.at > 60_000) {
    embeddingsStatus = { at: Date.now(), ready: api.get('/embeddings').then((s) => s.enabled && s.embedded > 0, () => false) };
  }
  return embeddingsStatus.ready;
}

/** The section for one image; onOpen(id) shows another. dispose() drops a request still on its way. */
export function similarImages(image, { onOpen }) {
  const error = errorBox();
  const results = h('ul', { class: 'similar-list', 'data-test': 'similar' });
  const status = h('p', { class: 'muted similar-status', 'aria-live': 'polite' });
  const byButtons = [['pixels', 'By pixels'], ['embeddings', 'By meaning']].map(([by, label]) =>
    h('button', { type: 'button', class: 'small', dataset: { by }, 'aria-pressed': String(by === 'pixels'),
      hidden: by !== 'pixels', onclick: () => load(by) }, label));
  const element = h('section', { class: 'viewer-similar' }, h('h3', {}, 'Similar images'),
    h('div', { class: 'similar-by', role: 'group', 'aria-label': 'Compare' }, byButtons), status, error, results);
  let controller = null;

  async function load(by) {
    controller?.abort();
    controller = new AbortController();
    for (const b of byButtons) b.setAttribute('aria-pressed', String(b.dataset.by === by));
    error.clear();
    status.textContent = 'Looking…';
    try {
      const page = await api.get(`/images/${image.id}/similar`, { by, limit: LIMIT }, { signal: controller.signal });
      results.replaceChildren(...page.items.map(item));
      status.textContent = page.items.length ? ''
        : by === 'pixels' ? 'No other image looks the same.' : 'No other image has an embedding yet.';
    } catch (e) {
      if (e.name === 'AbortError') return;
      results.replaceChildren();
      status.textContent = '';
      error.show(e);
    }
  }

  function item(other) {
    const name = other.original_filename || other.file_name;
    const how = other.distance != null ? `${plural(other.distance, 'bit')} apart` : `similarity ${other.score.toFixed(2)}`;
    return h('li', {}, h('button', { type: 'button', class: 'similar-item', dataset: { id: other.id },
      title: `${name} · ${how}`, onclick: () => onOpen(other.id) },
    h('img', { src: thumbnailUrl(other.id, 'small'), alt: name, width: other.width, height: other.height,
      loading: 'lazy', decoding: 'async' }),
    h('span', { class: 'similar-how' }, how)));
  }

  // walking through images with ←/→ asks only for the one the user stops at; a comparison the user picked
  // meanwhile stands
  const start = debounce(() => { if (element.isConnected && !controller) load('pixels'); }, 250);
  start();
  embeddingsReady().then((ready) => { byButtons[1].hidden = !ready; });

  return { element, dispose: () => { controller?.abort(); controller = null; } };
}
