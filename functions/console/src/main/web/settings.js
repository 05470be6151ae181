// Settings for owners, as forms: members and roles, saved replies, API tokens, and the shop's support settings
// (business hours, holidays, SLA targets, the escalation ladder). Each form sends what the admin API reads, and the
// API's own validation answers: its error is shown next to the field it names.
import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { PRIORITIES, ROLES, call, shopPath } from './api.js';

const html = htm.bind(h);
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TARGETS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'];

/** Which form's field an API error names: {field: 'support.escalation.level'} belongs to 'escalation'. */
function place(error) {
  const field = error?.body?.field ?? '';
  return ['email', 'name', 'title', 'body', 'businessHours', 'holidays', 'sla', 'escalation', 'requireSecondFactor', 'aroundTheClock', 'role']
    .find((name) => field === name || field.split('.').includes(name)) ?? 'form';
}

/** An error shown where it belongs (and announced), with the id the field's aria-describedby names; at="*" shows any. */
function FieldError({ error, at, id, t }) {
  if (!error || (at !== '*' && error.at !== at)) return null;
  return html`<p id=${id} role="alert" class="error field-error">${t('invalidField', { message: error.message })}</p>`;
}

/**
 * A form's submit: the call, then its answer, or its error kept for the form and field it names. True once the server
 * confirmed: a form clears what was typed only then, so a refused one keeps it beside the server's message.
 */
function useSubmit(t, reload, setMessage) {
  const [error, setError] = useState(null);
  const submit = (form, send, after) => async (e) => {
    e?.preventDefault?.();
    setError(null);
    setMessage('');
    try {
      const result = await send();
      after?.(result);
      setMessage(t('saved'));
      reload();
      return true;
    } catch (err) {
      setError({ form, at: place(err), message: err.message });
      return false;
    }
  };
  return [error, submit];
}

const errorFor = (error, form) => (error && error.form === form ? error : null);
const described = (error, form, at, id) => (errorFor(error, form)?.at === at ? id : undefined);

export function Settings({ ctx }) {
  const { shop, t, fmt, role } = ctx;
  const owner = role === 'owner';
  const [members, setMembers] = useState([]);
  const [tokens, setTokens] = useState([]);
  const [replies, setReplies] = useState([]);
  const [settings, setSettings] = useState(null);
  const [message, setMessage] = useState('');
  const [loadError, setLoadError] = useState(null);
  const [shown, setShown] = useState(null);
  const reload = useCallback(() => {
    const failed = (e) => setLoadError(e.message);
    call('GET', shopPath(shop, '/members')).then((r) => setMembers(r.items)).catch(failed);
    if (owner) {
      call('GET', shopPath(shop, '/tokens')).then((r) => setTokens(r.items)).catch(failed);
      call('GET', shopPath(shop, '/saved-replies')).then((r) => setReplies(r.items)).catch(failed);
      call('GET', shopPath(shop, '/settings')).then(setSettings).catch(failed);
    }
  }, [shop, owner]);
  useEffect(reload, [reload]);
  const [error, submit] = useSubmit(t, reload, setMessage);
  const api = (method, path, body) => () => call(method, shopPath(shop, path), body);
  const value = (form, name) => form.elements.namedItem(name).value;

  return html`<main id="main" class="settings">
    <h1>${t('settingsTitle')}</h1>
    ${!owner && html`<p>${t('ownersOnly')}</p>`}
    <p role="status" class="status">${message}</p>
    ${loadError && html`<p role="alert" class="error">${t('error', { message: loadError })}</p>`}

    <section aria-labelledby="members-title"><h2 id="members-title">${t('members')}</h2>
      <ul class="list" data-testid="members">${members.map((m) => html`<li key=${m.id}><span>${m.address}</span>
        ${owner ? html`<label>${t('role')} <select value=${m.role}
            onChange=${(e) => submit('members', api('PATCH', `/members/${encodeURIComponent(m.id)}`, { role: e.target.value }))()}>
            ${ROLES.map((r) => html`<option value=${r}>${t('role_' + r)}</option>`)}</select></label>
          <button type="button" class="secondary" onClick=${submit('members', api('DELETE', `/members/${encodeURIComponent(m.id)}`))}
            aria-label=${t('removeMember', { member: m.address })}>${t('remove')}</button>` : html`<span>${t('role_' + m.role)}</span>`}</li>`)}</ul>
      <${FieldError} error=${errorFor(error, 'members')} at="*" id="members-error" t=${t} />
      ${owner && html`<form id="add-member" noValidate onSubmit=${(e) => submit('invite',
          api('POST', '/members', { email: value(e.target, 'email'), role: value(e.target, 'role') }), () => e.target.reset())(e)}>
        <div class="field"><label for="member-email">${t('email')}</label>
          <input id="member-email" name="email" type="email" required aria-describedby=${described(error, 'invite', 'email', 'invite-email-error')} />
          <${FieldError} error=${errorFor(error, 'invite')} at="email" id="invite-email-error" t=${t} /></div>
        <div class="field"><label for="member-role">${t('role')}</label>
          <select id="member-role" name="role">${ROLES.map((r) => html`<option value=${r}>${t('role_' + r)}</option>`)}</select>
          <${FieldError} error=${errorFor(error, 'invite')} at="role" id="invite-role-error" t=${t} /></div>
        <button type="submit">${t('invite')}</button>
        <${FieldError} error=${errorFor(error, 'invite')} at="form" id="invite-error" t=${t} />
      </form>`}
    </section>

    ${owner && html`<section aria-labelledby="replies-title"><h2 id="replies-title">${t('savedReplies')}</h2>
      <p class="hint">${t('savedRepliesHint')}</p>
      <ul class="list" data-testid="saved-replies">${replies.map((r) => html`<li key=${r.id}>
        <${SavedReplyForm} reply=${r} t=${t} error=${errorFor(error, 'reply-' + r.id)}
          save=${(body) => submit('reply-' + r.id, api('PUT', `/saved-replies/${encodeURIComponent(r.id)}`, body))()}
          remove=${submit('reply-' + r.id, api('DELETE', `/saved-replies/${encodeURIComponent(r.id)}`))} /></li>`)}</ul>
      <${SavedReplyForm} t=${t} error=${errorFor(error, 'reply-new')} save=${(body) => submit('reply-new', api('POST', '/saved-replies', body))()} />
    </section>`}

    ${owner && html`<section aria-labelledby="tokens-title"><h2 id="tokens-title">${t('tokens')}</h2>
      <ul class="list" data-testid="tokens">${tokens.map((k) => html`<li key=${k.id}><span>${k.name} (${t('role_' + k.role)})</span>
        <span>${k.lastUsedAt ? t('lastUsed', { at: fmt(k.lastUsedAt) }) : t('never')}</span>
        <button type="button" class="secondary" onClick=${submit('tokens', api('DELETE', `/tokens/${encodeURIComponent(k.id)}`))}
          aria-label=${t('revokeToken', { token: k.name })}>${t('revoke')}</button></li>`)}</ul>
      <${FieldError} error=${errorFor(error, 'tokens')} at="*" id="tokens-error" t=${t} />
      ${shown && html`<p role="alert" data-testid="token-shown">${t('tokenShown')} <code>${shown}</code></p>`}
      <form noValidate onSubmit=${(e) => submit('token', api('POST', '/tokens', { name: value(e.target, 'name'), role: value(e.target, 'role') }),
          (r) => { setShown(r.token); e.target.reset(); })(e)}>
        <div class="field"><label for="token-name">${t('tokenName')}</label>
          <input id="token-name" name="name" required aria-describedby=${described(error, 'token', 'name', 'token-name-error')} />
          <${FieldError} error=${errorFor(error, 'token')} at="name" id="token-name-error" t=${t} /></div>
        <div class="field"><label for="token-role">${t('role')}</label>
          <select id="token-role" name="role">${ROLES.map((r) => html`<option value=${r}>${t('role_' + r)}</option>`)}</select></div>
        <button type="submit">${t('createToken')}</button>
        <${FieldError} error=${errorFor(error, 'token')} at="form" id="token-error" t=${t} />
      </form>
    </section>`}

    ${owner && settings && html`<${SupportForm} key=${JSON.stringify(settings)} settings=${settings} t=${t} error=${errorFor(error, 'support')}
      save=${(body) => submit('support', api('PUT', '/settings', body), setSettings)()} />`}
  </main>`;
}

/**
 * One saved reply to change (or a new one, without {@code reply}). Its fields start from the reply as saved and are the
 * browser's own after that ({@code defaultValue}, not {@code value}): a re-render, say to show the server's refusal,
 * never puts back what the member had replaced.
 */
function SavedReplyForm({ reply, t, error, save, remove }) {
  const key = reply ? reply.id : 'new';
  const onSubmit = async (e) => {
    e.preventDefault();
    const form = e.target;
    const saved = await save({ title: form.elements.namedItem('title').value, body: form.elements.namedItem('body').value });
    if (saved && !reply) form.reset();
  };
  return html`<form class="saved-reply" noValidate onSubmit=${onSubmit} aria-label=${reply ? reply.title : t('newSavedReply')}>
    <div class="field"><label for=${'reply-title-' + key}>${t('title')}</label>
      <input id=${'reply-title-' + key} name="title" required defaultValue=${reply?.title ?? ''} aria-describedby=${error?.at === 'title' ? `reply-title-error-${key}` : undefined} />
      <${FieldError} error=${error} at="title" id=${'reply-title-error-' + key} t=${t} /></div>
    <div class="field wide"><label for=${'reply-body-' + key}>${t('body')}</label>
      <textarea id=${'reply-body-' + key} name="body" rows="3" required defaultValue=${reply?.body ?? ''}
        aria-describedby=${error?.at === 'body' ? `reply-body-error-${key}` : undefined}></textarea>
      <${FieldError} error=${error} at="body" id=${'reply-body-error-' + key} t=${t} /></div>
    <button type="submit">${reply ? t('save') : t('add')}</button>
    ${reply && html`<button type="button" class="secondary" onClick=${remove}>${t('delete')}</button>`}
    <${FieldError} error=${error} at="form" id=${'reply-error-' + key} t=${t} />
  </form>`;
}

/** The shop's support settings as the API shows them, edited in the form's own state until saved. */
function SupportForm({ settings, t, error, save }) {
  const [support, setSupport] = useState(() => structuredClone(settings.support));
  const [secondFactor, setSecondFactor] = useState(settings.requireSecondFactor);
  const [holiday, setHoliday] = useState('');
  const patch = (changes) => setSupport({ ...support, ...changes });
  const hours = (day) => (support.businessHours[day] ?? []).join(', ');
  const setHours = (day, text) => patch({ businessHours: { ...support.businessHours, [day]: text.split(',').map((s) => s.trim()).filter(Boolean) } });
  const setTarget = (priority, name, v) => patch({ sla: { ...support.sla, [priority]: { ...support.sla[priority], [name]: v } } });
  const setStep = (i, changes) => patch({ escalation: support.escalation.map((s, j) => (j === i ? { ...s, ...changes } : s)) });
  const whole = (text) => (text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text)); // the API names a bad number
  const onSubmit = (e) => {
    e.preventDefault();
    const { aroundTheClock, businessHours, holidays, sla, escalation } = support;
    save({ support: { aroundTheClock, businessHours, holidays, sla, escalation }, requireSecondFactor: secondFactor });
  };
  const err = (at) => html`<${FieldError} error=${error} at=${at} id=${'support-' + at + '-error'} t=${t} />`;
  const by = (at) => (error?.at === at ? 'support-' + at + '-error' : undefined);
  return html`<section aria-labelledby="support-title"><h2 id="support-title">${t('shopSettings')}</h2>
    <form class="support" noValidate onSubmit=${onSubmit} data-testid="support-form">
      <fieldset><legend>${t('access')}</legend>
        <label><input type="checkbox" checked=${secondFactor} onChange=${(e) => setSecondFactor(e.target.checked)}
          aria-describedby=${by('requireSecondFactor')} /> ${t('requireSecondFactor')}</label>
        ${err('requireSecondFactor')}
      </fieldset>
      <fieldset aria-describedby=${by('businessHours')}><legend>${t('businessHours')}</legend>
        <p class="hint">${t('businessHoursHint')}</p>
        <label><input type="checkbox" checked=${support.aroundTheClock} onChange=${(e) => patch({ aroundTheClock: e.target.checked })} /> ${t('aroundTheClock')}</label>
        <div class="days">${DAYS.map((day) => html`<div class="field" key=${day}><label for=${'hours-' + day}>${t('day_' + day)}</label>
          <input id=${'hours-' + day} value=${hours(day)} placeholder="09:00-17:00" onChange=${(e) => setHours(day, e.target.value)} /></div>`)}</div>
        ${err('businessHours')}${err('aroundTheClock')}
      </fieldset>
      <fieldset aria-describedby=${by('holidays')}><legend>${t('holidays')}</legend>
        <ul class="list" data-testid="holidays">${support.holidays.map((d) => html`<li key=${d}><time datetime=${d}>${d}</time>
          <button type="button" class="secondary" aria-label=${t('removeHoliday', { day: d })}
            onClick=${() => patch({ holidays: support.holidays.filter((x) => x !== d) })}>${t('remove')}</button></li>`)}</ul>
        <div class="field"><label for="holiday-new">${t('addHoliday')}</label>
          <input id="holiday-new" type="date" value=${holiday} onInput=${(e) => setHoliday(e.target.value)} /></div>
        <button type="button" onClick=${() => { if (holiday && !support.holidays.includes(holiday)) patch({ holidays: [...support.holidays, holiday].sort() }); setHoliday(''); }}>${t('add')}</button>
        ${err('holidays')}
      </fieldset>
      <fieldset aria-describedby=${by('sla')}><legend>${t('slaTargets')}</legend>
        <table class="grid"><thead><tr><th scope="col">${t('priority')}</th>
          ${TARGETS.map((name) => html`<th scope="col">${t('sla_' + name)}</th>`)}<th scope="col">${t('aroundTheClock')}</th></tr></thead>
          <tbody>${PRIORITIES.filter((p) => support.sla[p]).map((p) => html`<tr key=${p}><th scope="row">${t('priority_' + p)}</th>
            ${TARGETS.map((name) => html`<td><input type="number" min="1" step="1" value=${support.sla[p][name]}
              aria-label=${t('slaField', { priority: t('priority_' + p), target: t('sla_' + name) })}
              onChange=${(e) => setTarget(p, name, whole(e.target.value))} /></td>`)}
            <td><input type="checkbox" checked=${support.sla[p].aroundTheClock} aria-label=${t('slaField', { priority: t('priority_' + p), target: t('aroundTheClock') })}
              onChange=${(e) => setTarget(p, 'aroundTheClock', e.target.checked)} /></td></tr>`)}</tbody></table>
        ${err('sla')}
      </fieldset>
      <fieldset aria-describedby=${by('escalation')}><legend>${t('escalation')}</legend>
        <p class="hint">${t('escalationHint')}</p>
        <ol class="ladder" data-testid="ladder">${support.escalation.map((step, i) => html`<li key=${i}>
          <div class="field"><label for=${'step-level-' + i}>${t('level')}</label>
            <input id=${'step-level-' + i} type="number" min="1" step="1" value=${step.level} onChange=${(e) => setStep(i, { level: whole(e.target.value) })} /></div>
          <div class="field"><label for=${'step-after-' + i}>${t('afterMinutes')}</label>
            <input id=${'step-after-' + i} type="number" min="1" step="1" value=${step.afterMinutes} onChange=${(e) => setStep(i, { afterMinutes: whole(e.target.value) })} /></div>
          <div class="field wide"><label for=${'step-contacts-' + i}>${t('contacts')}</label>
            <input id=${'step-contacts-' + i} value=${step.contacts.join(', ')}
              onChange=${(e) => setStep(i, { contacts: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} /></div>
          <fieldset class="roles"><legend>${t('roles')}</legend>${ROLES.map((r) => html`<label key=${r}>
            <input type="checkbox" checked=${(step.roles ?? []).includes(r)}
              onChange=${(e) => setStep(i, { roles: e.target.checked ? [...(step.roles ?? []), r] : (step.roles ?? []).filter((x) => x !== r) })} /> ${t('role_' + r)}</label>`)}</fieldset>
          <button type="button" class="secondary" aria-label=${t('removeLevel', { level: step.level })}
            onClick=${() => patch({ escalation: support.escalation.filter((_, j) => j !== i) })}>${t('remove')}</button></li>`)}</ol>
        <button type="button" onClick=${() => patch({ escalation: [...support.escalation, {
          level: Math.max(0, ...support.escalation.map((s) => Number(s.level) || 0)) + 1,
          afterMinutes: Math.max(0, ...support.escalation.map((s) => Number(s.afterMinutes) || 0)) + 60, contacts: [], roles: [] }] })}>${t('addLevel')}</button>
        ${err('escalation')}
      </fieldset>
      <button type="submit">${t('save')}</button>
      ${err('form')}
    </form>
  </section>`;
}
