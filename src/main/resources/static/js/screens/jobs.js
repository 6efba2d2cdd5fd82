// Background jobs, newest first, with progress; refreshed every two seconds while any is still active.

import { api } from '../api.js';
import { h, errorBox, formatDate } from '../dom.js';
import { canWrite } from '../session.js';

const STATUSES = ['', 'queued', 'running', 'succeeded', 'failed', 'cancelled'];

export function jobsScreen(params, query, main) {
  const error = errorBox();
  const body = h('tbody');
  const filter = h('select', { id: 'jobs-status', onchange: () => refresh() },
    STATUSES.map((s) => h('option', { value: s }, s || 'Any')));
  const table = h('table', { class: 'jobs' },
    h('thead', {}, h('tr', {}, ['Type', 'Status', 'Progress', 'Created', 'Finished', ''].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  const empty = h('p', { class: 'muted', hidden: true }, 'No jobs.');
  main.append(h('section', { class: 'screen jobs-screen' },
    h('div', { class: 'screen-head' }, h('h1', {}, 'Jobs')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'jobs-status' }, 'Status'), filter)),
    error, h('div', { class: 'table-wrap' }, table), empty));

  let timer = null;
  let stopped = false;

  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await api.get('/jobs', { status: filter.value, limit: 100 });
      if (stopped) return;
      error.clear();
      body.replaceChildren(...page.items.map(rowOf));
      empty.hidden = page.items.length > 0;
      if (page.items.some((j) => j.status === 'queued' || j.status === 'running')) timer = setTimeout(refresh, 2000);
    } catch (e) {
      if (!stopped) error.show(e);
    }
  }

  function rowOf(job) {
    const { done, failed, total } = job.progress || { done: 0, failed: 0, total: 0 };
    const rowError = errorBox();
    const act = async (verb) => {
      try { await api.post(`/jobs/${job.id}/${verb}`); refresh(); } catch (e) { rowError.show(e); }
    };
    const actions = [];
    if (canWrite() && (job.status === 'queued' || job.status === 'running')) {
      actions.push(h('button', { type: 'button', class: 'small', onclick: () => act('cancel') }, 'Cancel'));
    }
    if (canWrite() && (job.status === 'failed' || job.status === 'cancelled')) {
      actions.push(h('button', { type: 'button', class: 'small', onclick: () => act('retry') }, 'Retry'));
    }
    if (failed) {
      // a list leaves out the failed items; the job's own view has them with their reasons
      const reasons = h('ul', { class: 'failures', 'data-test': 'failures' });
      actions.push(h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', onclick: async (event) => {
        const button = event.currentTarget;
        try {
          const full = await api.get(`/jobs/${job.id}`);
          reasons.replaceChildren(...full.failures.map((f) => h('li', {}, h('code', {}, f.item_id), ` ${f.reason}`)));
          button.setAttribute('aria-expanded', 'true');
          clearTimeout(timer); // the reasons stay on screen until the user refreshes
        } catch (e) { rowError.show(e); }
      } }, 'Why failed?'), reasons);
    }
    return h('tr', { dataset: { id: job.id, status: job.status } },
      h('td', {}, job.type),
      h('td', {}, statusOf(job, failed), job.error ? h('div', { class: 'error' }, job.error) : null),
      h('td', {}, h('progress', { max: total || 1, value: done + failed, class: failed ? 'with-failures' : null,
        'aria-label': `${done} of ${total} done${failed ? `, ${failed} failed` : ''}` }),
        h('span', { class: 'muted' }, ` ${done}/${total}${failed ? `, ${failed} failed` : ''}`)),
      h('td', {}, formatDate(job.created_at)),
      h('td', {}, formatDate(job.finished_at)),
      h('td', {}, actions, rowError));
  }

  refresh();
  return () => { stopped = true; clearTimeout(timer); };
}

/** A job that finished with some items failed did not simply succeed: it says so, in the warning colour. */
export function statusOf(job, failed = job.progress?.failed || 0) {
  const partial = job.status === 'succeeded' && failed > 0;
  return h('span', { class: `status status-${partial ? 'partial' : job.status}` },
    partial ? 'succeeded with failures' : job.status);
}
