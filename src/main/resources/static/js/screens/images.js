// Images of one photoset, or all images: filters on the server, a windowed grid, pages fetched by cursor
// as the user scrolls, and the viewer on top for the image named in the address (?image=id).

import { api, thumbnailUrl } from '../api.js';
import { h, errorBox, debounce, plural } from '../dom.js';
import { href, parseHash, replaceQuery } from '../router.js';
import { canWrite } from '../session.js';
import { virtualGrid } from '../widgets/grid.js';
import { uploads } from '../widgets/upload.js';
import { tagSuggestions } from '../widgets/tags.js';
import { gridViewer } from './viewer.js';
import { selectionModel } from '../widgets/selection.js';
import { selectionBar } from '../widgets/bulk.js';

const PAGE = 200;
const SORTS = {
  'filename:asc': 'File name A–Z', 'filename:desc': 'File name Z–A', 'taken:desc': 'Taken, newest first',
  'taken:asc': 'Taken, oldest first', 'created:desc': 'Recently uploaded', 'created:asc': 'First uploaded',
};
const SIZE_KEY = 'gallery.gridSize';

export function imagesScreen({ photosetId }, query, main) {
  const defaultSort = photosetId ? 'filename:asc' : 'created:desc';
  const state = {
    q: query.q || '', tags: query.tags || '', has_caption: query.has_caption || '', has_crop: query.has_crop || '',
    sort: query.sort || defaultSort,
  };
  const list = { items: [], hasMore: true, cursor: null, loading: null, generation: 0 };
  const error = errorBox();
  const count = h('p', { class: 'list-status', 'aria-live': 'polite', 'data-test': 'image-count' });
  const title = h('h1', {}, photosetId ? 'Photoset' : 'All images');
  let photoset = null;
  let missing = false;

  // --- filters ---------------------------------------------------------------------------------
  // typing, the field's clear button and a change from elsewhere all end up here; only a new value reloads
  const applyText = () => { if (q.value.trim() !== state.q) { state.q = q.value.trim(); reload(); } };
  const q = h('input', { type: 'search', id: 'img-q', value: state.q, placeholder: 'File name or caption text',
    oninput: debounce(applyText, 250), onchange: applyText, onsearch: applyText });
  const tagList = tagSuggestions('img-tag-list');
  const tags = h('input', { type: 'text', id: 'img-tags', value: state.tags, list: 'img-tag-list',
    placeholder: 'All of, comma-separated', oninput: () => tagList.suggest(tags.value.split(',').pop()),
    onchange: () => { state.tags = tags.value.split(',').map((t) => t.trim()).filter(Boolean).join(','); reload(); } });
  const tri = (id, value, yes, no) => h('select', { id, onchange: (e) => { state[id.slice(4)] = e.target.value; reload(); } },
    h('option', { value: '', selected: value === '' }, 'Any'),
    h('option', { value: 'true', selected: value === 'true' }, yes),
    h('option', { value: 'false', selected: value === 'false' }, no));
  const sort = h('select', { id: 'img-sort', onchange: () => { state.sort = sort.value; reload(); } },
    Object.entries(SORTS).map(([v, label]) => h('option', { value: v, selected: v === state.sort }, label)));
  const size = h('input', { type: 'range', id: 'img-size', min: 80, max: 320, step: 8,
    value: Number(localStorage.getItem(SIZE_KEY)) || 160,
    oninput: () => { grid.setSize(Number(size.value)); localStorage.setItem(SIZE_KEY, size.value); } });
  const picker = h('input', { type: 'file', multiple: true, accept: 'image/*', class: 'visually-hidden',
    id: 'img-upload', tabindex: '-1',
    onchange: () => { uploads.add([...picker.files], uploadTarget()); picker.value = ''; } });
  const uploadButton = canWrite()
    ? h('button', { type: 'button', class: 'primary', onclick: () => picker.click() }, 'Upload…') : null;

  const toolbar = h('div', { class: 'toolbar', role: 'search' },
    h('div', { class: 'field grow' }, h('label', { for: 'img-q' }, 'Text'), q),
    h('div', { class: 'field' }, h('label', { for: 'img-tags' }, 'Tags'), tags, tagList),
    h('div', { class: 'field' }, h('label', { for: 'img-has_caption' }, 'Caption'), tri('img-has_caption', state.has_caption, 'With caption', 'Without caption')),
    h('div', { class: 'field' }, h('label', { for: 'img-has_crop' }, 'Crop'), tri('img-has_crop', state.has_crop, 'With crop', 'Without crop')),
    h('div', { class: 'field' }, h('label', { for: 'img-sort' }, 'Sort'), sort),
    h('div', { class: 'field' }, h('label', { for: 'img-size' }, 'Size'), size),
    uploadButton, picker);

  // --- selection (editors only: every action on a selection changes something) --------------------
  const selection = canWrite() ? selectionModel(list, () => paintSelection()) : null;
  const bar = selection ? selectionBar({ selection, matching, done: () => { loadPhotoset(); reload(); } }) : null;

  // --- grid ------------------------------------------------------------------------------------
  const grid = virtualGrid({
    list, size: Number(size.value), label: 'Images', onNeedMore: () => loadMore(),
    renderCell: (image, index) => h('a', { href: imageHref(image.id), dataset: { index, id: image.id },
      class: selection?.has(image.id) ? 'thumb selected' : 'thumb', title: image.original_filename || image.file_name },
    selection ? selectBox(image) : null,
    h('img', { src: thumbnailUrl(image.id, 'small'), alt: image.original_filename || image.file_name,
      width: image.width, height: image.height, loading: 'lazy', decoding: 'async', draggable: false }),
    h('span', { class: 'badges' },
      image.has_caption ? h('span', { class: 'badge caption', title: 'Has a caption' }, 'Aa') : null,
      image.has_crop ? h('span', { class: 'badge crop', title: 'Has a crop' }, 'Crop') : null)),
  });

  const selectAllButton = bar ? h('button', { type: 'button', class: 'small', onclick: () => bar.selectAll() }, 'Select all') : null;
  const screen = h('section', { class: 'screen images' },
    h('div', { class: 'screen-head' },
      photosetId ? h('a', { href: href('/library'), class: 'back' }, '← Library') : null, title, count, selectAllButton),
    toolbar, error, bar?.element, grid.element);
  main.append(screen);
  if (canWrite()) uploads.dropTarget(screen, uploadTarget);

  function selectBox(image) {
    return h('span', { class: 'select-box', 'aria-hidden': 'true' },
      h('span', { class: 'visually-hidden' }, selection.has(image.id) ? 'Selected' : ''));
  }

  function paintSelection() {
    for (const cell of grid.element.querySelectorAll('.cell')) {
      const on = selection.has(cell.dataset.id);
      cell.classList.toggle('selected', on);
      cell.querySelector('.select-box .visually-hidden').textContent = on ? 'Selected' : '';
    }
    grid.element.classList.toggle('selecting', !selection.empty);
    bar.update();
  }

  /** The grid's filters as a selection of "all matching" takes them; count is known once every page is loaded. */
  function matching() {
    const tagNames = state.tags ? state.tags.split(',') : undefined;
    const filter = { photoset_id: photosetId || undefined, tags: tagNames, q: state.q || undefined,
      has_caption: state.has_caption ? state.has_caption === 'true' : undefined,
      has_crop: state.has_crop ? state.has_crop === 'true' : undefined };
    return { filter: JSON.parse(JSON.stringify(filter)), count: list.hasMore ? null : list.items.length };
  }

  // a click on a thumbnail's check mark, with Ctrl/Cmd, or while something is selected picks it instead of
  // opening it; with Shift it takes the range from the last one picked
  if (selection) {
    grid.element.addEventListener('click', (event) => {
      const cell = event.target.closest('.cell');
      if (!cell || event.button !== 0) return;
      const index = Number(cell.dataset.index);
      if (event.shiftKey) selection.range(index);
      else if (event.ctrlKey || event.metaKey || event.target.closest('.select-box') || !selection.empty) selection.toggle(index);
      else return;
      event.preventDefault();
    });
    grid.element.addEventListener('keydown', (event) => {
      const cell = event.target.closest?.('.cell');
      if (event.key === ' ' && cell) {
        event.preventDefault();
        if (event.shiftKey) selection.range(Number(cell.dataset.index));
        else selection.toggle(Number(cell.dataset.index));
      } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        bar.selectAll();
      }
    });
  }
  const onEscape = (event) => {
    if (event.key === 'Escape' && selection && !selection.empty && !document.querySelector('dialog[open]')) {
      selection.clear();
    }
  };
  addEventListener('keydown', onEscape);

  function uploadTarget() {
    return missing ? null : { photosetId, name: photoset ? photoset.name : 'Unsorted' };
  }

  /** A photoset that does not exist (deleted, or a mistyped address) offers nothing to select, filter or upload. */
  function showMissing(e) {
    missing = true;
    title.textContent = 'Photoset not found';
    for (const el of [toolbar, selectAllButton, bar?.element, grid.element, count]) if (el) el.hidden = true;
    list.controller?.abort();
    list.generation++;
    error.show(e);
  }

  function currentQuery(extra = {}) {
    return { q: state.q, tags: state.tags, has_caption: state.has_caption, has_crop: state.has_crop,
      sort: state.sort === defaultSort ? '' : state.sort, ...extra };
  }

  function imageHref(id) {
    return href(parseHash().path, currentQuery({ image: id }));
  }

  function showCount() {
    const n = list.items.length;
    const total = photoset && !state.q && !state.tags && !state.has_caption && !state.has_crop ? photoset.image_count : null;
    count.textContent = n === 0 && !list.hasMore ? 'No images match.'
      : total != null ? `${plural(total, 'image')}` + (n < total ? ` (${n.toLocaleString()} loaded)` : '')
        : `${plural(n, 'image')}${list.hasMore ? ' loaded so far' : ''}`;
    count.dataset.loaded = String(n);
  }

  /** The next page; a filter change in the meantime makes its answer stale and it is dropped. */
  function loadMore() {
    if (list.loading || !list.hasMore) return list.loading;
    const mine = list.generation;
    const [by, order] = state.sort.split(':');
    const path = photosetId ? `/photosets/${photosetId}/images` : '/images';
    list.controller = new AbortController();
    list.loading = api.get(path, { q: state.q, tags: state.tags, has_caption: state.has_caption,
      has_crop: state.has_crop, sort: by, order, limit: PAGE, cursor: list.cursor }, { signal: list.controller.signal })
      .then((page) => {
        if (mine !== list.generation) return;
        error.clear();
        list.items.push(...page.items);
        list.cursor = page.next_cursor;
        list.hasMore = !!page.next_cursor;
        showCount();
        grid.grow();
        viewing.listChanged();
      })
      .catch((e) => {
        if (e.name === 'AbortError' || mine !== list.generation || missing) return;
        list.hasMore = false;
        error.show(e);
      })
      .finally(() => { if (mine === list.generation) list.loading = null; });
    return list.loading;
  }

  function reload() {
    selection?.clear();
    // the filters go into the address; an open image stays in it (the viewer is modal, so it is the one shown)
    replaceQuery(currentQuery({ image: parseHash().query.image }));
    list.controller?.abort();
    Object.assign(list, { items: [], hasMore: true, cursor: null, loading: null, generation: list.generation + 1 });
    grid.element.scrollTop = 0;
    grid.refresh();
    showCount();
    loadMore();
  }

  // --- viewer ----------------------------------------------------------------------------------
  const viewing = gridViewer({ list, loadMore, grid, query: currentQuery, path: () => parseHash().path });
  const syncViewer = () => viewing.sync();

  // uploads into what this grid shows appear as they land (at the end; a reload sorts them in)
  const offLanded = uploads.onLanded((image, target) => {
    if ((target.photosetId || null) !== (photosetId || null) || state.q || state.tags || state.has_caption === 'true'
      || state.has_crop === 'true' || list.hasMore) return;
    list.items.push(image);
    if (photoset) photoset.image_count++;
    showCount();
    grid.refresh();
  });

  function loadPhotoset() {
    if (!photosetId) return;
    api.get(`/photosets/${photosetId}`).then((p) => {
      photoset = p;
      title.textContent = p.name;
      document.title = `${p.name} — Gallery`;
      showCount();
    }).catch((e) => (e.status === 404 ? showMissing(e) : error.show(e)));
  }
  loadPhotoset();
  addEventListener('hashchange', syncViewer);
  reload();
  syncViewer();

  return {
    keepOnQueryChange: true,
    cleanup: () => {
      removeEventListener('hashchange', syncViewer);
      removeEventListener('keydown', onEscape);
      offLanded();
      list.controller?.abort();
      list.generation++;
      grid.destroy();
      viewing.close();
      document.title = 'Gallery';
    },
  };
}
