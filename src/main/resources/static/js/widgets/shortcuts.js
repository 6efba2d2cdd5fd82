// "?" shows the keyboard shortcuts; the list is short on purpose.

import { h } from '../dom.js';

const SHORTCUTS = [
  ['?', 'Show this list'],
  ['/', 'Search images (the box at the top)'],
  ['← ↑ → ↓', 'Move between thumbnails in the grid'],
  ['Enter', 'Open the focused thumbnail'],
  ['Space', 'Select or unselect the focused thumbnail (Shift: the range from the last one)'],
  ['Ctrl/⌘+click, Shift+click', 'Select one more / a range of thumbnails'],
  ['Ctrl/⌘+A', 'Select all images matching the filters'],
  ['Esc', 'Clear the selection'],
  ['← / →', 'Previous / next image in the viewer'],
  ['Esc', 'Close the viewer or a dialog'],
  ['Ctrl+Enter', 'Save the caption (in the caption queue: save and go to the next image)'],
  ['Page Down / Page Up', 'Next / previous image in the caption queue'],
  ['Alt+G', 'Generate a caption in the caption queue'],
  ['Arrows, Shift+arrows', 'Move, resize the crop rectangle while it has focus'],
  ['Tab', 'Move between controls'],
];

export function installShortcutHelp() {
  addEventListener('keydown', (event) => {
    if (event.key !== '?' || event.target.closest('input, textarea, select, [contenteditable]')) return;
    if (document.querySelector('dialog.shortcuts')) return;
    const close = h('button', { type: 'button', class: 'primary' }, 'Close');
    const dialog = h('dialog', { class: 'dialog shortcuts', 'aria-labelledby': 'shortcuts-title' },
      h('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
      h('dl', { class: 'meta' }, SHORTCUTS.map(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)])),
      h('div', { class: 'dialog-actions' }, close));
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  });
}
