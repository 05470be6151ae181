// The agents' console: sign-in, the queue, a ticket with its customer and order, search, settings. Everything the
// API returns is rendered as text through Preact (never innerHTML), so a customer's words cannot become markup.
import { h, render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { LANGUAGES, translator } from './strings.js';
import { ApiError, PRIORITIES, call, consolePath, optional, setCsrf, shopPath } from './api.js';
import { Settings } from './settings.js';
import { Metrics } from './metrics.js';

const html = htm.bind(h);
const VIEWS = ['all', 'mine', 'unassigned', 'breaching', 'breached', 'pending'];
const STATUSES = ['open', 'pending', 'resolved', 'closed'];
const PAGE = 25;
const AT_RISK_MS = 60 * 60 * 1000;
const HEARTBEAT_MS = 10 * 1000;
/** The roles whose members get the shop's weekly summary email, and so may turn it off. */
const SUMMARY_ROLES = ['owner', 'manager'];
const store = {
  get: (key) => { try { return localStorage.getItem('aftercare.' + key); } catch { return null; } },
  set: (key, value) => { try { value == null ? localStorage.removeItem('aftercare.' + key) : localStorage.setItem('aftercare.' + key, value); } catch { /* private mode */ } },
};

// ---- routing: every page of the console, once. A page is its name, what its path matches (the route's values, or
// null), its nav entry if it has one (the path and the label's key, in nav order), the roles that see it in the nav
// (all when absent), and what renders it. A new page is one entry here; the last one catches every other path.
const PAGES = [
  { name: 'ticket', match: (path) => { const m = path.match(/^\/tickets\/([^/]+)$/); return m && { id: decodeURIComponent(m[1]) }; },
    render: (ctx, route, shell) => html`<${Ticket} key=${route.id} ctx=${ctx} id=${route.id} composerRef=${shell.composerRef} />` },
  { name: 'search', nav: ['/search', 'navSearch'], match: (path, query) => path === '/search' && { q: query.get('q') ?? '' },
    render: (ctx, route, shell) => html`<${Search} ctx=${ctx} q=${route.q} searchRef=${shell.searchRef} />` },
  { name: 'settings', nav: ['/settings', 'navSettings'], roles: ['owner'], match: (path) => path === '/settings' && {},
    render: (ctx) => html`<${Settings} ctx=${ctx} />` },
  { name: 'metrics', nav: ['/metrics', 'navMetrics'], roles: ['owner', 'manager'], match: (path) => path === '/metrics' && {},
    render: (ctx) => html`<${Metrics} ctx=${ctx} />` },
  { name: 'queue', nav: ['', 'navQueue'], match: (path, query) => ({ view: query.get('view') ?? 'all' }),
    render: (ctx, route, shell) => html`<${Queue} ctx=${ctx} view=${route.view} selected=${shell.selected} setSelected=${shell.setSelected} rowsRef=${shell.rowsRef} />` },
];
const NAV = ['queue', 'search', 'settings', 'metrics'];
function parseRoute() {
  const path = location.pathname.replace(/^.*?\/console/, '').replace(/\/$/, '');
  const query = new URLSearchParams(location.search);
  for (const page of PAGES) {
    const values = page.match(path, query);
    if (values) return { name: page.name, ...values };
  }
}
/** The queue's page as the API is asked for it. */
const queuePath = (shop, view, token) => {
  const query = new URLSearchParams({ view, limit: String(PAGE) });
  if (token) query.set('pageToken', token);
  return shopPath(shop, `/tickets?${query}`);
};
// A device that signed in before knows its shop: the first queue page is asked for together with the session, not
// after it (a failed or unneeded early answer is simply asked again).
let earlyQueue = (() => {
  const shop = store.get('shop');
  const route = parseRoute();
  if (!shop || route.name !== 'queue') return null;
  const path = queuePath(shop, route.view, null);
  return { path, answer: call('GET', path).catch(() => null) };
})();
async function readQueue(path) {
  const early = earlyQueue?.path === path ? earlyQueue.answer : null;
  earlyQueue = null;
  return (early && (await early)) ?? call('GET', path);
}
function go(path) {
  history.pushState(null, '', consolePath(path));
  dispatchEvent(new Event('popstate'));
}

// ---- time
function useNow(everyMs) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const id = setInterval(() => setNow(Date.now()), everyMs); return () => clearInterval(id); }, [everyMs]);
  return now;
}
function duration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) {
    const seconds = Math.floor(Math.abs(ms) / 1000) % 60;
    return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
/** The zones to choose from, the current one among them (the browser's own may be an alias such as UTC). */
function zones(current) {
  const all = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}
function formatter(language, zone) {
  const f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || undefined });
  return (iso) => (iso ? f.format(new Date(iso)) : '');
}

/** on track / at risk (under an hour left) / breached, counted down live from the next breach the API computed in business time. */
function SlaChip({ ticket, now, t }) {
  if (!ticket.nextBreachAt) {
    return html`<span class="chip chip-none">${ticket.figures?.breached ? t('slaBreached', { ago: '' }).trim() : t('slaNone')}</span>`;
  }
  const left = Date.parse(ticket.nextBreachAt) - now;
  const state = left < 0 ? 'breached' : left < AT_RISK_MS ? 'risk' : 'ok';
  const text = state === 'breached' ? t('slaBreached', { ago: duration(left) })
    : t(state === 'risk' ? 'slaAtRisk' : 'slaOnTrack', { left: duration(left) });
  return html`<span class=${'chip chip-' + state} data-sla=${state}>${text}</span>`;
}

// ---- presence: a heartbeat while a ticket is open, and the shop's live presence polled
function usePresence(shop, ticketId, activity) {
  const [presence, setPresence] = useState([]);
  const activityRef = useRef(activity);
  activityRef.current = activity;
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        if (ticketId) {
          await optional('PUT', shopPath(shop, `/tickets/${encodeURIComponent(ticketId)}/presence`), { activity: activityRef.current });
        }
        const live = await optional('GET', shopPath(shop, '/presence'));
        if (!stopped) setPresence(live?.items ?? []);
      } catch { /* presence is a hint: a failed beat is tried again */ }
    };
    beat();
    const id = setInterval(beat, HEARTBEAT_MS);
    return () => { stopped = true; clearInterval(id); };
  }, [shop, ticketId]);
  useEffect(() => {
    if (ticketId && activity === 'replying') {
      optional('PUT', shopPath(shop, `/tickets/${encodeURIComponent(ticketId)}/presence`), { activity }).catch(() => {});
    }
  }, [activity]);
  return presence;
}
function PresenceList({ presence, ticketId, t }) {
  const others = presence.filter((p) => p.ticketId === ticketId && !p.mine);
  if (!others.length) return null;
  return html`<ul class="presence" aria-live="polite" data-testid="presence">
    ${others.map((p) => html`<li key=${p.who} class=${'presence-' + p.activity}>${t(p.activity === 'replying' ? 'replying' : 'viewing', { name: p.who })}</li>`)}
  </ul>`;
}

// ---- sign-in
function SignIn({ t }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await call('POST', '/auth/link', { email });
      setSent(true);
    } catch (err) {
      setError(err.message);
    }
  };
  return html`<main id="main" class="narrow">
    <h1>${t('signInTitle')}</h1>
    <p>${t('signInIntro')}</p>
    <form onSubmit=${submit}>
      <label for="email">${t('email')}</label>
      <input id="email" name="email" type="email" autocomplete="email" required value=${email} onInput=${(e) => setEmail(e.target.value)} />
      <button type="submit">${t('sendLink')}</button>
    </form>
    <p role="status" class="status">${sent ? t('linkSent') : ''}</p>
    ${error && html`<p role="alert" class="error">${t('error', { message: error })}</p>`}
  </main>`;
}

// ---- the queue
function Queue({ ctx, view, selected, setSelected, rowsRef }) {
  const { shop, t, fmt } = ctx;
  const now = useNow(1000);
  const [pages, setPages] = useState([null]);
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  const presence = usePresence(shop, null, 'viewing');
  const token = pages[pages.length - 1];
  useEffect(() => { setPages([null]); }, [view, shop]);
  useEffect(() => {
    let stale = false;
    readQueue(queuePath(shop, view, token)).then((p) => { if (!stale) { setPage(p); setError(null); } })
      .catch((e) => !stale && setError(e.message));
    return () => { stale = true; };
  }, [shop, view, token]);
  const rows = useMemo(() => [...(page?.items ?? [])].sort((a, b) =>
    (a.nextBreachAt ? Date.parse(a.nextBreachAt) : Infinity) - (b.nextBreachAt ? Date.parse(b.nextBreachAt) : Infinity)), [page]);
  rowsRef.current = rows;
  useEffect(() => {
    if (page && !performance.getEntriesByName('queue-rendered').length) {
      performance.mark('queue-rendered'); // time to the first queue render, read by the browser test
    }
  }, [page]);
  return html`<main id="main">
    <h1>${t('queueTitle')}</h1>
    <nav aria-label=${t('views')} class="views">
      ${VIEWS.map((v) => html`<a key=${v} href=${consolePath(v === 'all' ? '' : `?view=${v}`)} aria-current=${v === view ? 'page' : undefined}
        onClick=${(e) => { e.preventDefault(); go(v === 'all' ? '' : `?view=${v}`); }}>${t('view_' + v)}</a>`)}
    </nav>
    ${error && html`<p role="alert" class="error">${t('error', { message: error })}</p>`}
    ${page && (rows.length === 0 ? html`<p>${t('empty')}</p>` : html`<table class="queue" data-testid="queue">
      <thead><tr>
        <th scope="col">${t('colNumber')}</th><th scope="col">${t('colSubject')}</th><th scope="col">${t('colCustomer')}</th>
        <th scope="col">${t('colSla')}</th><th scope="col">${t('colPriority')}</th><th scope="col">${t('colLevel')}</th>
        <th scope="col">${t('colAssignee')}</th><th scope="col">${t('colLast')}</th>
      </tr></thead>
      <tbody>${rows.map((ticket, i) => html`<tr key=${ticket.id} class=${i === selected ? 'selected' : ''} data-ticket=${ticket.id}
          onClick=${() => setSelected(i)}>
        <td data-label=${t('colNumber')}>${ticket.number}</td>
        <td data-label=${t('colSubject')}><a href=${consolePath('/tickets/' + encodeURIComponent(ticket.id))}
          onClick=${(e) => { e.preventDefault(); go('/tickets/' + encodeURIComponent(ticket.id)); }}>${ticket.subject}</a>
          <${PresenceList} presence=${presence} ticketId=${ticket.id} t=${t} /></td>
        <td data-label=${t('colCustomer')}>${ticket.customerName ?? ticket.customer?.name ?? ticket.customer?.email}</td>
        <td data-label=${t('colSla')}><${SlaChip} ticket=${ticket} now=${now} t=${t} /></td>
        <td data-label=${t('colPriority')}>${t('priority_' + ticket.priority)}</td>
        <td data-label=${t('colLevel')}>${ticket.figures?.escalationLevel ?? 0}</td>
        <td data-label=${t('colAssignee')}>${ticket.assignee ?? t('unassigned')}</td>
        <td data-label=${t('colLast')}>${ticket.lastMessage ? html`<span>${ticket.lastMessage.excerpt}</span>
          <small> ${ticket.lastMessage.by} · ${fmt(ticket.lastMessage.at)}</small>` : ''}</td>
      </tr>`)}</tbody>
    </table>`)}
    <div class="pager">
      ${pages.length > 1 && html`<button type="button" onClick=${() => setPages([null])}>${t('first')}</button>`}
      ${page?.nextPageToken && html`<button type="button" onClick=${() => setPages([...pages, page.nextPageToken])}>${t('next')}</button>`}
    </div>
  </main>`;
}

// ---- a ticket, its conversation, and the customer beside it
const CONVERSATION = { ticket_opened: 'customer', customer_wrote: 'customer', agent_replied: 'reply', internal_note: 'note' };
const chronological = (items) => [...(items ?? [])].sort((a, b) => a.at.localeCompare(b.at));
const fill = (body, ticket) => body.replaceAll('{{name}}', ticket.customer?.name ?? '').replaceAll('{{order}}', ticket.orderId ?? '');
function draftKey(shop, id, kind) {
  return `draft.${shop}.${id}.${kind}`;
}

function Ticket({ ctx, id, composerRef }) {
  const { shop, t, fmt, language } = ctx;
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [conflict, setConflict] = useState(null);
  const [reply, setReply] = useState(store.get(draftKey(shop, id, 'reply')) ?? '');
  const [note, setNote] = useState(store.get(draftKey(shop, id, 'note')) ?? '');
  const [saved, setSaved] = useState(null);
  const [members, setMembers] = useState([]);
  const [mentions, setMentions] = useState(() => { try { return JSON.parse(store.get(draftKey(shop, id, 'mentions')) ?? '[]'); } catch { return []; } });
  const [mentionQuery, setMentionQuery] = useState(null);
  const [customer, setCustomer] = useState(null);
  const [order, setOrder] = useState(null);
  const replyRef = useRef(null);
  const noteRef = useRef(null);
  const now = useNow(1000);
  const presence = usePresence(shop, id, reply.trim() ? 'replying' : 'viewing');

  const load = useCallback(async () => {
    const body = await call('GET', shopPath(shop, `/tickets/${encodeURIComponent(id)}?lang=${language}`));
    setData(body);
    return body;
  }, [shop, id, language]);
  useEffect(() => {
    load().then((body) => {
      const ticket = body.ticket;
      optional('GET', shopPath(shop, `/customers/${encodeURIComponent(ticket.customer.email)}`)).then(setCustomer).catch(() => {});
      if (ticket.orderId) optional('GET', shopPath(shop, `/orders/${encodeURIComponent(ticket.orderId)}`)).then(setOrder).catch(() => {});
    }).catch((e) => setError(e.message));
    optional('GET', shopPath(shop, '/saved-replies')).then((r) => setSaved(r?.items ?? null)).catch(() => {});
    optional('GET', shopPath(shop, '/members')).then((r) => setMembers(r?.items ?? [])).catch(() => {});
  }, [load]);
  useEffect(() => { store.set(draftKey(shop, id, 'mentions'), mentions.length ? JSON.stringify(mentions) : null); }, [mentions]);
  useEffect(() => { store.set(draftKey(shop, id, 'reply'), reply || null); }, [reply]);
  useEffect(() => { store.set(draftKey(shop, id, 'note'), note || null); }, [note]);

  const ticket = data?.ticket;
  const change = async (changes) => {
    try {
      const updated = await call('PATCH', shopPath(shop, `/tickets/${encodeURIComponent(id)}`), { version: ticket.version, ...changes });
      setData({ ...data, ticket: updated });
      setNotice(t('saved'));
    } catch (e) {
      if (e.status === 409) { await load(); setNotice(t('changedMeanwhile')); } else setError(e.message);
    }
  };
  const send = async (kind) => {
    const text = kind === 'reply' ? reply : note;
    if (!text.trim()) return;
    try {
      // a chosen member is mentioned while their @name is still in the note
      const mentioned = mentions.filter((m) => text.includes('@' + m.label)).map((m) => m.id);
      await call('POST', shopPath(shop, `/tickets/${encodeURIComponent(id)}/${kind === 'reply' ? 'replies' : 'notes'}`),
        kind === 'reply' ? { version: ticket.version, message: text } : { version: ticket.version, note: text, mentions: mentioned });
      if (kind === 'reply') setReply(''); else { setNote(''); setMentions([]); }
      setConflict(null);
      setNotice(t(kind === 'reply' ? 'sent' : 'noted'));
      await load();
    } catch (e) {
      if (e.status !== 409) { setError(e.message); return; }
      // someone else wrote first: show what they said, keep the draft, and let a second send answer the new version
      const fresh = await load();
      const last = e.body?.lastReply ?? (() => {
        const entry = chronological(fresh.ticketTimeline?.items).filter((x) => x.kind === 'agent_replied').pop();
        return entry && { by: entry.params?.agent ?? '', at: entry.at, excerpt: entry.params?.excerpt ?? entry.summary };
      })();
      setConflict(last ?? { by: '', excerpt: '' });
    }
  };
  composerRef.current = {
    reply: () => replyRef.current?.focus(),
    note: () => noteRef.current?.focus(),
    assign: () => change({ assignee: 'me' }),
    resolve: () => change({ status: 'resolved' }),
  };

  if (error && !data) return html`<main id="main"><p role="alert" class="error">${t('error', { message: error })}</p></main>`;
  if (!ticket) return html`<main id="main"><p>${t('loading')}</p></main>`;
  const conversation = chronological(data.ticketTimeline?.items);
  // every email to the customer, sent or skipped and why: on their timeline, and on the order's
  const emails = chronological([...new Map([...(data.customerTimeline?.items ?? []), ...(data.orderTimeline?.items ?? [])]
    .filter((e) => e.kind.startsWith('email_')).map((e) => [e.id, e])).values()]);
  return html`<main id="main" class="ticket-layout">
    <section class="ticket" aria-labelledby="ticket-title">
      <p><a href=${consolePath()} onClick=${(e) => { e.preventDefault(); go(''); }}>${t('back')}</a></p>
      <h1 id="ticket-title">${t('ticketTitle', { number: ticket.number })}: ${ticket.subject}</h1>
      <${PresenceList} presence=${presence} ticketId=${id} t=${t} />
      <div class="controls">
        <${SlaChip} ticket=${ticket} now=${now} t=${t} />
        <label>${t('status')} <select value=${ticket.status} onChange=${(e) => change({ status: e.target.value })}>
          ${STATUSES.map((s) => html`<option value=${s}>${t('status_' + s)}</option>`)}</select></label>
        <label>${t('priority')} <select value=${ticket.priority} onChange=${(e) => change({ priority: e.target.value })}>
          ${PRIORITIES.map((p) => html`<option value=${p}>${t('priority_' + p)}</option>`)}</select></label>
        <button type="button" onClick=${() => change({ assignee: 'me' })}>${t('assignMe')}</button>
        <button type="button" onClick=${() => change({ status: 'resolved' })}>${t('resolve')}</button>
        <span>${t('colAssignee')}: ${ticket.assignee ?? t('unassigned')}</span>
      </div>
      <p role="status" class="status">${notice}</p>
      ${error && html`<p role="alert" class="error">${t('error', { message: error })}</p>`}
      <h2>${t('conversation')}</h2>
      <ol class="conversation" data-testid="conversation">
        ${conversation.map((entry) => {
          const kind = CONVERSATION[entry.kind] ?? 'event';
          return html`<li key=${entry.id} class=${'entry entry-' + kind} data-kind=${kind}>
            <span class="entry-kind">${t(kind === 'customer' ? 'fromCustomer' : kind)}</span>
            <time datetime=${entry.at}>${fmt(entry.at)}</time>
            <p>${entry.summary}</p>
          </li>`;
        })}
      </ol>
      <${Attachments} shop=${shop} ticketId=${id} attachments=${data.attachments} t=${t} />
      ${conflict && html`<div role="alert" class="conflict" data-testid="conflict">
        <p><strong>${t('repliedMeanwhile', { name: conflict.by })}</strong></p>
        <p>${t('theirReply')}</p><blockquote>${conflict.excerpt}</blockquote>
        <p>${t('draftKept')}</p>
      </div>`}
      <form class="composer" onSubmit=${(e) => { e.preventDefault(); send('reply'); }}>
        <label for="reply">${t('replyLabel')}</label>
        ${saved && saved.length > 0 && html`<label>${t('savedReplies')} <select onChange=${(e) => {
          const chosen = saved.find((s) => s.id === e.target.value);
          if (chosen) setReply((reply ? reply + '\n' : '') + fill(chosen.body, ticket));
          e.target.value = '';
        }}><option value="">—</option>${saved.map((s) => html`<option value=${s.id}>${s.title}</option>`)}</select></label>`}
        <textarea id="reply" ref=${replyRef} rows="5" value=${reply} onInput=${(e) => setReply(e.target.value)}></textarea>
        <button type="submit">${t('send')}</button>
      </form>
      <form class="composer" onSubmit=${(e) => { e.preventDefault(); send('note'); }}>
        <label for="note">${t('noteLabel')}</label>
        <p id="note-hint" class="hint">${t('mentionHint')}</p>
        <textarea id="note" ref=${noteRef} rows="3" value=${note} aria-describedby="note-hint"
          onInput=${(e) => { setNote(e.target.value); setMentionQuery(mentionAt(e.target)); }}
          onKeyDown=${(e) => {
            if (e.key === 'Escape') setMentionQuery(null);
            if (e.key === 'ArrowDown' && mentionQuery !== null) { e.preventDefault(); document.querySelector('.mentions button')?.focus(); }
          }}></textarea>
        ${mentionQuery !== null && html`<${MentionPicker} members=${members} query=${mentionQuery} t=${t} close=${() => { setMentionQuery(null); noteRef.current?.focus(); }}
          choose=${(member) => {
            const el = noteRef.current;
            const caret = el.selectionStart;
            setNote(note.slice(0, caret).replace(/@[^\s@]*$/, '@' + member.email + ' ') + note.slice(caret));
            if (!mentions.some((m) => m.id === member.id)) setMentions([...mentions, { id: member.id, label: member.email }]);
            setMentionQuery(null);
            el.focus();
          }} />`}
        <button type="submit">${t('addNote')}</button>
      </form>
    </section>
    <aside class="customer" aria-labelledby="customer-title">
      <h2 id="customer-title">${t('customer')}</h2>
      <p>${ticket.customer?.name}<br /><span>${ticket.customer?.email}</span></p>
      ${customer && html`<p>${t('orderCount', { count: customer.orderCount ?? 0 })}</p>
        <p>${t('lifetime')}: ${(customer.lifetimeSpend ?? customer.totalSpent ?? []).map((m) => `${m.amount} ${m.currency}`).join(', ')}</p>`}
      ${order && html`<section aria-labelledby="order-title" data-testid="order">
        <h3 id="order-title">${t('orderTimeline', { order: order.name ?? order.id })}</h3>
        <${OrderSummary} order=${order} t=${t} fmt=${fmt} />
        <ol class="timeline" data-testid="order-timeline">${chronological(data.orderTimeline?.items).map((e) => html`<li key=${e.id}>
          <time datetime=${e.at}>${fmt(e.at)}</time> ${e.summary}</li>`)}</ol>
      </section>`}
      ${customer?.orders?.length > 0 && html`<h3>${t('orders')}</h3><ul class="orders" data-testid="customer-orders">${customer.orders.map((o) => html`<li key=${o.id}>
        <${OrderSummary} order=${o} t=${t} fmt=${fmt} /></li>`)}</ul>`}
      <${SurveyAnswers} surveys=${customer?.surveys} tickets=${customer?.tickets} t=${t} fmt=${fmt} />
      <h3>${t('emails')}</h3>
      <ol class="timeline" data-testid="emails">${emails.map((e) => html`<li key=${e.id} data-kind=${e.kind}>
        <time datetime=${e.at}>${fmt(e.at)}</time> ${e.summary}</li>`)}</ol>
      ${customer?.tickets?.length > 0 && html`<h3>${t('otherTickets')}</h3><ul>${customer.tickets.filter((x) => x.id !== id).map((x) => html`<li key=${x.id}>
        <a href=${consolePath('/tickets/' + encodeURIComponent(x.id))} onClick=${(e) => { e.preventDefault(); go('/tickets/' + encodeURIComponent(x.id)); }}>${x.number} ${x.subject}</a></li>`)}</ul>`}
    </aside>
  </main>`;
}

/** An order as the customer panel lists it: number, status, total, what was refunded, and each return with where it stands. */
// Files customers sent: each opens through a link the API signs for a few minutes, asked for at the click.
function Attachments({ shop, ticketId, attachments, t }) {
  const [failed, setFailed] = useState(null);
  if (!attachments || attachments.length === 0) return null;
  const open = async (n) => {
    try {
      const link = await call('GET', shopPath(shop, `/tickets/${encodeURIComponent(ticketId)}/attachments/${n}`));
      window.open(link.url, '_blank', 'noopener');
    } catch (e) { setFailed(e.message); }
  };
  return html`<section aria-labelledby="attachments-title" data-testid="attachments">
    <h3 id="attachments-title">${t('attachments')}</h3>
    <ul>${attachments.map((a) => html`<li key=${a.n}>${a.kept
      ? html`<button type="button" onClick=${() => open(a.n)}>${a.fileName}</button>`
      : html`<span>${a.fileName}</span> <em>${t('attachmentNotKept')}</em>`} <span>(${Math.ceil(a.size / 1024)} KB)</span></li>`)}</ul>
    ${failed && html`<p role="alert" class="error">${t('error', { message: failed })}</p>`}
  </section>`;
}

function OrderSummary({ order, t, fmt }) {
  const money = (m) => (m ? `${m.amount} ${m.currency}` : '');
  return html`<p><strong>${order.name ?? order.id}</strong> · ${t('orderStatus_' + order.status)} · ${t('total')} ${money(order.total)}
      ${order.refunded && Number(order.refunded.amount) > 0 ? html` · ${t('refunded')} ${money(order.refunded)}` : ''}</p>
    ${order.returns?.length > 0 && html`<ul class="returns">${order.returns.map((r) => html`<li key=${r.id}>
      ${t('returnLine', { id: r.id, state: t('returnState_' + r.state) })} <time datetime=${r.at}>${fmt(r.at)}</time></li>`)}</ul>`}`;
}

/** The customer's answered surveys as the API lists them (the latest sent first): kind and scale, score, comment, when, what about. */
function SurveyAnswers({ surveys, tickets, t, fmt }) {
  const answered = (surveys ?? []).filter((s) => s.score != null);
  if (!answered.length) return null;
  const number = (id) => tickets?.find((x) => x.id === id)?.number ?? id;
  const about = (s) => (s.order ? ` · ${t('surveyAboutOrder', { order: s.order })}`
    : s.ticket ? ` · ${t('surveyAboutTicket', { ticket: number(s.ticket) })}` : '');
  return html`<h3>${t('surveys')}</h3><ul class="surveys" data-testid="surveys">${answered.map((s, i) => html`<li key=${i} data-survey=${s.kind}>
    <strong>${t('survey_' + s.kind)}</strong>: ${t('surveyScore', { score: s.score })}${about(s)} · <time datetime=${s.at}>${fmt(s.at)}</time>
    ${s.comment && html`<blockquote>${s.comment}</blockquote>`}</li>`)}</ul>`;
}

// ---- mentions: "@" in a note offers the shop's members by their whole address (the API shows a member's colleagues
// theirs), sent by their ids; the note's own text names them masked, as the timeline does
/** What follows an "@" that starts a word just before the caret, or null when the caret is not in a mention. */
function mentionAt(textarea) {
  const m = textarea.value.slice(0, textarea.selectionStart).match(/(?:^|\s)@([^\s@]*)$/);
  return m ? m[1].toLowerCase() : null;
}
function MentionPicker({ members, query, choose, close, t }) {
  const offered = members.filter((m) => !query || m.address.toLowerCase().includes(query)).slice(0, 8);
  if (!offered.length) return null;
  const move = (e) => {
    const buttons = [...e.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };
  return html`<ul class="mentions" aria-label=${t('mentionMembers')} data-testid="mentions" onKeyDown=${move}>
    ${offered.map((m) => html`<li key=${m.id}><button type="button" class="secondary" onClick=${() => choose(m)}>
      @${m.address} <small>${t('role_' + m.role)}</small></button></li>`)}
  </ul>`;
}

// ---- search
function Search({ ctx, q, searchRef }) {
  const { shop, t } = ctx;
  const [text, setText] = useState(q);
  const [result, setResult] = useState(undefined);
  useEffect(() => {
    if (!q) return;
    optional('GET', shopPath(shop, `/search?q=${encodeURIComponent(q)}`)).then(setResult).catch(() => setResult(null));
  }, [shop, q]);
  const open = (path) => (e) => { e.preventDefault(); go(path); };
  const total = result ? (result.customers?.length ?? 0) + (result.orders?.length ?? 0) + (result.tickets?.length ?? 0) : 0;
  return html`<main id="main">
    <h1>${t('searchTitle')}</h1>
    <form role="search" onSubmit=${(e) => { e.preventDefault(); go('/search?q=' + encodeURIComponent(text)); }}>
      <label for="search">${t('searchLabel')}</label>
      <input id="search" ref=${searchRef} type="search" value=${text} onInput=${(e) => setText(e.target.value)} />
      <button type="submit">${t('searchGo')}</button>
    </form>
    ${result === null && html`<p>${t('unavailable')}</p>`}
    ${result && total === 0 && html`<p>${t('noResults')}</p>`}
    ${result?.tickets?.length > 0 && html`<h2>${t('tickets')}</h2><ul>${result.tickets.map((x) => html`<li key=${x.id}>
      <a href=${consolePath('/tickets/' + encodeURIComponent(x.id))} onClick=${open('/tickets/' + encodeURIComponent(x.id))}>${x.number} ${x.subject}</a></li>`)}</ul>`}
    ${result?.customers?.length > 0 && html`<h2>${t('customers')}</h2><ul>${result.customers.map((c) => html`<li key=${c.email}>${c.name} ${c.email}</li>`)}</ul>`}
    ${result?.orders?.length > 0 && html`<h2>${t('orders')}</h2><ul>${result.orders.map((o) => html`<li key=${o.id}>${o.number ?? o.name ?? o.id} ${o.status}</li>`)}</ul>`}
  </main>`;
}

// ---- keyboard: j/k, Enter, r, n, a, e, /, ?
function Help({ t, close }) {
  const ref = useRef(null);
  useEffect(() => { ref.current?.focus(); }, []);
  const keys = [['j / k', 'key_jk'], ['Enter', 'key_enter'], ['r', 'key_r'], ['n', 'key_n'], ['a', 'key_a'], ['e', 'key_e'], ['/', 'key_slash'], ['?', 'key_help']];
  return html`<div class="overlay"><div role="dialog" aria-modal="true" aria-labelledby="help-title" class="dialog" data-testid="help">
    <h2 id="help-title">${t('keysTitle')}</h2>
    <dl>${keys.map(([k, d]) => html`<div key=${k}><dt><kbd>${k}</kbd></dt><dd>${t(d)}</dd></div>`)}</dl>
    <button type="button" ref=${ref} onClick=${close}>${t('close')}</button>
  </div></div>`;
}

// ---- the shell
function App() {
  const [session, setSession] = useState(undefined);
  const [route, setRoute] = useState(parseRoute());
  const [shop, setShop] = useState(null);
  const [language, setLanguage] = useState(store.get('language') ?? 'en');
  const [zone, setZone] = useState(store.get('zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [weeklySummary, setWeeklySummary] = useState(true);
  const [weeklySummaryError, setWeeklySummaryError] = useState(null);
  // what the API last kept, the newest click's number, and the saves in the order they were clicked
  const weeklySaves = useRef({ kept: true, newest: 0, queue: Promise.resolve() });
  const [help, setHelp] = useState(false);
  const [selected, setSelected] = useState(0);
  const rowsRef = useRef([]);
  const composerRef = useRef({});
  const searchRef = useRef(null);

  useEffect(() => {
    const onPop = () => { setRoute(parseRoute()); setSelected(0); };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    call('GET', '/auth/session').then((s) => {
      setCsrf(s.csrfToken);
      const chosen = s.shops.find((m) => m.shop === store.get('shop')) ?? s.shops[0];
      store.set('shop', chosen?.shop ?? null);
      setShop(chosen?.shop ?? null);
      const preferred = s.preferences?.language ?? store.get('language') ?? chosen?.language;
      if (preferred && LANGUAGES[preferred]) setLanguage(preferred);
      if (s.preferences?.zone) setZone(s.preferences.zone);
      weeklySaves.current.kept = s.preferences?.weeklySummary ?? true;
      setWeeklySummary(weeklySaves.current.kept);
      setSession(s);
    }).catch((e) => setSession(e instanceof ApiError && e.status === 401 ? null : { error: e.message }));
  }, []);
  useEffect(() => { document.documentElement.lang = language; }, [language]);

  const t = useMemo(() => translator(language), [language]);
  const fmt = useMemo(() => formatter(language, zone), [language, zone]);
  const membership = session?.shops?.find((m) => m.shop === shop);
  const ctx = { shop, t, fmt, language, zone, role: membership?.role };

  const savePreferences = (next) => {
    store.set('language', next.language);
    store.set('zone', next.zone);
    setLanguage(next.language);
    setZone(next.zone);
    optional('PUT', '/auth/preferences', next).catch(() => {}); // kept on this device when the API cannot keep it
  };
  // Only the API can keep this one (it decides who is emailed), so a failure is shown and the box goes back to what the
  // API kept; saved one after another, so that a quick second click is not overtaken by the first.
  const saveWeeklySummary = (on) => {
    const saves = weeklySaves.current;
    const click = ++saves.newest;
    setWeeklySummary(on);
    setWeeklySummaryError(null);
    saves.queue = saves.queue.then(() => call('PUT', '/auth/preferences', { language, zone, weeklySummary: on })
      .then(() => {
        saves.kept = on;
        if (click === saves.newest) setWeeklySummaryError(null);
      })
      .catch((e) => {
        if (click === saves.newest) setWeeklySummary(saves.kept);
        setWeeklySummaryError(e.message);
      }));
  };

  useEffect(() => {
    const onKey = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
      if (e.key === 'Escape') { setHelp(false); if (typing) e.target.blur(); return; }
      if (typing || !session || !shop) return;
      const rows = rowsRef.current;
      const actions = {
        j: () => route.name === 'queue' && setSelected((i) => Math.min(i + 1, rows.length - 1)),
        k: () => route.name === 'queue' && setSelected((i) => Math.max(i - 1, 0)),
        Enter: () => route.name === 'queue' && rows[selected] && go('/tickets/' + encodeURIComponent(rows[selected].id)),
        r: () => route.name === 'ticket' && composerRef.current.reply?.(),
        n: () => route.name === 'ticket' && composerRef.current.note?.(),
        a: () => route.name === 'ticket' && composerRef.current.assign?.(),
        e: () => route.name === 'ticket' && composerRef.current.resolve?.(),
        '/': () => { if (route.name === 'search') searchRef.current?.focus(); else go('/search'); },
        '?': () => setHelp(true),
      };
      const action = actions[e.key];
      if (action && !(e.key === 'Enter' && /^(A|BUTTON)$/.test(e.target.tagName))) { // a focused link or button answers Enter itself
        e.preventDefault();
        action();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [session, shop, route, selected]);
  useEffect(() => {
    if (route.name === 'search') searchRef.current?.focus();
    document.querySelector(`tr[data-ticket].selected a`)?.focus({ preventScroll: false });
  }, [route, selected]);

  if (session === undefined) return html`<main id="main"><p>${t('loading')}</p></main>`;
  if (session === null) return html`<${SignIn} t=${t} />`;
  if (session.error) return html`<main id="main"><p role="alert" class="error">${t('error', { message: session.error })}</p></main>`;
  const link = (path, key, name) => html`<a href=${consolePath(path)} aria-current=${route.name === name ? 'page' : undefined}
    onClick=${(e) => { e.preventDefault(); go(path); }}>${t(key)}</a>`;
  return html`<div class="shell">
    <a class="skip" href="#main">${t('skip')}</a>
    <header class="top">
      <span class="brand">${t('app')}</span>
      <nav aria-label=${t('navMain')}>
        ${NAV.map((name) => PAGES.find((p) => p.name === name)).filter((p) => !p.roles || p.roles.includes(ctx.role))
          .map((p) => link(p.nav[0], p.nav[1], p.name))}
      </nav>
      <div class="prefs">
        ${session.shops.length > 1 && html`<label>${t('shop')} <select value=${shop} onChange=${(e) => { store.set('shop', e.target.value); setShop(e.target.value); }}>
          ${session.shops.map((m) => html`<option value=${m.shop}>${m.shop}</option>`)}</select></label>`}
        <label>${t('language')} <select value=${language} onChange=${(e) => savePreferences({ language: e.target.value, zone })}>
          ${Object.entries(LANGUAGES).map(([code, name]) => html`<option value=${code} lang=${code}>${name}</option>`)}</select></label>
        <label>${t('zone')} <select value=${zone} onChange=${(e) => savePreferences({ language, zone: e.target.value })}>
          ${zones(zone).map((z) => html`<option value=${z}>${z}</option>`)}</select></label>
        ${session.shops.some((m) => SUMMARY_ROLES.includes(m.role)) && html`<label><input type="checkbox" id="weekly-summary"
          checked=${weeklySummary} onChange=${(e) => saveWeeklySummary(e.target.checked)} /> ${t('weeklySummary')}</label>`}
        ${weeklySummaryError && html`<p role="alert" class="error">${t('weeklySummaryFailed', { message: weeklySummaryError })}</p>`}
        <span class="who">${session.email}</span>
        <button type="button" onClick=${() => call('POST', '/auth/sign-out').finally(() => setSession(null))}>${t('signOut')}</button>
      </div>
    </header>
    ${!shop ? html`<main id="main"><p>${t('empty')}</p></main>`
      : PAGES.find((p) => p.name === route.name).render(ctx, route, { composerRef, searchRef, rowsRef, selected, setSelected })}
    ${help && html`<${Help} t=${t} close=${() => setHelp(false)} />`}
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
