// Search results: the words of the shell's search box (or an image dropped or picked here) ranked by the server,
// in the images screen's windowed grid and viewer. The words, mode and filters live in the address
// (#/search?q=boat&mode=text&tags=sea), so a search can be bookmarked, shared and gone back to.

import { api, thumbnailUrl } from '../api.js';
import { h, errorBox, plural } from '../dom.js';
import { href, parseHash } from '../router.js';
import { virtualGrid } from '../widgets/grid.js';
import { tagSuggestions } from '../widgets/tags.js';
import { photosetPicker } from '../widgets/photosets.js';
import { gridViewer } from './viewer.js';

const PAGE = 100;
const MODES = { text: 'Text', semantic: 'Semantic', hybrid: 'Hybrid' };
const KEYS = ['q', 'mode', 'photoset_id', 'tags', 'has_caption'];

export function searchScreen(params, query, main) {
  const state = Object.fromEntries(KEYS.map((k) => [k, query[k] || '']));
  let byImage = null; // the File of a search by image; it cannot live in the address
  let defaultMode = 'text'; // what the server picks without a mode: hybrid once images have embeddings
  const list = { items: [], hasMore: false, cursor: null, loading: null, generation: 0 };
  const title = h('h1', {}, 'Search');
  const count = h('p', { class: 'list-status', 'aria-live': 'polite', 'data-test': 'result-count' });
  const error = errorBox();
  const textInstead = h('button', { type: 'button', class: 'primary', hidden: true,
    onclick: () => setQuery({ mode: 'text' }) }, 'Search in text mode');
  const problem = h('div', { class: 'search-problem', 'data-test': 'search-problem' }, error, textInstead);

  // --- mode, filters, search by image ------------------------------------------------------------
  const modeButtons = Object.entries(MODES).map(([value, label]) => h('button', { type: 'button', class: 'small',
    dataset: { mode: value }, 'aria-pressed': 'false', onclick: () => setQuery({ mode: value }) }, label));
  const modes = h('div', { class: 'mode-switch', role: 'group', 'aria-label': 'Search mode' }, modeButtons);
  const photosets = photosetPicker({ id: 'search-photoset', value: state.photoset_id,
    onChange: (value) => setQuery({ photoset_id: value }) });
  const tagList = tagSuggestions('search-tag-list');
  const tags = h('input', { type: 'text', id: 'search-tags', value: state.tags, list: 'search-tag-list',
    placeholder: 'All of, comma-separated', oninput: () => tagList.suggest(tags.value.split(',').pop()),
    onchange: () => setQuery({ tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean).join(',') }) });
  const caption = h('select', { id: 'search-has_caption', onchange: () => setQuery({ has_caption: caption.value }) },
    h('option', { value: '' }, 'Any'), h('option', { value: 'true' }, 'With caption'),
    h('option', { value: 'false' }, 'Without caption'));
  caption.value = state.has_caption;
  const picker = h('input', { type: 'file', accept: 'image/*', class: 'visually-hidden', id: 'search-file',
    tabindex: '-1', onchange: () => { if (picker.files[0]) searchByImage(picker.files[0]); picker.value = ''; } });
  const likeNote = h('p', { class: 'search-like', hidden: true, 'data-test': 'search-like' });

  const toolbar = h('div', { class: 'toolbar' },
    h('div', { class: 'field mode-field' }, h('span', { class: 'field-label', id: 'search-mode-label' }, 'Mode'), modes),
    h('div', { class: 'field' }, h('label', { for: 'search-photoset' }, 'Photoset'), photosets.element),
    h('div', { class: 'field' }, h('label', { for: 'search-tags' }, 'Tags'), tags, tagList),
    h('div', { class: 'field' }, h('label', { for: 'search-has_caption' }, 'Caption'), caption),
    h('button', { type: 'button', onclick: () => picker.click(),
      title: 'Find the images that look most like one of yours; it is not uploaded to the library' }, 'Search by image…'),
    picker);
  modes.setAttribute('aria-labelledby', 'search-mode-label');

  const grid = virtualGrid({
    list, size: 160, label: 'Search results', onNeedMore: () => loadMore(),
    renderCell: (image, index) => h('a', { href: imageHref(image.id), class: 'thumb', dataset: { index, id: image.id },
      title: `${image.original_filename || image.file_name} · score ${image.score.toFixed(3)}` },
    h('img', { src: thumbnailUrl(image.id, 'small'), alt: image.original_filename || image.file_name,
      width: image.width, height: image.height, loading: 'lazy', decoding: 'async', draggable: false }),
    h('span', { class: 'badges' },
      image.has_caption ? h('span', { class: 'badge caption', title: 'Has a caption' }, 'Aa') : null)),
  });
  const hint = h('p', { class: 'muted search-hint', hidden: true },
    'Type what you are looking for in the search box at the top (press ', h('kbd', {}, '/'), ' to get there), '
    + 'or drop an image here to find the ones that look like it.');

  const screen = h('section', { class: 'screen images search-screen' },
    h('div', { class: 'screen-head' }, title, count), toolbar, likeNote, problem, hint, grid.element);
  main.append(screen);
  dropImage(screen, searchByImage);

  // --- loading -----------------------------------------------------------------------------------
  function filters() {
    return { photoset_id: state.photoset_id, tags: state.tags, has_caption: state.has_caption };
  }

  function loadMore() {
    if (list.loading || !list.hasMore) return list.loading;
    const mine = list.generation;
    list.controller = new AbortController();
    const signal = list.controller.signal;
    let request;
    if (byImage) {
      const form = new FormData();
      form.append('file', byImage);
      request = api.postForm('/search/image', form, { ...filters(), limit: PAGE, cursor: list.cursor }, { signal });
    } else {
      request = api.get('/search', { q: state.q, mode: state.mode, ...filters(), limit: PAGE, cursor: list.cursor },
        { signal });
    }
    list.loading = request.then((page) => {
      if (mine !== list.generation) return;
      list.items.push(...page.items);
      list.cursor = page.next_cursor;
      list.hasMore = !!page.next_cursor;
      showCount();
      grid.grow();
      viewing.listChanged();
    }).catch((e) => {
      if (e.name === 'AbortError' || mine !== list.generation) return;
      list.hasMore = false;
      error.show(e);
      // semantic and hybrid need embeddings: the server says which setting or job is missing; words still work
      textInstead.hidden = !(e.status === 503 && !byImage && (state.mode || defaultMode) !== 'text');
      showCount();
    }).finally(() => { if (mine === list.generation) list.loading = null; });
    return list.loading;
  }

  function reload() {
    list.controller?.abort();
    Object.assign(list, { items: [], hasMore: !!(state.q || byImage), cursor: null, loading: null,
      generation: list.generation + 1 });
    error.clear();
    textInstead.hidden = true;
    paintControls();
    grid.element.scrollTop = 0;
    grid.refresh();
    showCount();
    loadMore();
  }

  function showCount() {
    const n = list.items.length;
    hint.hidden = !!(state.q || byImage);
    grid.element.hidden = !hint.hidden;
    count.textContent = hint.hidden && !list.hasMore && error.hidden && n === 0 ? 'Nothing matches.'
      : n === 0 ? '' : `${plural(n, 'result')}${list.hasMore ? ' so far' : ''}`;
    count.dataset.loaded = String(n);
  }

  function paintControls() {
    const mode = state.mode || defaultMode;
    for (const b of modeButtons) {
      b.setAttribute('aria-pressed', String(!byImage && b.dataset.mode === mode));
      b.disabled = !!byImage;
    }
    title.textContent = byImage ? 'Search by image' : state.q ? `Search: ${state.q}` : 'Search';
    document.title = `${title.textContent} — Gallery`;
    likeNote.hidden = !byImage;
    if (byImage) {
      likeNote.replaceChildren(`Images that look like ${byImage.name}. `,
        state.q ? h('button', { type: 'button', class: 'link-button', onclick: () => { byImage = null; reload(); } },
          `Back to “${state.q}”`) : null);
    }
  }

  function searchByImage(file) {
    byImage = file;
    reload();
  }

  // --- the address -------------------------------------------------------------------------------
  function currentQuery(extra = {}) {
    return { ...state, ...extra };
  }

  function imageHref(id) {
    return href('/search', currentQuery({ image: id }));
  }

  function setQuery(change) {
    location.hash = href('/search', currentQuery(change));
  }

  /** Words, mode or filters changed (a new search from the shell, the back button, a control): search again. */
  function onHashChange() {
    const { path, query: q } = parseHash();
    if (path !== '/search') return;
    const next = Object.fromEntries(KEYS.map((k) => [k, q[k] || '']));
    if (KEYS.some((k) => next[k] !== state[k])) {
      if (next.q !== state.q) byImage = null;
      Object.assign(state, next);
      tags.value = state.tags;
      caption.value = state.has_caption;
      photosets.set(state.photoset_id);
      reload();
    }
    syncViewer();
  }

  const viewing = gridViewer({ list, loadMore, grid, query: currentQuery, path: () => '/search' });
  const syncViewer = () => viewing.sync();

  // the server's default mode is hybrid once images have embeddings; the switch shows what it will pick
  api.get('/embeddings').then((s) => {
    defaultMode = s.enabled && s.embedded > 0 ? 'hybrid' : 'text';
    paintControls();
  }).catch(() => { /* the switch then shows text, the server's choice without embeddings */ });

  addEventListener('hashchange', onHashChange);
  reload();
  syncViewer();

  return {
    keepOnQueryChange: true,
    cleanup: () => {
      removeEventListener('hashchange', onHashChange);
      list.controller?.abort();
      list.generation++;
      grid.destroy();
      viewing.close();
      document.title = 'Gallery';
    },
  };
}

/** An image file dropped anywhere on el is searched for (and not uploaded to the library). */
function dropImage(el, onFile) {
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  el.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    el.classList.add('drop-over');
  });
  el.addEventListener('dragleave', (e) => { if (!el.contains(e.relatedTarget)) el.classList.remove('drop-over'); });
  el.addEventListener('drop', (e) => {
    el.classList.remove('drop-over');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    onFile(file);
  });
}
