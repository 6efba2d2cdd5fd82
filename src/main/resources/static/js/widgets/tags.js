// Tag widgets: autocomplete from the server's tag list (a prefix search), and the chip editor of the viewer.

import { api } from '../api.js';
import { h, debounce, errorBox } from '../dom.js';

/** A <datalist> filled from GET /tags?q=prefix as the user types; attach with input.list = id. */
export function tagSuggestions(id) {
  const list = h('datalist', { id });
  let controller = null;
  list.suggest = debounce(async (prefix) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const page = await api.get('/tags', { q: prefix.trim(), limit: 20 }, { signal: controller.signal });
      list.replaceChildren(...page.items.map((t) =>
        h('option', { value: t.name }, `${t.name} (${t.image_count})`)));
    } catch {
      // suggestions are a convenience: a failed lookup leaves the field usable as plain text
    }
  }, 150);
  return list;
}

/**
 * The tags of one image as removable chips plus an input that adds on Enter (with autocomplete).
 * onChange(image) receives the image as the server returned it after each change.
 */
export function tagEditor(image, { editable, onChange }) {
  const error = errorBox();
  const chips = h('ul', { class: 'chips', 'aria-label': 'Tags' });
  const listId = `tag-list-${image.id}`;
  const suggestions = tagSuggestions(listId);
  let tags = image.tags || [];

  function render() {
    chips.replaceChildren(...tags.map((t) => h('li', { class: 'chip' }, t,
      editable ? h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove tag ${t}`,
        onclick: () => remove(t) }, '×') : null)));
    if (!tags.length) chips.append(h('li', { class: 'muted' }, 'No tags'));
  }

  async function change(promise) {
    error.clear();
    try {
      const updated = await promise;
      tags = updated.tags;
      render();
      onChange?.(updated);
    } catch (e) {
      error.show(e);
    }
  }

  const remove = (t) => change(api.del(`/images/${image.id}/tags/${encodeURIComponent(t)}`));
  const input = h('input', { type: 'text', id: `tag-input-${image.id}`, list: listId, placeholder: 'Add a tag…',
    autocomplete: 'off', 'aria-label': 'Add a tag',
    oninput: () => suggestions.suggest(input.value),
    onkeydown: (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const names = input.value.split(',').map((x) => x.trim()).filter(Boolean);
      if (!names.length) return;
      input.value = '';
      change(api.post(`/images/${image.id}/tags`, { tags: names }));
    } });
  render();
  return h('div', { class: 'tag-editor' }, chips, editable ? [input, suggestions] : null, error);
}
