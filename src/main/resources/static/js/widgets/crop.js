// The crop tool: a rectangle over the viewer's (upright) image, drawn and resized with the pointer or nudged
// with the keyboard, in pixels of the upright image as the API stores it. Aspect presets, Suggest (the server's
// smart crop), Save, Delete, and a preview of the server's own cropped output.

import { api } from '../api.js';
import { h, errorBox } from '../dom.js';

const PRESETS = [['free', 'Free'], ['1:1', '1:1'], ['4:5', '4:5'], ['3:2', '3:2'], ['16:9', '16:9']];
const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
// a press that moves less than this many screen pixels is a click, not a drawn rectangle
const MIN_DRAG = 4;

const ratioOf = (preset) => {
  if (!preset || preset === 'free') return null;
  const [w, h_] = preset.split(':').map(Number);
  return w / h_;
};
const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

/**
 * cropTool(image, {stage, img, editable, onChange}): `element` goes beside the image (controls, numbers, preview);
 * the rectangle itself is laid over `img` inside `stage`. onChange(hasCrop) after a save or delete.
 */
export function cropTool(image, { stage, img, editable, onChange }) {
  const W = image.width;
  const H = image.height;
  let rect = null; // {x, y, w, h} in upright pixels, fractional while dragging
  let saved = null;
  let preset = 'free';
  let editing = false;
  let disposed = false;

  const error = errorBox();
  const status = h('p', { class: 'crop-status', 'aria-live': 'polite', 'data-test': 'crop-status' });
  const numbers = h('p', { class: 'crop-numbers muted', 'data-test': 'crop-numbers' });
  const handles = HANDLES.map((name) => h('span', { class: `crop-handle ${name}`, dataset: { handle: name } }));
  const box = h('div', { class: 'crop-rect', tabindex: editable ? '0' : null, role: 'group', hidden: true,
    'aria-label': 'Crop area: arrow keys move it, Shift+arrow keys resize it' }, handles);
  const layer = h('div', { class: 'crop-layer', 'data-test': 'crop-layer', hidden: true }, box);
  const toggle = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setEditing(!editing) }, 'Edit crop');
  const presetButtons = PRESETS.map(([value, label]) => h('button', { type: 'button', class: 'small',
    'aria-pressed': String(value === preset), dataset: { preset: value }, onclick: () => choosePreset(value) }, label));
  const suggest = h('button', { type: 'button', onclick: () => suggestCrop(), title: 'The server proposes a crop of the chosen shape (1:1 when free)' }, 'Suggest');
  const save = h('button', { type: 'button', class: 'primary', onclick: () => saveCrop() }, 'Save crop');
  const remove = h('button', { type: 'button', class: 'danger-text', onclick: () => deleteCrop() }, 'Delete crop');
  const preview = h('img', { class: 'crop-preview', alt: `Cropped ${image.original_filename || image.file_name || 'image'}`,
    hidden: true, decoding: 'async', 'data-test': 'crop-preview' });
  const controls = h('div', { class: 'crop-controls', hidden: true },
    h('div', { class: 'crop-presets', role: 'group', 'aria-label': 'Aspect ratio' }, presetButtons),
    h('div', { class: 'crop-actions' }, suggest, save, remove));

  stage.append(layer);

  // --- geometry: upright pixels <-> the image as laid out on screen ---------------------------------
  function frame() {
    const s = stage.getBoundingClientRect();
    const r = img.getBoundingClientRect();
    return { left: r.left - s.left + stage.scrollLeft, top: r.top - s.top + stage.scrollTop, width: r.width, height: r.height,
      sx: r.width / W, sy: r.height / H, screenLeft: r.left, screenTop: r.top };
  }

  function draw() {
    const f = frame();
    Object.assign(layer.style, { left: `${f.left}px`, top: `${f.top}px`, width: `${f.width}px`, height: `${f.height}px` });
    box.hidden = !rect;
    if (rect) {
      Object.assign(box.style, { left: `${rect.x * f.sx}px`, top: `${rect.y * f.sy}px`,
        width: `${rect.w * f.sx}px`, height: `${rect.h * f.sy}px` });
    }
    const r = rounded();
    numbers.textContent = r ? `x ${r.x}, y ${r.y}, ${r.width} × ${r.height} px${sameAsSaved() ? '' : ' · not saved'}`
      : saved ? '' : 'No crop. Draw one on the image.';
    save.disabled = !r || sameAsSaved();
    remove.disabled = !saved;
  }

  /** The rectangle in whole pixels, always inside the image. */
  function rounded() {
    if (!rect) return null;
    const x = clamp(Math.round(rect.x), 0, W - 1);
    const y = clamp(Math.round(rect.y), 0, H - 1);
    return { x, y, width: clamp(Math.round(rect.w), 1, W - x), height: clamp(Math.round(rect.h), 1, H - y) };
  }

  const sameAsSaved = () => {
    const r = rounded();
    return !!saved && !!r && r.x === saved.x && r.y === saved.y && r.width === saved.width && r.height === saved.height;
  };

  /** A rectangle from a fixed corner (ax, ay) to (px, py), kept inside the image and to the preset's shape. */
  function fromCorner(ax, ay, px, py) {
    px = clamp(px, 0, W);
    py = clamp(py, 0, H);
    let w = Math.abs(px - ax);
    let hh = Math.abs(py - ay);
    const ratio = ratioOf(preset);
    if (ratio) {
      // the shape wins over the pointer: the side that would overshoot is shortened
      if (w / ratio > hh) w = hh * ratio; else hh = w / ratio;
    }
    return { x: px < ax ? ax - w : ax, y: py < ay ? ay - hh : ay, w, h: hh };
  }

  // --- pointer: draw on the image, drag the rectangle, pull a handle ----------------------------------
  let drag = null;
  layer.addEventListener('pointerdown', (event) => {
    if (!editing || event.button !== 0) return;
    event.preventDefault();
    const f = frame();
    const at = { x: (event.clientX - f.screenLeft) / f.sx, y: (event.clientY - f.screenTop) / f.sy };
    const handle = event.target.dataset?.handle;
    if (handle && rect) {
      // the opposite corner (or edge) stays where it is
      const ax = handle.includes('w') ? rect.x + rect.w : rect.x;
      const ay = handle.includes('n') ? rect.y + rect.h : rect.y;
      drag = { kind: 'resize', handle, ax, ay, start: { ...rect } };
    } else if (event.target === box && rect) {
      drag = { kind: 'move', from: at, start: { ...rect } };
    } else {
      drag = { kind: 'draw', ax: clamp(at.x, 0, W), ay: clamp(at.y, 0, H), before: rect };
    }
    drag.screen = { x: event.clientX, y: event.clientY };
    layer.setPointerCapture(event.pointerId);
    box.focus({ preventScroll: true });
  });
  layer.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const f = frame();
    const p = { x: (event.clientX - f.screenLeft) / f.sx, y: (event.clientY - f.screenTop) / f.sy };
    if (drag.kind === 'draw') {
      if (Math.hypot(event.clientX - drag.screen.x, event.clientY - drag.screen.y) < MIN_DRAG) return;
      rect = fromCorner(drag.ax, drag.ay, p.x, p.y);
    } else if (drag.kind === 'move') {
      const s = drag.start;
      rect = { ...s, x: clamp(s.x + p.x - drag.from.x, 0, W - s.w), y: clamp(s.y + p.y - drag.from.y, 0, H - s.h) };
    } else {
      const s = drag.start;
      const hd = drag.handle;
      // an edge handle moves one side only; the other axis keeps its extent
      const px = hd === 'n' || hd === 's' ? (drag.ax === s.x ? s.x + s.w : s.x) : p.x;
      const py = hd === 'e' || hd === 'w' ? (drag.ay === s.y ? s.y + s.h : s.y) : p.y;
      rect = fromCorner(drag.ax, drag.ay, px, py);
    }
    draw();
  });
  const endDrag = () => {
    if (drag && rect && (rect.w < 1 || rect.h < 1)) rect = drag.before ?? drag.start ?? null;
    drag = null;
    draw();
  };
  layer.addEventListener('pointerup', endDrag);
  layer.addEventListener('pointercancel', endDrag);

  // --- keyboard: arrows move, Shift+arrows resize; a tenth of a percent of the image is too fine, 1% is a step
  box.addEventListener('keydown', (event) => {
    if (!rect || !editing || !event.key.startsWith('Arrow')) return;
    event.preventDefault();
    event.stopPropagation(); // the viewer's ←/→ would change the image
    const step = Math.max(1, Math.round(Math.max(W, H) / 100)) * (event.altKey ? 0.1 : 1);
    const dx = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
    const dy = event.key === 'ArrowDown' ? step : event.key === 'ArrowUp' ? -step : 0;
    if (event.shiftKey) {
      rect = fromCorner(rect.x, rect.y, rect.x + Math.max(1, rect.w + dx), rect.y + Math.max(1, rect.h + dy));
    } else {
      rect = { ...rect, x: clamp(rect.x + dx, 0, W - rect.w), y: clamp(rect.y + dy, 0, H - rect.h) };
    }
    draw();
  });

  // --- actions ---------------------------------------------------------------------------------------
  function setEditing(on) {
    editing = on && editable;
    toggle.setAttribute('aria-pressed', String(editing));
    toggle.textContent = editing ? 'Done' : 'Edit crop';
    layer.classList.toggle('editing', editing);
    layer.hidden = !editing && !saved;
    controls.hidden = !editing;
    if (!editing && saved) rect = { x: saved.x, y: saved.y, w: saved.width, h: saved.height };
    // something to move with the keyboard from the start; the pointer can draw a new one around it
    if (editing && !rect) rect = { x: W * 0.1, y: H * 0.1, w: W * 0.8, h: H * 0.8 };
    draw();
    if (editing) box.focus({ preventScroll: true });
  }

  function choosePreset(value) {
    choosePresetButtons(value);
    const ratio = ratioOf(value);
    if (!ratio) return draw();
    // the largest rectangle of the new shape around the old one's centre (or the image's), inside the image
    const c = rect ? { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 } : { x: W / 2, y: H / 2 };
    let w = rect ? Math.max(rect.w, rect.h * ratio) : W;
    let hh = w / ratio;
    if (hh > H) { hh = H; w = hh * ratio; }
    if (w > W) { w = W; hh = w / ratio; }
    rect = { x: clamp(c.x - w / 2, 0, W - w), y: clamp(c.y - hh / 2, 0, H - hh), w, h: hh };
    draw();
  }

  async function suggestCrop() {
    error.clear();
    suggest.disabled = true;
    try {
      const s = await api.get(`/images/${image.id}/crop/suggest`, { aspect_ratio: preset === 'free' ? '1:1' : preset });
      if (disposed) return;
      rect = { x: s.x, y: s.y, w: s.width, h: s.height };
      status.textContent = `Suggested ${s.aspect_ratio}.`;
      draw();
    } catch (e) {
      if (!disposed) error.show(e);
    } finally {
      suggest.disabled = false;
    }
  }

  async function saveCrop() {
    const r = rounded();
    if (!r) return;
    error.clear();
    save.disabled = true;
    try {
      const crop = await api.post(`/images/${image.id}/crop`, { ...r, aspect_ratio: preset === 'free' ? null : preset });
      if (disposed) return;
      shown(crop);
      status.textContent = 'Crop saved.';
      image.has_crop = true;
      onChange?.(true);
    } catch (e) {
      if (!disposed) error.show(e);
    } finally {
      draw();
    }
  }

  async function deleteCrop() {
    error.clear();
    remove.disabled = true;
    try {
      await api.del(`/images/${image.id}/crop`);
      if (disposed) return;
      saved = null;
      rect = null;
      preview.hidden = true;
      preview.removeAttribute('src');
      status.textContent = 'Crop deleted.';
      image.has_crop = false;
      onChange?.(false);
    } catch (e) {
      if (!disposed) error.show(e);
    } finally {
      draw();
    }
  }

  function shown(crop) {
    saved = crop;
    rect = { x: crop.x, y: crop.y, w: crop.width, h: crop.height };
    if (crop.aspect_ratio && PRESETS.some(([v]) => v === crop.aspect_ratio)) choosePresetButtons(crop.aspect_ratio);
    // the cropped image is served without long caching; the version in the address makes a new crop a new picture
    preview.src = `/api/v2/images/${encodeURIComponent(image.id)}/cropped?size=small&v=${encodeURIComponent(crop.updated_at)}`;
    preview.hidden = false;
    layer.hidden = !editing && !saved;
    draw();
  }

  function choosePresetButtons(value) {
    preset = value;
    for (const b of presetButtons) b.setAttribute('aria-pressed', String(b.dataset.preset === value));
    // with a fixed shape only the corners resize: an edge alone cannot keep the ratio
    layer.classList.toggle('fixed-ratio', !!ratioOf(value));
  }

  async function load() {
    // without a crop the server answers 404, which the browser would log as an error: so only ask when there is one
    if (!image.has_crop) return draw();
    try {
      const crop = await api.get(`/images/${image.id}/crop`);
      if (!disposed) shown(crop);
    } catch (e) {
      if (!disposed && e.status !== 404) error.show(e);
    }
  }

  const resized = new ResizeObserver(() => draw());
  resized.observe(img);
  img.addEventListener('load', draw);
  load();

  return {
    element: h('div', { class: 'crop-tool' },
      editable ? toggle : null, controls, numbers, status, error,
      h('figure', { class: 'crop-figure' }, preview)),
    dispose() {
      disposed = true;
      resized.disconnect();
      img.removeEventListener('load', draw);
      layer.remove();
    },
  };
}
