// The bar that appears with a selection: what is selected, "select all N matching", and the actions on all of
// it. Each change is one request for the whole selection (POST /images/bulk, a caption job, a find/replace, an
// export), never one per image. A refused request is shown in the dialog or under the bar.

import { api } from '../api.js';
import { h, errorBox, plural, replace } from '../dom.js';
import { href } from '../router.js';
import { confirmDialog } from './dialog.js';
import { tagSuggestions } from './tags.js';

let uid = 0;
const nextId = (name) => `bulk-${name}-${++uid}`;

/**
 * selection: the selectionModel; matching(): {filter, count|null} of the grid's current filters (count is looked up
 * when null); done(): the images changed, reload them.
 */
export function selectionBar({ selection, matching, done }) {
  const label = h('strong', { 'data-test': 'selection-count' });
  const allButton = h('button', { type: 'button', class: 'link-button', 'data-test': 'select-all',
    onclick: () => selectAll() });
  const error = errorBox();
  const status = h('p', { class: 'bulk-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const action = (text, fn, cls) => h('button', { type: 'button', class: cls || null, onclick: fn }, text);
  const bar = h('div', { class: 'selection-bar', role: 'region', 'aria-label': 'Selection', hidden: true },
    h('div', { class: 'selection-summary' }, label, allButton,
      h('button', { type: 'button', class: 'link-button', onclick: () => selection.clear() }, 'Clear')),
    h('div', { class: 'selection-actions' },
      action('Add tags…', () => tagsDialog(true)),
      action('Remove tags…', () => tagsDialog(false)),
      action('Move…', moveDialog),
      action('Generate captions…', captionsDialog),
      action('Find/replace…', replaceDialog),
      action('Export…', exportDialog),
      action('Delete…', deleteDialog, 'danger-text')),
    error);

  async function selectAll() {
    error.clear();
    const { filter, count } = matching();
    try {
      const n = count ?? (await api.get('/images/count', filter)).count;
      if (n === 0) return;
      selection.selectAll(filter, n);
    } catch (e) {
      error.show(e);
    }
  }

  /** Shows the bar for the current selection, or hides it when nothing is selected. */
  function update() {
    bar.hidden = selection.empty;
    if (selection.empty) { error.clear(); return; }
    const n = selection.size;
    label.textContent = selection.isAll ? `All ${plural(n, 'matching image')} selected` : `${plural(n, 'image')} selected`;
    const { count } = matching();
    allButton.hidden = selection.isAll || (count != null && count <= n);
    allButton.textContent = count != null ? `Select all ${count.toLocaleString()} matching` : 'Select all matching';
  }

  const what = () => (selection.isAll ? `all ${plural(selection.size, 'matching image')}` : plural(selection.size, 'image'));

  function say(...parts) {
    status.replaceChildren(...parts);
    // the button that started it went with the selection: keep the keyboard near what happened
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) status.focus({ preventScroll: true });
    });
  }

  async function bulk(change) {
    const result = await api.post('/images/bulk', { ...selection.request('ids'), ...change });
    selection.clear();
    done();
    return result;
  }

  // --- dialogs -------------------------------------------------------------------------------
  function dialog({ title, body, submitLabel, danger = false, onSubmit }) {
    const dlgError = errorBox();
    const submit = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
    const titleId = nextId('title');
    const dlg = h('dialog', { class: 'dialog bulk-dialog', 'aria-labelledby': titleId });
    const form = h('form', { method: 'dialog', onsubmit: async (event) => {
      event.preventDefault();
      dlgError.clear();
      submit.disabled = true;
      try {
        if ((await onSubmit(dlg)) !== false) dlg.close();
      } catch (e) {
        dlgError.show(e);
      } finally {
        submit.disabled = false;
      }
    } },
    h('h2', { id: titleId }, title), h('p', { class: 'muted' }, `For ${what()}.`), body, dlgError,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'button', onclick: () => dlg.close() }, 'Cancel'), submit));
    dlg.append(form);
    dlg.submitButton = submit;
    document.body.append(dlg);
    dlg.addEventListener('close', () => dlg.remove());
    dlg.showModal();
    return dlg;
  }

  const field = (labelText, input, hint) => {
    input.id ||= nextId('field');
    return h('div', { class: 'field' }, h('label', { for: input.id }, labelText), input,
      hint ? h('small', { class: 'hint' }, hint) : null);
  };
  const check = (labelText, input) => {
    input.id ||= nextId('check');
    return h('div', { class: 'check' }, input, h('label', { for: input.id }, labelText));
  };
  const names = (text) => text.split(',').map((t) => t.trim()).filter(Boolean);

  function tagsDialog(adding) {
    const listId = nextId('tags');
    const suggestions = tagSuggestions(listId);
    const input = h('input', { type: 'text', list: listId, autocomplete: 'off', required: true,
      oninput: () => suggestions.suggest(input.value.split(',').pop()) });
    dialog({ title: adding ? 'Add tags' : 'Remove tags', submitLabel: adding ? 'Add tags' : 'Remove tags',
      body: [field('Tags, comma-separated', input), suggestions],
      onSubmit: async () => {
        const tags = names(input.value);
        const r = await bulk(adding ? { add_tags: tags } : { remove_tags: tags });
        say(`${adding ? 'Added' : 'Removed'} ${tags.join(', ')} ${adding ? 'to' : 'from'} ${plural(r.affected, 'image')}.`);
      } });
    input.focus();
  }

  function moveDialog() {
    const listId = nextId('sets');
    const options = h('datalist', { id: listId });
    const byName = new Map();
    const input = h('input', { type: 'text', list: listId, autocomplete: 'off', required: true,
      oninput: () => findSets(input.value) });
    async function findSets(text) {
      try {
        const page = await api.get('/photosets', { q: text.trim(), sort: 'name', limit: 50 });
        page.items.forEach((p) => byName.set(p.name, p));
        options.replaceChildren(...page.items.map((p) => h('option', { value: p.name }, `${p.name} (${p.image_count})`)));
      } catch {
        // the names are a convenience; an exact name typed still works
      }
    }
    findSets('');
    dialog({ title: 'Move to another photoset', submitLabel: 'Move',
      body: [field('Photoset', input, 'The images and their files move; images already there stay.'), options],
      onSubmit: async () => {
        let target = byName.get(input.value.trim());
        if (!target) {
          const page = await api.get('/photosets', { q: input.value.trim(), limit: 50 });
          target = page.items.find((p) => p.name.toLowerCase() === input.value.trim().toLowerCase());
        }
        if (!target) throw new Error(`There is no photoset named “${input.value.trim()}”.`);
        const r = await bulk({ photoset_id: target.id });
        say(`Moved ${plural(r.moved, 'image')} to `, h('a', { href: href(`/photosets/${target.id}`) }, target.name), '.');
      } });
    input.focus();
  }

  function captionsDialog() {
    const prompt = h('textarea', { rows: 3, placeholder: 'The generator’s default prompt' });
    const overwrite = h('input', { type: 'checkbox' });
    dialog({ title: 'Generate captions', submitLabel: 'Start',
      body: [field('Prompt (optional)', prompt), check('Replace captions written by hand', overwrite)],
      onSubmit: async () => {
        const job = await api.post('/captions/jobs', { ...selection.request('image_ids'),
          prompt: prompt.value.trim() || null, overwrite: overwrite.checked });
        selection.clear();
        say(`Captioning ${plural(job.progress?.total ?? 0, 'image')} in the background. `,
          h('a', { href: href('/jobs') }, 'Follow it on the Jobs page'), '.');
      } });
    prompt.focus();
  }

  function replaceDialog() {
    const find = h('input', { type: 'text', required: true });
    const replacement = h('input', { type: 'text' });
    const regex = h('input', { type: 'checkbox' });
    const ignoreCase = h('input', { type: 'checkbox' });
    const preview = h('div', { class: 'replace-preview', 'aria-live': 'polite' });
    let previewed = null;
    const body = () => ({ ...selection.request('image_ids'), find: find.value, replace: replacement.value,
      regex: regex.checked, ignore_case: ignoreCase.checked });
    // any change to what is asked makes the preview stale: preview again before applying
    const stale = () => { previewed = null; preview.replaceChildren(); dlg.submitButton.textContent = 'Preview'; };
    const dlg = dialog({ title: 'Find and replace in captions', submitLabel: 'Preview',
      body: [field('Find', find), field('Replace with', replacement), check('Regular expression', regex),
        check('Ignore case', ignoreCase), preview],
      onSubmit: async () => {
        if (!previewed) {
          const report = await api.post('/captions/replace', { ...body(), dry_run: true });
          previewed = report;
          showPreview(report);
          dlg.submitButton.textContent = `Apply to ${plural(report.changed, 'caption')}`;
          dlg.submitButton.disabled = report.changed === 0;
          return false;
        }
        const report = await api.post('/captions/replace', { ...body(), dry_run: false });
        selection.clear();
        done();
        say(`Changed ${plural(report.changed, 'caption')}.`);
      } });
    [find, replacement, regex, ignoreCase].forEach((el) => el.addEventListener('input', stale));
    function showPreview(report) {
      const shown = report.changes.slice(0, 50);
      replace(preview,
        h('p', { 'data-test': 'replace-summary' },
          `${plural(report.changed, 'caption')} of ${report.examined.toLocaleString()} would change.`),
        shown.length ? h('ol', { class: 'replace-changes' }, shown.map((c) => h('li', {},
          h('del', {}, c.before), h('ins', {}, c.after)))) : null,
        report.changes.length > shown.length ? h('p', { class: 'muted' }, `…and ${report.changes.length - shown.length} more.`) : null);
    }
    find.focus();
  }

  function exportDialog() {
    const images = h('select', {}, h('option', { value: 'original' }, 'Originals'), h('option', { value: 'cropped' }, 'Crops'));
    const maxSize = h('input', { type: 'number', min: 1, max: 65535, placeholder: 'Full size', class: 'narrow' });
    const captions = h('input', { type: 'checkbox', checked: true });
    const ext = h('select', {}, h('option', { value: '.txt' }, '.txt'), h('option', { value: '.caption' }, '.caption'));
    const prefixTags = h('input', { type: 'checkbox' });
    dialog({ title: 'Export as ZIP', submitLabel: 'Start export',
      body: [field('Images', images), field('Long edge in pixels (optional)', maxSize), check('Caption files', captions),
        field('Caption file extension', ext), check('Start captions with the tags', prefixTags)],
      onSubmit: async () => {
        const exp = await api.post('/exports', { ...selection.request('image_ids'), images: images.value,
          max_size: maxSize.value ? Number(maxSize.value) : null, captions: captions.checked,
          caption_extension: ext.value, caption_prefix_tags: prefixTags.checked });
        selection.clear();
        followExport(exp);
      } });
  }

  /** Shows the export's progress under the bar until it is ready, then its download link. */
  async function followExport(exp) {
    const link = h('a', { href: href('/jobs') }, 'Jobs');
    for (;;) {
      const p = exp.progress || {};
      if (exp.status === 'succeeded') {
        say('Export ready: ', h('a', { href: exp.download_url, download: exp.file_name || '' }, exp.file_name || 'download'),
          ` (${plural(p.total ?? 0, 'image')}).`);
        return;
      }
      if (exp.status === 'failed' || exp.status === 'cancelled') {
        say(`Export ${exp.status}${exp.error ? ': ' + exp.error : ''}. See `, link, '.');
        return;
      }
      say(`Exporting: ${(p.done ?? 0).toLocaleString()} of ${(p.total ?? 0).toLocaleString()} images… See `, link, '.');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (!bar.isConnected) return;
      try {
        exp = await api.get(`/exports/${exp.id}`);
      } catch (e) {
        error.show(e);
        return;
      }
    }
  }

  function deleteDialog() {
    const n = selection.size;
    confirmDialog({ title: `Delete ${plural(n, 'image')}?`, danger: true, confirmLabel: `Delete ${plural(n, 'image')}`,
      message: `${n === 1 ? 'This image' : `These ${n.toLocaleString()} images`} and their files, captions, crops and `
        + 'thumbnails will be removed. This cannot be undone.',
      onConfirm: async () => {
        const r = await bulk({ delete: true });
        say(`Deleted ${plural(r.deleted, 'image')}.`);
      } });
  }

  // the outcome of an action stays in view after the selection it acted on is gone
  return { element: h('div', { class: 'selection-area' }, bar, status), update, selectAll };
}
