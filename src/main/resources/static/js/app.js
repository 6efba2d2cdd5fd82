// Start-up: find out who is signed in, then show the screen the address asks for.

import { onUnauthorized } from './api.js';
import { route, start, navigate, parseHash } from './router.js';
import { loadUser, currentUser, signOut, forget } from './session.js';
import { h, replace } from './dom.js';
import { signInScreen } from './screens/signin.js';
import { libraryScreen } from './screens/library.js';
import { imagesScreen } from './screens/images.js';
import { jobsScreen } from './screens/jobs.js';
import { statusScreen } from './screens/status.js';
import { queueScreen } from './screens/queue.js';
import { exportsScreen } from './screens/exports.js';
import { searchScreen } from './screens/search.js';
import { duplicatesScreen } from './screens/duplicates.js';
import { installShortcutHelp } from './widgets/shortcuts.js';
import { installSearchBox } from './widgets/searchbox.js';

const main = document.getElementById('main');
const header = document.querySelector('.app-header');
installSearchBox(header.querySelector('.shell-search'));

route('/signin', signInScreen);
route('/library', libraryScreen);
route('/images', (p, q, el) => imagesScreen({ photosetId: null }, q, el));
route('/photosets/:id', (p, q, el) => imagesScreen({ photosetId: p.id }, q, el));
route('/jobs', jobsScreen);
route('/status', statusScreen);
route('/queue', queueScreen);
route('/exports', exportsScreen);
route('/search', searchScreen);
route('/duplicates', duplicatesScreen);

function showShell(user) {
  header.hidden = !user;
  if (!user) return;
  header.querySelector('.user-name').textContent = user.name;
  header.querySelector('.user-role').textContent = user.role;
  // with accounts switched off there is nobody to sign out
  header.querySelector('.sign-out').hidden = user.auth === 'off';
}

function markNav(path) {
  const section = path.split('/')[1] === 'photosets' ? 'library' : path.split('/')[1];
  for (const a of header.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

header.querySelector('.sign-out').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    await signOut();
  } catch {
    // the session is gone either way; the sign-in page is the right place to be
    forget();
  } finally {
    button.disabled = false;
  }
  navigate('/signin');
});

onUnauthorized(() => {
  forget();
  const { path } = parseHash();
  if (path !== '/signin') navigate('/signin', { next: location.hash.slice(1) });
});

async function boot() {
  try {
    await loadUser();
  } catch (e) {
    replace(main, h('section', { class: 'screen' },
      h('h1', {}, 'Gallery'), h('p', { class: 'error', role: 'alert' }, e.message)));
    return;
  }
  installShortcutHelp();
  await start(main, async (path) => {
    const who = currentUser();
    if (!who && path !== '/signin') {
      navigate('/signin', { next: location.hash.slice(1) });
      return false;
    }
    showShell(path === '/signin' ? null : who);
    markNav(path);
    return true;
  });
}

boot();
