// A photoset chooser for filters: "All photosets" or one of them by name, as a plain <select>.

import { api } from '../api.js';
import { h } from '../dom.js';

const LIMIT = 500;

/** onChange(id or '') runs when the user picks; set(id) shows a value that came from elsewhere (the address). */
export function photosetPicker({ id, value = '', onChange }) {
  const select = h('select', { id, onchange: () => onChange(select.value) },
    h('option', { value: '' }, 'All photosets'));
  const ensure = (v) => {
    // a photoset not (yet) among the options still shows as chosen, by its id until its name is known
    if (v && ![...select.options].some((o) => o.value === v)) select.append(h('option', { value: v }, v));
    select.value = v;
  };
  ensure(value);
  api.get('/photosets', { sort: 'name', limit: LIMIT }).then((page) => {
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, 'All photosets'),
      ...page.items.map((p) => h('option', { value: p.id }, p.name)));
    ensure(chosen);
  }).catch(() => { /* the filter still works for the photoset in the address; the list is a convenience */ });
  return { element: select, set: ensure };
}
