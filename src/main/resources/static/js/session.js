// Who is signed in. The role decides which controls a screen shows: viewers get no write controls at all
// (the server refuses their writes anyway; hiding them keeps the page honest about what will work).

import { api, ApiError } from './api.js';

let user = null;

/** Asks the server who we are; null when nobody is signed in (401). */
export async function loadUser() {
  // with accounts off (AUTH=off) the server answers {"auth": "off"} for everyone, so there is nothing special here
  try {
    user = await api.get('/auth/me', undefined, { quiet401: true });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    user = null;
  }
  return user;
}

export async function signIn(name, password) {
  user = await api.post('/auth/login', { name, password }, { quiet401: true });
  return user;
}

export async function signOut() {
  await api.post('/auth/logout', undefined, { quiet401: true });
  user = null;
}

export const currentUser = () => user;
export const canWrite = () => !!user && (user.role === 'editor' || user.role === 'admin');
export const forget = () => { user = null; };
