// Modal dialogs on the native <dialog>: it traps focus, closes on Esc and returns focus to the opener.
// The action runs inside the dialog so a refused request is shown right under the form that caused it.

import { h, errorBox } from '../dom.js';

function open(dialog) {
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
}

/**
 * fields: [{name, label, type?, value?, required?, hint?}]; onSubmit(values) may throw an ApiError, which is
 * shown in the dialog; the dialog closes when it resolves.
 */
export function formDialog({ title, fields, submitLabel = 'Save', onSubmit }) {
  const error = errorBox();
  const inputs = {};
  const rows = fields.map((f) => {
    const id = `dlg-${f.name}-${Math.random().toString(36).slice(2, 7)}`;
    const input = h('input', { id, name: f.name, type: f.type || 'text', value: f.value ?? '',
      required: !!f.required, placeholder: f.placeholder || null, inputmode: f.inputmode || null });
    inputs[f.name] = input;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), input,
      f.hint ? h('small', { class: 'hint' }, f.hint) : null);
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' });
  const form = h('form', { method: 'dialog', onsubmit: async (event) => {
    event.preventDefault();
    error.clear();
    submit.disabled = true;
    const values = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    try {
      await onSubmit(values);
      dialog.close();
    } catch (e) {
      error.show(e);
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', { id: 'dlg-title' }, title), rows, error,
  h('div', { class: 'dialog-actions' },
    h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
  dialog.append(form);
  open(dialog);
  return dialog;
}

/** A yes/no question; onConfirm may throw, and the error is shown in the dialog. */
export function confirmDialog({ title, message, confirmLabel = 'OK', danger = false, onConfirm }) {
  const error = errorBox();
  const confirm = h('button', { type: 'button', class: danger ? 'danger' : 'primary' }, confirmLabel);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const dialog = h('dialog', { class: 'dialog', role: 'alertdialog', 'aria-labelledby': 'dlg-title' },
    h('h2', { id: 'dlg-title' }, title), h('p', { class: 'dialog-message' }, message), error,
    h('div', { class: 'dialog-actions' }, cancel, confirm));
  cancel.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    error.clear();
    confirm.disabled = true;
    try {
      await onConfirm();
      dialog.close();
    } catch (e) {
      error.show(e);
    } finally {
      confirm.disabled = false;
    }
  });
  open(dialog);
  cancel.focus();
  return dialog;
}
