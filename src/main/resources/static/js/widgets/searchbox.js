// The search box of the shell: on every screen, "/" puts the cursor in it, Enter shows the results screen.
// On the results screen it holds the words searched for, and a new search keeps the chosen mode and filters.

import { href, parseHash } from '../router.js';

export function installSearchBox(form) {
  const input = form.querySelector('input');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const { path, query } = parseHash();
    const keep = path === '/search' ? { mode: query.mode, photoset_id: query.photoset_id, tags: query.tags,
      has_caption: query.has_caption } : {};
    location.hash = href('/search', { ...keep, q });
  });

  addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest('input, textarea, select, [contenteditable]') || document.querySelector('dialog[open]')) return;
    if (form.closest('[hidden]')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  // the box shows the words of the search on screen (after a back or forward too), and nothing elsewhere
  const sync = () => {
    const { path, query } = parseHash();
    input.value = path === '/search' ? query.q || '' : '';
  };
  addEventListener('hashchange', sync);
  sync();
}
