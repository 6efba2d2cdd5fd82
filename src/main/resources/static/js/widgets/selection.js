// Which images of a grid are selected: chosen ones by id, or "all N matching", which is the list's filter and
// never a list of ids (50,000 ids would be a lot to hold, send and keep in step with the server).

/**
 * A selection over `list.items` (the images loaded so far). onChange() runs after every change.
 * Click toggles, a shift-click takes the range from the last clicked image, all() switches to the filter.
 */
export function selectionModel(list, onChange) {
  let ids = new Set();
  let anchor = null; // index of the last image toggled: the start of a shift-click range
  let all = null; // {filter, count} while "all matching" is selected

  const changed = () => onChange();

  const model = {
    get size() { return all ? all.count : ids.size; },
    get isAll() { return !!all; },
    get empty() { return !all && ids.size === 0; },
    has: (id) => !!all || ids.has(id),

    toggle(index) {
      const id = list.items[index]?.id;
      if (!id) return;
      if (all) {
        // leaving "all matching": what stays selected is what the page shows, minus this image
        ids = new Set(list.items.map((i) => i.id));
        all = null;
      }
      if (ids.has(id)) ids.delete(id); else ids.add(id);
      anchor = index;
      changed();
    },

    /** Selects every image from the last one toggled to this one (both included), keeping what was selected. */
    range(index) {
      if (anchor === null || all) { model.toggle(index); return; }
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      for (let i = from; i <= to; i++) if (list.items[i]) ids.add(list.items[i].id);
      anchor = index;
      changed();
    },

    selectAll(filter, count) {
      all = { filter, count };
      ids = new Set();
      changed();
    },

    clear() {
      if (model.empty && anchor === null) return;
      ids = new Set();
      all = null;
      anchor = null;
      changed();
    },

    /** The selection as the API takes it: `{[idsKey]: [...]}` or `{filter: {...}}`. */
    request(idsKey = 'ids') {
      return all ? { filter: all.filter } : { [idsKey]: [...ids] };
    },
  };
  return model;
}
