// Near-duplicates to review, group by group: the image the server proposes to keep (most pixels, then larger
// file, then oldest) beside the others with their size, resolution and file size. Per group: keep one and delete
// the rest, tag the rest, or skip; or the same for every group shown at once. Deletions and tags are one
// POST /images/bulk each, after a confirmation that says how many images go.

import { api, thumbnailUrl } from '../api.js';
import { h, errorBox, formatBytes, plural } from '../dom.js';
import { href, parseHash } from '../router.js';
import { canWrite } from '../session.js';
import { confirmDialog } from '../widgets/dialog.js';
import { photosetPicker } from '../widgets/photosets.js';
import { openViewer } from './viewer.js';

const PAGE = 50;
const DEFAULT_TAG = 'duplicate';
let uid = 0;

export function duplicatesScreen(params, query, main) {
  const state = { photoset_id: query.photoset_id || '', max_distance: query.max_distance || '' };
  const writable = canWrite();
  const groups = []; // {keep, others, keepId, element, done}
  let cursor = null;
  let generation = 0;
  let stopped = false;
  let viewer = null;

  const error = errorBox();
  const status = h('p', { class: 'bulk-status', role: 'status', 'aria-live': 'polite', 'data-test': 'duplicates-status' });
  const count = h('p', { class: 'list-status', 'aria-live': 'polite', 'data-test': 'group-count' });
  const listEl = h('ol', { class: 'dup-groups', 'aria-label': 'Groups of near-duplicates' });
  const more = h('button', { type: 'button', hidden: true, onclick: () => loadMore() }, 'More groups');
  const empty = h('div', { class: 'dup-empty muted', hidden: true });

  const photosets = photosetPicker({ id: 'dup-photoset', value: state.photoset_id,
    onChange: (value) => setQuery({ photoset_id: value }) });
  const distance = h('input', { type: 'number', id: 'dup-distance', class: 'narrow', min: 0, max: 24, step: 1,
    value: state.max_distance, placeholder: '12',
    onchange: () => setQuery({ max_distance: distance.value === '' ? '' : String(distance.value) }) });
  const tagInput = h('input', { type: 'text', id: 'dup-tag', class: 'narrow', value: DEFAULT_TAG });
  const hashButton = writable ? h('button', { type: 'button', onclick: () => startHashing(),
    title: 'Images stored before duplicates were looked for have no hash and appear in no group' },
  'Hash images without a hash') : null;
  const bulkBar = writable ? h('div', { class: 'dup-bulk', hidden: true, role: 'region', 'aria-label': 'All groups' },
    h('strong', { 'data-test': 'bulk-summary' }),
    h('button', { type: 'button', class: 'danger-text', onclick: () => deleteOthers(open()) }, 'Keep one, delete the others in all'),
    h('button', { type: 'button', onclick: () => tagOthers(open()) }, 'Tag the others in all')) : null;

  const toolbar = h('div', { class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'dup-photoset' }, 'Photoset'), photosets.element),
    h('div', { class: 'field' }, h('label', { for: 'dup-distance' }, 'Max. difference (bits)'), distance),
    writable ? h('div', { class: 'field' }, h('label', { for: 'dup-tag' }, 'Tag for “tag the others”'), tagInput) : null,
    hashButton);

  main.append(h('section', { class: 'screen duplicates-screen' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Duplicates'), count), toolbar, error, status, bulkBar,
    listEl, more, empty));

  // --- loading -----------------------------------------------------------------------------------
  async function loadMore() {
    const mine = generation;
    more.disabled = true;
    try {
      const page = await api.get('/duplicates', { photoset_id: state.photoset_id, max_distance: state.max_distance,
        limit: PAGE, cursor });
      if (mine !== generation || stopped) return;
      error.clear();
      for (const g of page.items) groups.push(groupOf(g));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      paint();
    } catch (e) {
      if (mine === generation && !stopped) error.show(e);
    } finally {
      more.disabled = false;
    }
  }

  function reload() {
    generation++;
    groups.length = 0;
    cursor = null;
    listEl.replaceChildren();
    more.hidden = true;
    return loadMore();
  }

  const open = () => groups.filter((g) => !g.done);

  function paint() {
    const left = open();
    const images = left.reduce((n, g) => n + g.others.length, 0);
    count.textContent = groups.length === 0 ? '' : left.length === 0 && !cursor ? 'Every group reviewed.'
      : `${plural(left.length, 'group')} to review${cursor ? ' (more below)' : ''}`;
    empty.hidden = groups.length > 0;
    empty.replaceChildren(h('p', {}, 'No near-duplicates found.'),
      h('p', {}, 'Images are compared by a fingerprint of their pixels, made when they are stored. Images stored before '
        + 'that have none: ', writable ? 'hash them with the button above.' : 'an editor can hash them.'));
    if (bulkBar) {
      bulkBar.hidden = left.length < 2;
      bulkBar.querySelector('strong').textContent = `All ${plural(left.length, 'group')} shown: ${plural(images, 'other image')}`;
    }
  }

  // --- one group ---------------------------------------------------------------------------------
  function groupOf({ keep, others }) {
    const n = ++uid;
    const group = { keep, others, keepId: keep.id, done: false };
    const members = [keep, ...others];
    const rowError = errorBox();
    const note = h('p', { class: 'dup-note', role: 'status' });
    const figures = members.map((image) => member(image, n, image === keep, members,
      (id) => { group.keepId = id; paintKeep(); }));
    const deleteButton = h('button', { type: 'button', class: 'danger', onclick: () => deleteOthers([group]) });
    const tagButton = h('button', { type: 'button', onclick: () => tagOthers([group]) });
    const actions = writable ? h('div', { class: 'dup-actions' }, deleteButton, tagButton,
      h('button', { type: 'button', onclick: () => finish(group, 'Skipped.') }, 'Skip')) : null;
    group.element = h('li', { class: 'dup-group', dataset: { keep: keep.id } },
      h('h2', { class: 'dup-title' }, `${plural(members.length, 'image')} alike`),
      h('div', { class: 'dup-members' }, figures), actions, rowError, note);
    group.error = rowError;
    group.note = note;
    group.actions = actions;

    function paintKeep() {
      for (const f of figures) f.classList.toggle('keep', f.dataset.id === group.keepId);
      const k = group.others.length;
      deleteButton.textContent = `Keep one, delete ${plural(k, 'other')}`;
      tagButton.textContent = `Tag ${k === 1 ? 'the other' : `the ${k} others`}`;
    }
    paintKeep();
    group.othersIds = () => members.map((m) => m.id).filter((id) => id !== group.keepId);
    group.kept = () => members.find((m) => m.id === group.keepId);
    group.members = members;
    listEl.append(group.element);
    return group;
  }

  function member(image, n, proposed, members, onKeep) {
    const name = image.original_filename || image.file_name;
    const radio = writable ? h('label', { class: 'dup-keep' },
      h('input', { type: 'radio', name: `dup-keep-${n}`, value: image.id, checked: proposed, onchange: () => onKeep(image.id) }),
      ' Keep') : null;
    return h('figure', { class: 'dup-member', dataset: { id: image.id } },
      h('button', { type: 'button', class: 'dup-thumb', title: `Open ${name}`, onclick: () => view(members, image.id) },
        h('img', { src: thumbnailUrl(image.id, 'small'), alt: name, width: image.width, height: image.height,
          loading: 'lazy', decoding: 'async' })),
      h('figcaption', {},
        h('span', { class: 'dup-name' }, name),
        h('span', { class: 'dup-facts' }, `${image.width} × ${image.height} px · ${formatBytes(image.bytes)} · `
          + (image.format || '').toUpperCase()),
        h('span', { class: 'dup-how muted' }, proposed ? 'Proposed to keep' : `${plural(image.distance ?? 0, 'bit')} apart`),
        radio));
  }

  function finish(group, message) {
    group.done = true;
    group.element.classList.add('done');
    group.note.textContent = message;
    if (group.actions) group.actions.hidden = true;
    for (const input of group.element.querySelectorAll('input')) input.disabled = true;
    paint();
  }

  // --- actions -----------------------------------------------------------------------------------
  function deleteOthers(chosen) {
    if (!chosen.length) return;
    const ids = chosen.flatMap((g) => g.othersIds());
    const n = ids.length;
    confirmDialog({
      title: `Delete ${plural(n, 'image')}?`, danger: true, confirmLabel: `Delete ${plural(n, 'image')}`,
      message: chosen.length === 1
        ? `${chosen[0].kept().original_filename || chosen[0].kept().file_name} stays; the ${n === 1 ? 'other' : `${n} others`} `
          + 'and their files, captions, crops and thumbnails are removed. This cannot be undone.'
        : `One image of each of the ${chosen.length} groups stays; ${n.toLocaleString()} others and their files, captions, `
          + 'crops and thumbnails are removed. This cannot be undone.',
      onConfirm: async () => {
        const r = await api.post('/images/bulk', { ids, delete: true });
        for (const g of chosen) {
          for (const f of g.element.querySelectorAll('.dup-member')) f.classList.toggle('removed', f.dataset.id !== g.keepId);
          finish(g, `Kept ${g.kept().original_filename || g.kept().file_name}, deleted the others.`);
        }
        status.textContent = `Deleted ${plural(r.deleted ?? n, 'image')}.`;
      },
    });
  }

  async function tagOthers(chosen) {
    const tag = tagInput.value.trim();
    if (!chosen.length) return;
    if (!tag) { error.show('Type the tag to give the others first.'); tagInput.focus(); return; }
    const ids = chosen.flatMap((g) => g.othersIds());
    error.clear();
    try {
      await api.post('/images/bulk', { ids, add_tags: [tag] });
      for (const g of chosen) finish(g, `Tagged the others “${tag}”.`);
      status.textContent = `Tagged ${plural(ids.length, 'image')} “${tag}”.`;
    } catch (e) {
      (chosen.length === 1 ? chosen[0].error : error).show(e);
    }
  }

  async function startHashing() {
    hashButton.disabled = true;
    error.clear();
    try {
      let job = await api.post('/duplicates/jobs', state.photoset_id ? { photoset_id: state.photoset_id } : undefined);
      const jobsLink = h('a', { href: href('/jobs') }, 'Jobs');
      while (!stopped) {
        const p = job.progress || {};
        if (!['queued', 'running'].includes(job.status)) {
          status.replaceChildren(`Hashing ${job.status}${p.failed ? ` (${plural(p.failed, 'image')} failed; see `
            : ''}`, p.failed ? jobsLink : '', p.failed ? ')' : '', `: ${(p.done ?? 0).toLocaleString()} of `
            + `${plural(p.total ?? 0, 'image')} hashed.`);
          await reload();
          return;
        }
        status.textContent = `Hashing: ${(p.done ?? 0).toLocaleString()} of ${(p.total ?? 0).toLocaleString()} images…`;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        job = await api.get(`/jobs/${job.id}`);
      }
    } catch (e) {
      // 422 when every image already has a hash: the server's words say so
      if (!stopped) error.show(e);
    } finally {
      hashButton.disabled = false;
    }
  }

  // the members of a group side by side in the viewer, ←/→ between them
  function view(members, id) {
    const list = { items: members, hasMore: false };
    viewer?.close(false);
    viewer = openViewer({ list, loadMore: async () => {}, imageId: id, onMove: () => {}, onChange: () => {},
      onClose: () => { viewer = null; } });
  }

  function setQuery(change) {
    Object.assign(state, change);
    history.replaceState(null, '', href(parseHash().path, state));
    reload();
  }

  reload();
  return () => { stopped = true; generation++; viewer?.close(false); };
}
