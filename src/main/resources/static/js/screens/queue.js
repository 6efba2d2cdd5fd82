// The caption queue: the images of a filter (by default those without a caption) one at a time, the picture
// large on the left and the caption editor on the right. Ctrl+Enter saves and moves on; the place in the queue
// is remembered in this browser, per filter, so the work can stop and resume.

import { api, thumbnailUrl } from '../api.js';
import { h, replace, errorBox, formatBytes } from '../dom.js';
import { navigate, href } from '../router.js';
import { canWrite } from '../session.js';
import { captionEditor } from '../widgets/caption.js';

const PAGE = 50;
const KEY = 'gallery.queue:';

/** The filter from the address: has_caption defaults to "false" (images still to caption); "any" means no filter. */
function filterOf(query) {
  return { photoset: query.photoset || '', tags: query.tags || '', q: query.q || '',
    has_caption: query.has_caption === undefined ? 'false' : query.has_caption };
}

export function queueScreen(params, query, main) {
  const filter = filterOf(query);
  const storageKey = KEY + JSON.stringify(filter);
  const error = errorBox();
  const position = h('p', { class: 'queue-position muted', 'data-test': 'queue-position', 'aria-live': 'polite' });
  const img = h('img', { class: 'queue-image', alt: '', decoding: 'async' });
  const name = h('h2', { class: 'queue-name', 'data-test': 'queue-name' });
  const meta = h('p', { class: 'muted queue-meta' });
  const editorSlot = h('div', { class: 'queue-editor' });
  const prev = h('button', { type: 'button', onclick: () => go(index - 1), title: 'Page Up' }, '‹ Previous');
  const next = h('button', { type: 'button', onclick: () => go(index + 1), title: 'Page Down' }, 'Next ›');
  const accept = h('button', { type: 'button', class: 'primary', onclick: () => acceptAndNext(), title: 'Ctrl+Enter' }, 'Accept and next');
  const restart = h('button', { type: 'button', class: 'link-button', onclick: () => { localStorage.removeItem(storageKey); start(null); } }, 'Start over');
  const which = h('select', { id: 'queue-filter', onchange: () => navigate('/queue', { ...filter, has_caption: which.value }) },
    [['false', 'Without caption'], ['true', 'With caption'], ['any', 'All images']]
      .map(([v, label]) => h('option', { value: v, selected: v === filter.has_caption }, label)));
  const body = h('div', { class: 'queue-body', hidden: true },
    h('figure', { class: 'queue-stage' }, img),
    h('div', { class: 'queue-side' }, name, meta, editorSlot,
      h('div', { class: 'queue-nav' }, prev, next, canWrite() ? accept : null),
      h('p', { class: 'hint' }, h('kbd', {}, 'Ctrl+Enter'), ' accept and next · ', h('kbd', {}, 'Alt+G'), ' generate · ',
        h('kbd', {}, 'Page Down'), ' / ', h('kbd', {}, 'Page Up'), ' next / previous')));
  const empty = h('p', { class: 'muted', hidden: true, 'data-test': 'queue-empty' });
  main.append(h('section', { class: 'screen queue-screen' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Caption queue'), position, restart),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'queue-filter' }, 'Images'), which),
      filter.photoset ? h('a', { href: href(`/photosets/${filter.photoset}`) }, 'Back to the photoset') : null),
    error, empty, body));

  const items = [];
  let index = -1;
  let cursor = null;
  let hasMore = true;
  let loading = null;
  let editor = null;
  let stopped = false;

  function fetchPage(from) {
    const path = filter.photoset ? `/photosets/${filter.photoset}/images` : '/images';
    return api.get(path, { tags: filter.tags, q: filter.q, limit: PAGE, cursor: from,
      has_caption: filter.has_caption === 'any' ? '' : filter.has_caption });
  }

  /** The next page, each image remembering the cursor that fetched it (that is where a resumed queue starts). */
  function loadMore() {
    if (loading || !hasMore) return loading;
    const from = cursor;
    loading = fetchPage(from).then((page) => {
      if (stopped) return;
      for (const it of page.items) it.pageCursor = from;
      items.push(...page.items);
      cursor = page.next_cursor;
      hasMore = !!cursor;
    }).catch((e) => { if (!stopped) { hasMore = false; error.show(e); } })
      .finally(() => { loading = null; });
    return loading;
  }

  async function start(remembered) {
    items.length = 0;
    index = -1;
    cursor = remembered?.cursor ?? null;
    hasMore = true;
    error.clear();
    await loadMore();
    if (stopped) return;
    if (!items.length && remembered?.cursor) return start(null);
    const at = remembered ? items.findIndex((it) => it.id === remembered.id) : -1;
    // an image captioned since has left a "without caption" queue: the one after it is where to carry on
    go(Math.max(0, at));
  }

  async function go(target) {
    if (target >= items.length - 3 && hasMore) await loadMore();
    if (stopped || target < 0 || target >= items.length) {
      if (!items.length) showEmpty();
      else if (target >= items.length) position.textContent = `That was the last of ${plural(items.length)}.`;
      return;
    }
    index = target;
    const image = items[index];
    localStorage.setItem(storageKey, JSON.stringify({ cursor: image.pageCursor, id: image.id }));
    show(image);
  }

  function show(image) {
    body.hidden = false;
    empty.hidden = true;
    img.src = thumbnailUrl(image.id, 'large');
    img.width = image.width;
    img.height = image.height;
    img.alt = image.original_filename || image.file_name;
    name.textContent = image.original_filename || image.file_name;
    meta.textContent = `${image.width} × ${image.height} px · ${formatBytes(image.bytes)}`;
    position.textContent = `${(index + 1).toLocaleString()} of ${items.length.toLocaleString()}${hasMore ? '+' : ''}`;
    prev.disabled = index <= 0;
    next.disabled = index >= items.length - 1 && !hasMore;
    editor?.dispose();
    editor = captionEditor(image, { editable: canWrite(), onSubmit: () => acceptAndNext() });
    replace(editorSlot, editor.element);
    editor.focus();
    const upcoming = items[index + 1];
    if (upcoming) new Image().src = thumbnailUrl(upcoming.id, 'large');
  }

  function showEmpty() {
    body.hidden = true;
    empty.hidden = false;
    position.textContent = '';
    empty.textContent = filter.has_caption === 'false' ? 'Nothing to caption: every image here has a caption.'
      : 'No images match this filter.';
  }

  async function acceptAndNext() {
    if (!editor || !canWrite()) return;
    const at = index;
    if (await editor.accept() && !stopped && index === at) go(index + 1);
  }

  function onKey(event) {
    const typing = event.target.closest('input, textarea, select, [contenteditable]');
    if (event.key === 'PageDown' || (!typing && event.key === 'ArrowRight')) { event.preventDefault(); go(index + 1); }
    else if (event.key === 'PageUp' || (!typing && event.key === 'ArrowLeft')) { event.preventDefault(); go(index - 1); }
    else if (event.altKey && event.code === 'KeyG') { event.preventDefault(); editor?.generate(); }
  }
  addEventListener('keydown', onKey);

  let remembered = null;
  try { remembered = JSON.parse(localStorage.getItem(storageKey)); } catch { remembered = null; }
  start(remembered);

  return () => { stopped = true; editor?.dispose(); removeEventListener('keydown', onKey); };
}

const plural = (n) => `${n.toLocaleString()} ${n === 1 ? 'image' : 'images'}`;
