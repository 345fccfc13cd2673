/**
 * The dispatcher: runs after a use case's write has succeeded. It records each event, puts a
 * notification in every recipient's inbox and sends a subscribe message to those who granted
 * one, then marks the event delivered. Every step is keyed by (event, recipient), so running it
 * again — the timer redelivering an event cut short, or two timer runs at once — adds nothing.
 * Sending never fails the action: a failed send is recorded and retried by the timer.
 */
import { chinaDateTime } from '../shared/time';
import { AppError } from '../shared/errors';
import type { DomainEvent } from '../shared/events';
import type { Clock, Store, SubscribeSender } from '../shared/ports';
import type { IdGenerator } from '../shared/ids';
import { COLLECTIONS, type Identity } from '../auth/types';
import { recipientsOf } from './recipients';
import { INBOX_COLLECTIONS as C, MAX_SEND_ATTEMPTS, fitField, type EventRecord, type InboxItem, type Message, type SendRecord, type Templates } from './types';

export interface DispatchDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  sender: SubscribeSender;
  templates: Templates;
}

const ignoreDuplicate = (e: unknown) => {
  if (e instanceof AppError && e.code === 'CONFLICT') return false;
  throw e;
};
const inserted = (p: Promise<unknown>) => p.then(() => true, ignoreDuplicate);

function templateFor(templates: Templates, kind: string) {
  for (const [key, t] of Object.entries(templates)) if (t.kinds.includes(kind) && t.templateId) return { key, t };
  return null;
}

/** The user's OPENID: identities are keyed by it. */
async function openidOf(store: Store, userId: string): Promise<string | null> {
  const found = await store.find<Identity>(COLLECTIONS.identities, { where: { userId }, limit: 1 });
  return found.items[0]?._id ?? null;
}

async function trySend(deps: DispatchDeps, send: SendRecord): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.sender.send({ openid: send.openid, ...send.message });
    await deps.store.update(C.sends, send._id, { set: { status: 'sent', updatedAt: now }, inc: { attempts: 1 } });
  } catch (e) {
    const attempts = send.attempts + 1;
    await deps.store.update(C.sends, send._id, {
      set: { status: attempts >= MAX_SEND_ATTEMPTS ? 'gaveUp' : 'failed', lastError: String((e as Error)?.message ?? e).slice(0, 200), updatedAt: now },
      inc: { attempts: 1 },
    });
  }
}

/** A subscribe message for this recipient, if a template fits, they want it and a grant is left. */
async function subscribe(deps: DispatchDeps, event: EventRecord, m: Message): Promise<void> {
  const found = templateFor(deps.templates, event.type);
  if (!found) return;
  const prefs = await deps.store.get<{ _id: string; muted: string[] }>(C.prefs, m.userId);
  if (prefs?.muted.includes(event.type)) return;
  const sendId = `${event._id}.${m.userId}`;
  if (await deps.store.get(C.sends, sendId)) return; // decided already, on an earlier run
  const grantId = `${m.userId}.${found.key}`;
  // One grant, one message: take it before sending, and only if one is left.
  if (!(await deps.store.update(C.grants, grantId, { inc: { count: -1 } }, { count: { $gte: 1 } }))) return;
  const openid = await openidOf(deps.store, m.userId);
  const value = (f: TemplateValue) => (f === 'title' ? m.title : f === 'body' ? m.body : f === 'time' ? chinaDateTime(event.at) : f.text);
  const send: SendRecord = {
    _id: sendId,
    eventId: event._id,
    userId: m.userId,
    templateKey: found.key,
    status: 'sending',
    attempts: 0,
    lastError: null,
    openid: openid ?? '',
    message: {
      templateId: found.t.templateId,
      page: found.t.page.replace('{link}', (m.link ?? '').replace(/^\//, '')),
      data: Object.fromEntries(Object.entries(found.t.fields).map(([field, f]) => [field, { value: fitField(field, value(f)) }])),
    },
    updatedAt: deps.clock.now(),
  };
  if (!(await inserted(deps.store.insert(C.sends, { ...send })))) {
    // Another run recorded it between our check and our insert: give the grant back.
    await deps.store.update(C.grants, grantId, { inc: { count: 1 } });
    return;
  }
  await trySend(deps, send);
}
type TemplateValue = Templates[string]['fields'][string];

/** Fans one recorded event out; safe to run any number of times. */
export async function deliver(deps: DispatchDeps, event: EventRecord): Promise<void> {
  const messages = await recipientsOf(deps.store, event);
  for (const m of messages) {
    const item: InboxItem = { _id: `${event._id}.${m.userId}`, userId: m.userId, estateId: event.estateId, eventId: event._id, kind: event.type, title: m.title, body: m.body, link: m.link, createdAt: event.at, readAt: null };
    await inserted(deps.store.insert(C.inbox, { ...item }));
    await subscribe(deps, event, m);
  }
  await deps.store.update(C.events, event._id, { set: { delivered: true }, inc: { attempts: 1 } });
}

/** Records the events of a successful action and delivers them. Never throws. */
export async function dispatch(deps: DispatchDeps, events: DomainEvent[]): Promise<void> {
  for (const e of events) {
    const record: EventRecord = { ...e, _id: deps.ids.newId(), delivered: false, attempts: 0 };
    try {
      await deps.store.insert(C.events, { ...record });
      await deliver(deps, record);
    } catch (err) {
      // The record stays undelivered; the timer's redelivery finishes the job.
      console.error('[dispatch]', e.type, err);
    }
  }
}

/** Timer job: events whose delivery was cut short (older than a minute) are delivered again. */
export async function redeliverEvents(deps: DispatchDeps): Promise<number> {
  const stale = await deps.store.find<EventRecord>(C.events, { where: { delivered: false, at: { $lt: deps.clock.now() - 60_000 } }, orderBy: [['at', 'asc']], limit: 50 });
  for (const e of stale.items) await deliver(deps, e);
  return stale.items.length;
}

/** Timer job: failed sends are tried again; each is claimed first, so two runs never both send. */
export async function retryFailedSends(deps: DispatchDeps): Promise<number> {
  const failed = await deps.store.find<SendRecord>(C.sends, { where: { status: 'failed' }, orderBy: [['updatedAt', 'asc']], limit: 50 });
  let retried = 0;
  for (const s of failed.items) {
    const claimed = await deps.store.update(C.sends, s._id, { set: { status: 'sending', updatedAt: deps.clock.now() } }, { status: 'failed', attempts: s.attempts });
    if (!claimed) continue;
    await trySend(deps, s);
    retried++;
  }
  return retried;
}
