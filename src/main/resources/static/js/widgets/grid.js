// A windowed thumbnail grid: square cells of a chosen size laid out in rows of known height, so the position
// of every image is arithmetic and only the rows near the viewport exist in the DOM. 50,000 images cost the
// same number of nodes as 50. A thumbnail that loads late never moves anything.

import { h } from '../dom.js';

const GAP = 6;
const OVERSCAN_ROWS = 3;

/**
 * list: {items, hasMore}; renderCell(item, index) → element; onNeedMore() asks for the next page when the
 * visible rows come within a few rows of the end of what is loaded.
 */
export function virtualGrid({ list, size, renderCell, onNeedMore, label }) {
  const spacer = h('div', { class: 'grid-spacer' });
  const scroller = h('div', { class: 'grid-scroll', tabindex: '-1', role: 'list', 'aria-label': label }, spacer);
  const cells = new Map(); // index → element currently in the DOM
  let cellSize = size;
  let cols = 1;
  let cell = size;
  let frame = 0;
  let lastTop = 0;
  let settleTimer = 0;

  function layout() {
    const width = scroller.clientWidth || 1;
    cols = Math.max(1, Math.floor((width + GAP) / (cellSize + GAP)));
    cell = Math.floor((width - GAP * (cols - 1)) / cols);
    setHeight();
    // every cell's place depends on the column count: rebuild what is shown
    for (const el of cells.values()) forget(el);
    cells.clear();
    draw();
  }

  function setHeight() {
    const rows = Math.ceil(list.items.length / cols) + (list.hasMore ? 2 : 0);
    spacer.style.height = `${Math.max(0, rows * (cell + GAP) - GAP)}px`;
  }

  function draw() {
    frame = 0;
    const rowH = cell + GAP;
    const top = scroller.scrollTop;
    // moving more than half a screen per frame is a fling: the cells it passes get no thumbnail request until
    // the grid comes to rest, so the server does not make hundreds of thumbnails nobody sees
    const flinging = Math.abs(top - lastTop) > scroller.clientHeight / 2;
    lastTop = top;
    const first = Math.max(0, Math.floor(top / rowH) - OVERSCAN_ROWS);
    const last = Math.ceil((top + scroller.clientHeight) / rowH) + OVERSCAN_ROWS;
    const from = first * cols;
    const to = Math.min(list.items.length, (last + 1) * cols);
    for (const [i, el] of cells) {
      if (i < from || i >= to) { forget(el); cells.delete(i); }
    }
    for (let i = from; i < to; i++) {
      if (cells.has(i)) continue;
      const el = renderCell(list.items[i], i);
      el.classList.add('cell');
      el.setAttribute('role', 'listitem');
      el.style.width = `${cell}px`;
      el.style.height = `${cell}px`;
      el.style.transform = `translate(${(i % cols) * (cell + GAP)}px, ${Math.floor(i / cols) * rowH}px)`;
      if (flinging) defer(el);
      cells.set(i, el);
      spacer.append(el);
    }
    if (flinging) {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(settle, 150);
    }
    if (list.hasMore && to >= list.items.length - cols * OVERSCAN_ROWS) onNeedMore();
  }

  // (the thumbnails are loading="lazy", so no request starts before the cell is in the page and near view)
  function defer(el) {
    const img = el.querySelector('img[src]');
    if (!img) return;
    img.dataset.src = img.getAttribute('src');
    img.removeAttribute('src');
  }

  function settle() {
    for (const img of spacer.querySelectorAll('img[data-src]')) {
      img.src = img.dataset.src;
      delete img.dataset.src;
    }
  }

  /** Removes a cell; a thumbnail still loading is dropped too, so a fast fling does not queue hundreds of them. */
  function forget(el) {
    const img = el.querySelector('img');
    if (img && !img.complete) img.removeAttribute('src');
    el.remove();
  }

  // arrow keys move between cells (a row is `cols` cells); the target row is drawn before it gets focus
  scroller.addEventListener('keydown', (event) => {
    const from = Number(event.target.closest?.('.cell')?.dataset.index);
    const delta = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[event.key];
    if (Number.isNaN(from) || !delta || event.altKey || event.ctrlKey || event.metaKey) return;
    const to = Math.min(Math.max(0, from + delta), list.items.length - 1);
    event.preventDefault();
    api.reveal(to);
    draw();
    cells.get(to)?.focus({ preventScroll: true });
  });

  const schedule = () => { if (!frame) frame = requestAnimationFrame(draw); };
  scroller.addEventListener('scroll', schedule, { passive: true });
  const resize = new ResizeObserver(() => layout());
  resize.observe(scroller);

  const api = {
    element: scroller,
    /** Items were added or changed: recompute the height and redraw the visible cells. */
    refresh: layout,
    /** Items were appended (the next page): the cells already shown stay as they are. */
    grow() { setHeight(); draw(); },
    setSize(px) { cellSize = px; layout(); },
    /** Brings an item into view (after the viewer moved past the visible rows). */
    reveal(index) {
      const rowTop = Math.floor(index / cols) * (cell + GAP);
      if (rowTop < scroller.scrollTop || rowTop + cell > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = rowTop - (scroller.clientHeight - cell) / 2;
      }
    },
    focus(index) { cells.get(index)?.focus(); },
    nodeCount: () => cells.size,
    destroy() { resize.disconnect(); cancelAnimationFrame(frame); clearTimeout(settleTimer); },
  };
  return api;
}
