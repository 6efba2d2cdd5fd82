// Library: photosets as cards, filtered and sorted on the server, more pages by cursor as the list end
// scrolls into view. Files dropped on a card are uploaded into that photoset.

import { api, thumbnailUrl } from '../api.js';
import { h, replace, errorBox, debounce, plural } from '../dom.js';
import { href, replaceQuery } from '../router.js';
import { canWrite } from '../session.js';
import { formDialog, confirmDialog } from '../widgets/dialog.js';
import { uploads } from '../widgets/upload.js';
import { tagSuggestions } from '../widgets/tags.js';

const SORTS = {
  'name:asc': 'Name A–Z', 'name:desc': 'Name Z–A', 'year:desc': 'Year, newest first',
  'year:asc': 'Year, oldest first', 'created:desc': 'Recently added', 'created:asc': 'First added',
};
const PAGE = 48;

export function libraryScreen(params, query, main) {
  const state = { q: query.q || '', year: query.year || '', tag: query.tag || '', sort: query.sort || 'name:asc' };
  const error = errorBox();
  const cards = h('ul', { class: 'cards', 'aria-label': 'Photosets' });
  const status = h('p', { class: 'list-status', 'aria-live': 'polite' });
  const sentinel = h('div', { class: 'sentinel' });
  let cursor = null;
  let loading = null;
  let generation = 0;

  const applySearch = () => { if (search.value.trim() !== state.q) { state.q = search.value.trim(); reload(); } };
  const search = h('input', { type: 'search', id: 'lib-q', value: state.q, placeholder: 'Search by name',
    oninput: debounce(applySearch, 250), onchange: applySearch, onsearch: applySearch });
  const year = h('input', { type: 'number', id: 'lib-year', value: state.year, min: 1800, max: 2200,
    placeholder: 'Any', class: 'narrow', onchange: () => { state.year = year.value; reload(); } });
  const tagList = tagSuggestions('lib-tag-list');
  const tag = h('input', { type: 'text', id: 'lib-tag', value: state.tag, placeholder: 'Any', list: 'lib-tag-list',
    oninput: (e) => tagList.suggest(e.target.value), onchange: () => { state.tag = tag.value.trim(); reload(); } });
  const sort = h('select', { id: 'lib-sort', onchange: () => { state.sort = sort.value; reload(); } },
    Object.entries(SORTS).map(([v, label]) => h('option', { value: v, selected: v === state.sort }, label)));

  const toolbar = h('div', { class: 'toolbar', role: 'search' },
    h('div', { class: 'field grow' }, h('label', { for: 'lib-q' }, 'Search'), search),
    h('div', { class: 'field' }, h('label', { for: 'lib-year' }, 'Year'), year),
    h('div', { class: 'field' }, h('label', { for: 'lib-tag' }, 'Tag'), tag, tagList),
    h('div', { class: 'field' }, h('label', { for: 'lib-sort' }, 'Sort'), sort),
    canWrite() ? h('button', { type: 'button', class: 'primary', onclick: createPhotoset }, 'New photoset') : null);

  main.append(h('section', { class: 'screen library' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Library')), toolbar, error, cards, status, sentinel));

  async function loadMore() {
    if (loading || cursor === undefined) return loading;
    const mine = generation;
    const [by, order] = state.sort.split(':');
    loading = api.get('/photosets', { q: state.q, year: state.year, tag: state.tag, sort: by, order,
      limit: PAGE, cursor })
      .then((page) => {
        if (mine !== generation) return;
        error.clear();
        page.items.forEach((p) => cards.append(card(p)));
        cursor = page.next_cursor || undefined;
        const count = cards.children.length;
        status.textContent = count === 0 ? 'No photosets match.' : `${plural(count, 'photoset')}${cursor ? ' so far' : ''}`;
      })
      .catch((e) => { if (mine === generation) error.show(e); })
      .finally(() => {
        if (mine !== generation) return;
        loading = null;
        // a tall screen may show the sentinel again at once: keep filling until it is pushed out of view
        if (cursor && isVisible(sentinel)) loadMore();
      });
    return loading;
  }

  function reload() {
    replaceQuery({ q: state.q, year: state.year, tag: state.tag, sort: state.sort === 'name:asc' ? '' : state.sort });
    generation++;
    loading = null;
    cursor = null;
    cards.replaceChildren();
    status.textContent = 'Loading…';
    loadMore();
  }

  function card(p) {
    const link = h('a', { class: 'card-link', href: href(`/photosets/${p.id}`) },
      p.cover_image_id
        ? h('img', { class: 'cover', src: thumbnailUrl(p.cover_image_id, 'small'), alt: '', width: 256, height: 256,
          loading: 'lazy', decoding: 'async' })
        : h('div', { class: 'cover empty', 'aria-hidden': 'true' }, 'No images'),
      h('span', { class: 'card-title' }, p.name));
    const meta = h('p', { class: 'card-meta' }, [p.year, plural(p.image_count, 'image')].filter(Boolean).join(' · '));
    const tags = p.tags?.length ? h('p', { class: 'card-tags' }, p.tags.map((t) => h('span', { class: 'chip' }, t))) : null;
    const actions = canWrite() ? h('div', { class: 'card-actions' },
      h('button', { type: 'button', class: 'small', onclick: () => editPhotoset(p, li), 'aria-label': `Edit ${p.name}` }, 'Edit'),
      h('button', { type: 'button', class: 'small danger-text', onclick: () => deletePhotoset(p, li),
        'aria-label': `Delete ${p.name}` }, 'Delete')) : null;
    const li = h('li', { class: 'card', dataset: { id: p.id } }, link, meta, tags, actions);
    if (canWrite()) uploads.dropTarget(li, () => ({ photosetId: p.id, name: p.name }));
    return li;
  }

  function photosetBody(v) {
    const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
    const body = { name: v.name, tags: list(v.tags), actors: list(v.actors) };
    if (v.date) body.date = v.date;
    if (v.year) body.year = Number(v.year);
    if (v.source_url) body.source_url = v.source_url;
    return body;
  }

  function fields(p = {}) {
    return [
      { name: 'name', label: 'Name', value: p.name, required: true },
      { name: 'date', label: 'Date', type: 'date', value: p.date || '' },
      { name: 'year', label: 'Year', type: 'number', value: p.year ?? '', hint: 'Set from the date when left empty' },
      { name: 'tags', label: 'Tags', value: (p.tags || []).join(', '), hint: 'Comma-separated' },
      { name: 'actors', label: 'Actors', value: (p.actors || []).join(', '), hint: 'Comma-separated' },
      { name: 'source_url', label: 'Source URL', type: 'url', value: p.source_url || '' },
    ];
  }

  function createPhotoset() {
    formDialog({ title: 'New photoset', fields: fields(), submitLabel: 'Create',
      onSubmit: async (v) => {
        const made = await api.post('/photosets', photosetBody(v));
        cards.prepend(card(made));
        status.textContent = `Created “${made.name}”.`;
      } });
  }

  function editPhotoset(p, li) {
    formDialog({ title: `Edit “${p.name}”`, fields: fields(p), submitLabel: 'Save',
      onSubmit: async (v) => {
        const saved = await api.put(`/photosets/${p.id}`, photosetBody(v));
        li.replaceWith(card(saved));
      } });
  }

  function deletePhotoset(p, li) {
    confirmDialog({
      title: `Delete “${p.name}”?`,
      message: p.image_count > 0
        ? `This deletes the photoset and its ${plural(p.image_count, 'image')}, with their files, thumbnails, crops and captions. It cannot be undone.`
        : 'The photoset has no images. It cannot be undone.',
      confirmLabel: p.image_count > 0 ? `Delete ${plural(p.image_count, 'image')}` : 'Delete photoset',
      danger: true,
      onConfirm: async () => {
        await api.del(`/photosets/${p.id}`);
        li.remove();
        status.textContent = `Deleted “${p.name}”.`;
      },
    });
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) loadMore();
  }, { rootMargin: '600px' });
  observer.observe(sentinel);
  // the observer only speaks when the sentinel crosses the margin; a scroll that ends beyond it (a jump to the
  // end while a page was arriving) is caught here
  let scrollCheck = 0;
  const onScroll = () => {
    if (scrollCheck) return;
    scrollCheck = requestAnimationFrame(() => { scrollCheck = 0; if (cursor && isVisible(sentinel)) loadMore(); });
  };
  main.addEventListener('scroll', onScroll, { passive: true });
  const offLanded = uploads.onLanded(() => refreshCounts());
  // counts and covers change as uploads land; refetching the visible cards one by one is cheap and exact
  const refreshCounts = debounce(async () => {
    for (const li of Array.from(cards.children)) {
      if (!uploads.touched(li.dataset.id)) continue;
      try { li.replaceWith(card(await api.get(`/photosets/${li.dataset.id}`))); } catch { /* shown on next load */ }
    }
  }, 500);
  reload();
  return () => { observer.disconnect(); main.removeEventListener('scroll', onScroll); offLanded(); generation++; };
}

function isVisible(el) {
  const r = el.getBoundingClientRect();
  return r.top < innerHeight + 600;
}
