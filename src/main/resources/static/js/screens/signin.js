// The sign-in page. Errors (bad credentials, throttling) are shown under the form in the server's words.

import { h, errorBox } from '../dom.js';
import { signIn, currentUser } from '../session.js';
import { navigate } from '../router.js';

export function signInScreen(params, query, main) {
  if (currentUser()) {
    navigate('/library');
    return;
  }
  const error = errorBox();
  const name = h('input', { id: 'signin-name', name: 'name', autocomplete: 'username', required: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'signin-form', onsubmit: async (event) => {
    event.preventDefault();
    error.clear();
    submit.disabled = true;
    try {
      await signIn(name.value.trim(), password.value);
      const next = query.next && !query.next.startsWith('/signin') ? query.next : '/library';
      location.hash = '#' + next;
    } catch (e) {
      // a throttled sign-in (429) names the wait in its detail; Retry-After is the fallback when it does not
      const wait = e.status === 429 && e.retryAfter && !/try again/i.test(e.message) ? ` Try again in ${e.retryAfter} s.` : '';
      error.show(e.message + wait);
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
  h('h1', {}, 'Sign in to Gallery'),
  h('label', { for: 'signin-name' }, 'Name'), name,
  h('label', { for: 'signin-password' }, 'Password'), password,
  error, submit);
  main.append(h('section', { class: 'screen signin' }, form));
  name.focus();
}
