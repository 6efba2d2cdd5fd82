// The image viewer: the large thumbnail at once (the grid's list already has the size, so nothing waits
// for a request), ←/→ through the current filtered list (loading the next page when it runs out),
// metadata, tags and the caption editor beside it. Esc closes and returns focus to the grid cell.

import { api, thumbnailUrl, originalUrl } from '../api.js';
import { h, replace, formatBytes, formatDate, errorBox } from '../dom.js';
import { canWrite } from '../session.js';
import { href, parseHash, replaceQuery } from '../router.js';
import { tagEditor } from '../widgets/tags.js';
import { captionEditor } from '../widgets/caption.js';
import { cropTool } from '../widgets/crop.js';
import { similarImages } from '../widgets/similar.js';

/**
 * The viewer over a screen's grid, opened and moved by the address's `image`: call `sync()` after every address
 * change. Moving in the viewer moves the grid; closing it goes back to the screen's address (`path()` with
 * `query()`) and focuses the grid where the viewer was.
 */
export function gridViewer({ list, loadMore, grid, query, path }) {
  let viewer = null;
  return {
    sync() {
      const id = parseHash().query.image;
      if (!id) { viewer?.close(false); viewer = null; return; }
      if (viewer) { viewer.show(id); return; }
      viewer = openViewer({
        list, loadMore, imageId: id,
        onMove: (image, index) => { replaceQuery(query({ image: image.id })); if (index >= 0) grid.reveal(index); },
        onChange: (image) => {
          // the viewer may hold its own copy (opened from an address before the page loaded): keep the grid's in step
          const i = list.items.findIndex((it) => it.id === image.id);
          if (i >= 0 && list.items[i] !== image) Object.assign(list.items[i], image);
          grid.refresh();
        },
        onClose: (index) => {
          viewer = null;
          location.hash = href(path(), query());
          if (index >= 0) requestAnimationFrame(() => grid.focus(index));
        },
      });
    },
    listChanged() { viewer?.listChanged(); },
    close() { viewer?.close(false); viewer = null; },
  };
}

export function openViewer({ list, loadMore, imageId, onMove, onChange, onClose }) {
  const img = h('img', { class: 'viewer-image', alt: '', decoding: 'async' });
  const prev = h('button', { type: 'button', class: 'nav-button prev', 'aria-label': 'Previous image (←)',
    onclick: () => step(-1) }, '‹');
  const next = h('button', { type: 'button', class: 'nav-button next', 'aria-label': 'Next image (→)',
    onclick: () => step(1) }, '›');
  const position = h('span', { class: 'viewer-position', 'data-test': 'viewer-position' });
  const name = h('h2', { class: 'viewer-name', id: 'viewer-name' });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close (Esc)', onclick: () => api_.close(true) }, '×');
  const error = errorBox();
  const details = h('div', { class: 'viewer-details' });
  const stage = h('div', { class: 'viewer-stage' }, img, prev, next);
  const dialog = h('dialog', { class: 'viewer', 'aria-labelledby': 'viewer-name' },
    stage,
    h('aside', { class: 'viewer-side' },
      h('div', { class: 'viewer-head' }, name, close), position, error, details));

  let current = null;
  let index = -1;
  let editor = null;
  let crop = null;
  let similar = null;

  function indexOf(id) {
    return list.items.findIndex((it) => it.id === id);
  }

  async function show(id) {
    if (current?.id === id) return;
    index = indexOf(id);
    error.clear();
    editor?.dispose();
    editor = null;
    crop?.dispose();
    crop = null;
    similar?.dispose();
    similar = null;
    current = index >= 0 ? list.items[index] : { id };
    render(current);
    if (index < 0) {
      // opened from an address: the image may be beyond the loaded pages, so ask for it directly
      try {
        current = await api.get(`/images/${id}/metadata`);
        render(current);
      } catch (e) {
        error.show(e);
      }
    }
    preload(index + 1);
    preload(index - 1);
  }

  function render(image) {
    img.src = thumbnailUrl(image.id, 'large');
    if (image.width) {
      img.width = image.width;
      img.height = image.height;
      img.style.setProperty('--ratio', String(image.width / image.height));
    }
    img.alt = image.original_filename || image.file_name || '';
    name.textContent = image.original_filename || image.file_name || '';
    position.textContent = index >= 0 ? `${(index + 1).toLocaleString()} of ${list.items.length.toLocaleString()}${list.hasMore ? '+' : ''}` : '';
    prev.disabled = index <= 0;
    next.disabled = index < 0 || (index >= list.items.length - 1 && !list.hasMore);
    if (!image.file_name) return;
    const meta = h('dl', { class: 'meta' },
      row('Size', `${image.width} × ${image.height} px`),
      row('File', `${image.format?.toUpperCase() || ''} · ${formatBytes(image.bytes)}`),
      image.taken_at ? row('Taken', formatDate(image.taken_at)) : null,
      image.camera ? row('Camera', image.camera) : null,
      row('Uploaded', formatDate(image.created_at)),
      row('Stored as', image.file_name));
    const writable = canWrite();
    crop?.dispose();
    crop = cropTool(image, { stage, img, editable: writable, onChange: (hasCrop) => { image.has_crop = hasCrop; onChange(image); } });
    editor = captionEditor(image, { editable: writable, onSaved: (hasCaption) => {
      image.has_caption = hasCaption;
      onChange(image);
    } });
    similar?.dispose();
    similar = similarImages(image, { onOpen: openSimilar });
    replace(details,
      h('section', { 'aria-label': 'Details' }, meta,
        h('p', {}, h('a', { href: originalUrl(image.id), target: '_blank', rel: 'noopener' }, 'Open the original'))),
      h('section', { class: 'viewer-tags' }, h('h3', {}, 'Tags'),
        tagEditor(image, { editable: writable, onChange: (updated) => { image.tags = updated.tags; onChange(image); } })),
      h('section', { class: 'viewer-caption' }, h('h3', {}, 'Caption'), editor.element),
      h('section', { class: 'viewer-crop' }, h('h3', {}, 'Crop'), crop.element),
      similar.element);
  }

  /** A similar image, which may be in the list or not: shown here, and the address follows. */
  async function openSimilar(id) {
    await show(id);
    onMove(current, index);
    close.focus();
  }

  function row(label, value) {
    return [h('dt', {}, label), h('dd', {}, value)];
  }

  function preload(i) {
    const it = list.items[i];
    if (it) new Image().src = thumbnailUrl(it.id, 'large');
  }

  async function step(delta) {
    if (index < 0) return;
    let target = index + delta;
    if (target >= list.items.length && list.hasMore) await loadMore();
    if (target < 0 || target >= list.items.length) return;
    const image = list.items[target];
    await show(image.id);
    onMove(image, target);
  }

  function onKey(event) {
    const typing = event.target.closest('input, textarea, select, [contenteditable]');
    if (typing) return;
    if (event.key === 'ArrowRight') { event.preventDefault(); step(1); }
    else if (event.key === 'ArrowLeft') { event.preventDefault(); step(-1); }
  }

  dialog.addEventListener('keydown', onKey);
  // Esc on a <dialog> fires "cancel": close through our own path so the address and focus follow
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); api_.close(true); });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  show(imageId);

  const api_ = {
    show,
    /** New items arrived (a page loaded while the viewer is open): refresh position and buttons. */
    listChanged() {
      if (current) { index = indexOf(current.id); position.textContent = index >= 0 ? `${index + 1} of ${list.items.length}${list.hasMore ? '+' : ''}` : ''; next.disabled = index < 0 || (index >= list.items.length - 1 && !list.hasMore); }
    },
    close(notify) {
      editor?.dispose();
      crop?.dispose();
      similar?.dispose();
      dialog.close();
      dialog.remove();
      if (notify) onClose(index);
    },
  };
  return api_;
}
