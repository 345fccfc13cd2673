/**
 * Request use cases: submit (with "me too" instead of duplicates), dispatch, handle, transfer,
 * resolve, confirm with a rating or reopen; the clock (overdue, one escalation, auto-close); the
 * figures of a period. Every move is one transaction by the state table, recorded as a step.
 */
import { chinaDate } from '../shared/time';
import { findAll, ignoreConflict, insertOrUpdate } from '../shared/store-helpers';
import { outcome, type DomainEvent, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { ContentCheck, Store, TxStore, Where } from '../shared/ports';
import { homeLabel, maskContactsInText, maskName } from '../shared/privacy';
import { can, type Actor } from '../auth/permissions';
import { authorize, currentEstate, roleGrantId, type Session } from '../auth/session';
import { COLLECTIONS, type RoleGrant, type User } from '../auth/types';
import type { Binding } from '../binding/types';
import type { Home } from '../estate/types';
import type { RequestPage, RequestView, StepView } from './api';
import { computeFigures, figuresCsv, type FigureInput, type Figures } from './figures';
import {
  DEFAULT_AUTO_CLOSE_DAYS,
  DEFAULT_TARGETS,
  MIN_SAMPLE,
  OPEN_STATUSES,
  REQUEST_ACTIONS,
  REQUEST_COLLECTIONS as C,
  REQUEST_STATUS_LABELS,
  REQUEST_TRANSITIONS,
  nextRequestStatus,
  type Location,
  type LocationInput,
  type Rating,
  type RequestAction,
  type RequestCategory,
  type RequestParty,
  type RequestSettings,
  type RequestStep,
  type RequestType,
  type ServiceRequest,
  type Targets,
  type Urgency,
} from './types';

export interface RequestDeps extends CoreDeps {
  contentCheck: ContentCheck;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/* ── who may do what, from the table and the rules (shared with the detail page through `actions`) ── */

const target = (r: ServiceRequest) => ({ estateId: r.estateId, ownerId: r.authorId });

function partiesOf(r: ServiceRequest, actor: Actor): RequestParty[] {
  if (actor.estateId !== r.estateId) return [];
  const out: RequestParty[] = [];
  if (r.authorId === actor.userId) out.push('author');
  if (actor.roles.has('property')) out.push('property');
  if (actor.roles.has('community')) out.push('community');
  return out;
}

export function partyFor(r: ServiceRequest, actor: Actor, act: RequestAction): RequestParty | null {
  if (act === 'autoClose' || !can(actor, `request.${act}`, target(r))) return null;
  return partiesOf(r, actor).find((p) => nextRequestStatus(r.status, act, p) !== null) ?? null;
}

export const requestActions = (r: ServiceRequest, actor: Actor): RequestAction[] => REQUEST_ACTIONS.filter((a) => partyFor(r, actor, a) !== null);

const handles = (actor: Actor, r: ServiceRequest) => can(actor, 'request.queue', { estateId: r.estateId });

export function requestView(r: ServiceRequest, actor: Actor, now: number): RequestView {
  const due = r.dueAt;
  const staff = handles(actor, r);
  const mine = r.authorId === actor.userId;
  return {
    id: r._id,
    type: r.type,
    category: r.category,
    urgency: r.urgency,
    description: r.description,
    photos: r.photos,
    placeLabel: r.placeLabel,
    status: r.status,
    author: { name: staff || mine ? r.authorName : maskName(r.authorName), phone: staff || mine ? r.authorPhone : null },
    handler: r.handlerName ? { name: r.handlerName } : null,
    supporters: r.supporters.length,
    supported: r.supporters.includes(actor.userId),
    acceptBy: r.acceptBy,
    resolveBy: r.resolveBy,
    dueAt: due,
    minutesLeft: due === null ? null : Math.floor((due - now) / MINUTE),
    overdue: r.overdue,
    escalated: r.escalatedAt !== null,
    submittedAt: r.submittedAt,
    acceptedAt: r.acceptedAt,
    resolvedAt: r.resolvedAt,
    closedAt: r.closedAt,
    resolution: r.resolution,
    rating: r.rating,
    actions: requestActions(r, actor),
    mine,
  };
}

async function load(store: Store, actor: Actor, requestId: string): Promise<ServiceRequest> {
  const r = await store.get<ServiceRequest>(C.requests, requestId);
  // Those who said "me too" follow it as well; they see it as any neighbour would, masked.
  const reader = r && (can(actor, 'request.get', target(r)) || (r.supporters.includes(actor.userId) && can(actor, 'request.support', { estateId: r.estateId })));
  if (!r || r.estateId !== actor.estateId || !reader) throw new AppError('NOT_FOUND', '没有找到这条诉求');
  return r;
}

async function settingsOf(store: Store, estateId: string): Promise<{ targets: Targets; autoCloseDays: number }> {
  const s = await store.get<RequestSettings>(C.settings, estateId);
  return { targets: s?.targets ?? DEFAULT_TARGETS, autoCloseDays: s?.autoCloseDays ?? DEFAULT_AUTO_CLOSE_DAYS };
}

/** Where it is, in words, and the key by which "the same place" is matched. */
async function place(store: Store, actor: Actor, estateId: string, loc: LocationInput): Promise<{ location: Location; placeLabel: string; placeKey: string; building: string | null }> {
  if (loc.kind === 'home') {
    const bindings = (await store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId, estateId, status: 'approved' }, limit: 20 })).items;
    const binding = loc.homeId ? bindings.find((b) => b.homeId === loc.homeId) : bindings[0];
    if (!binding) throw new AppError(loc.homeId ? 'INVALID_INPUT' : 'FORBIDDEN', loc.homeId ? '这不是您认证过的房屋' : '请先认证您的房屋');
    const home = await store.get<Home>(COLLECTIONS.homes, binding.homeId);
    if (!home) throw new AppError('NOT_FOUND', '没有找到您的房屋');
    return { location: { kind: 'home', homeId: home._id }, placeLabel: homeLabel(home), placeKey: `home:${home._id}`, building: home.building };
  }
  if (loc.kind === 'building') {
    const building = loc.building.replace(/栋|号楼|幢/g, '').trim();
    if (!(await store.count(COLLECTIONS.homes, { estateId, building }))) throw new AppError('INVALID_INPUT', `本小区没有${building}栋`);
    return { location: { kind: 'building', building }, placeLabel: `${building}栋`, placeKey: `building:${building}`, building };
  }
  const spot = loc.place.replace(/\s+/g, '');
  return { location: { kind: 'common', place: spot }, placeLabel: spot, placeKey: `common:${spot}`, building: null };
}

interface StepInput {
  kind: RequestStep['kind'];
  note?: string | null;
  photos?: string[];
}

/** Appends a step inside `tx`, with the request's fields to change. */
async function record(tx: TxStore, r: ServiceRequest, by: { userId: string; name: string }, party: RequestStep['party'], at: number, step: StepInput & { from: ServiceRequest['status'] | null; to: ServiceRequest['status'] | null }, set: Partial<ServiceRequest> = {}) {
  const seq = r.seq + 1;
  const doc: RequestStep = { _id: `${r._id}.${seq}`, requestId: r._id, estateId: r.estateId, kind: step.kind, from: step.from, to: step.to, by: by.userId, byName: by.name, party, at, note: step.note ?? null, photos: step.photos ?? [] };
  await tx.insert(C.steps, { ...doc });
  const next = { ...set, seq, updatedAt: at };
  await tx.update(C.requests, r._id, { set: next });
  return { ...r, ...next } as ServiceRequest;
}

/** One move of the state table, re-checked on what the transaction reads: of two racers one wins. */
async function move(deps: CoreDeps, id: string, by: { userId: string; name: string }, act: RequestAction, actor: Actor | null, step: Omit<StepInput, 'kind'>, set: (r: ServiceRequest, at: number) => Partial<ServiceRequest> = () => ({})) {
  const at = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const r = await tx.get<ServiceRequest>(C.requests, id);
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    const party = actor ? partyFor(r, actor, act) : 'system';
    const to = party ? nextRequestStatus(r.status, act, party) : null;
    if (!party || !to) throw new AppError('CONFLICT', act === 'accept' && r.status === 'accepted' ? '这条诉求已经有人受理了' : `这条诉求${REQUEST_STATUS_LABELS[r.status]}，不能这样操作`);
    return record(tx, r, by, party, at, { kind: act, from: r.status, to, ...step }, { ...set(r, at), status: to });
  });
}

/** FORBIDDEN if the actor could never do `act` here (wrong person), before looking at the state. */
function mayEver(r: ServiceRequest, actor: Actor, act: RequestAction) {
  authorize(actor, `request.${act}` as never, target(r));
  const parties = partiesOf(r, actor);
  if (!Object.values(REQUEST_TRANSITIONS).some((m) => m[act]?.by.some((p) => parties.includes(p)))) throw new AppError('FORBIDDEN', '您没有权限进行此操作');
}

const event = (type: string, r: ServiceRequest, at: number, extra: Record<string, unknown> = {}): DomainEvent => ({
  type,
  estateId: r.estateId,
  at,
  payload: { requestId: r._id, authorId: r.authorId, handlerId: r.handlerId, category: r.category, placeLabel: r.placeLabel, description: r.description.slice(0, 40), ...extra },
});

/* ── 采集上报 ── */

interface SubmitInput {
  type: RequestType;
  category: RequestCategory;
  urgency: Urgency;
  description: string;
  photos?: string[];
  location: LocationInput;
}

export async function submitRequest(deps: RequestDeps, { actor, user, openid }: Session, input: SubmitInput): Promise<Outcome<RequestView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.submit', { estateId });
  const where = await place(deps.store, actor, estateId, input.location);
  const description = maskContactsInText(input.description);
  const verdict = await deps.contentCheck.check(description, openid ?? null);
  if (verdict === 'reject') throw new AppError('CONTENT_REJECTED', '内容未通过安全检查，请修改后再提交');
  const binding = (await deps.store.find<Binding>(COLLECTIONS.bindings, { where: { userId: actor.userId, estateId, status: 'approved' }, limit: 1 })).items[0];
  const { targets } = await settingsOf(deps.store, estateId);
  const t = targets[input.type][input.urgency];
  const now = deps.clock.now();
  const r: ServiceRequest = {
    _id: deps.ids.newId(),
    estateId,
    authorId: actor.userId,
    authorName: binding?.realName ?? user.name,
    authorPhone: binding?.phone ?? '',
    type: input.type,
    category: input.category,
    urgency: input.urgency,
    description,
    photos: input.photos ?? [],
    ...where,
    status: 'submitted',
    handlerId: null,
    handlerName: null,
    supporters: [],
    acceptBy: now + t.acceptMin * MINUTE,
    resolveBy: now + t.resolveMin * MINUTE,
    dueAt: now + t.acceptMin * MINUTE,
    overdue: false,
    escalatedAt: null,
    submittedAt: now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    resolution: null,
    rating: null,
    seq: 0,
    updatedAt: now,
  };
  const saved = await deps.store.transaction(async (tx) => {
    await tx.insert(C.requests, { ...r });
    return record(tx, r, { userId: actor.userId, name: r.authorName }, 'author', now, { kind: 'submit', from: null, to: 'submitted', note: verdict === 'review' ? '内容待人工复核' : null });
  });
  return outcome(requestView(saved, actor, now), [event('request.submitted', saved, now, { urgency: r.urgency, type: r.type })]);
}

export async function similarRequests(deps: CoreDeps, { actor }: Session, input: { category: RequestCategory; location: LocationInput }): Promise<Outcome<RequestView[]>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.similar', { estateId });
  const { placeKey } = await place(deps.store, actor, estateId, input.location);
  const found = await deps.store.find<ServiceRequest>(C.requests, { where: { estateId, category: input.category, placeKey, status: { $in: [...OPEN_STATUSES] } }, orderBy: [['submittedAt', 'desc']], limit: 10 });
  const now = deps.clock.now();
  // Others' requests are shown without their author: only what, where, and how far along.
  return outcome(found.items.map((r) => ({ ...requestView(r, actor, now), author: { name: maskName(r.authorName), phone: null }, actions: [] })));
}

export async function supportRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string }): Promise<Outcome<RequestView>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.support', { estateId });
  const at = deps.clock.now();
  const r = await deps.store.transaction(async (tx) => {
    const cur = await tx.get<ServiceRequest>(C.requests, input.requestId);
    if (!cur || cur.estateId !== estateId) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    if (!(OPEN_STATUSES as readonly string[]).includes(cur.status)) throw new AppError('CONFLICT', '这条诉求已经办结了');
    if (cur.authorId === actor.userId || cur.supporters.includes(actor.userId)) return cur;
    return record(tx, cur, { userId: actor.userId, name: maskName(user.name) }, 'resident', at, { kind: 'support', from: null, to: null }, { supporters: [...cur.supporters, actor.userId] });
  });
  const view = requestView(r, actor, at);
  return outcome(r.authorId === actor.userId || handles(actor, r) ? view : { ...view, author: { name: maskName(r.authorName), phone: null }, actions: [] });
}

export async function withdrawRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; reason?: string }) {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'withdraw');
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'withdraw', actor, { note: input.reason ?? null }, (_c, at) => ({ closedAt: at, dueAt: null }));
  return outcome(requestView(next, actor, deps.clock.now()));
}

/* ── reading ── */

export async function myRequests(deps: CoreDeps, { actor }: Session, input: { cursor?: string | null }): Promise<Outcome<RequestPage>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.mine', { estateId });
  const page = await deps.store.find<ServiceRequest>(C.requests, { where: { estateId, authorId: actor.userId }, orderBy: [['submittedAt', 'desc']], limit: 20, cursor: input.cursor ?? null });
  const now = deps.clock.now();
  return outcome({ items: page.items.map((r) => requestView(r, actor, now)), nextCursor: page.nextCursor });
}

export async function getRequest(deps: CoreDeps, { actor }: Session, input: { requestId: string }): Promise<Outcome<{ request: RequestView; steps: StepView[] }>> {
  currentEstate(actor);
  const r = await load(deps.store, actor, input.requestId);
  const steps = (await deps.store.find<RequestStep>(C.steps, { where: { requestId: r._id }, orderBy: [['at', 'asc']], limit: 100 })).items;
  const staff = handles(actor, r);
  return outcome({
    request: requestView(r, actor, deps.clock.now()),
    steps: steps.map((s) => ({ kind: s.kind, from: s.from, to: s.to, byName: (s.party === 'resident' || s.party === 'author') && !staff && s.by !== actor.userId ? maskName(s.byName) : s.byName, party: s.party, at: s.at, note: s.note, photos: s.photos })),
  });
}

/** The staff queue: open requests, the most urgent deadline first (`dueAt` is kept on every move). */
export async function queue(deps: CoreDeps, { actor }: Session, input: { scope?: 'open' | 'mine' | 'overdue' | 'transferred'; cursor?: string | null }): Promise<Outcome<RequestPage>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.queue', { estateId });
  const scope = input.scope ?? 'open';
  const where: Where = { estateId, status: { $in: [...OPEN_STATUSES] } };
  if (scope === 'mine') where.handlerId = actor.userId;
  if (scope === 'overdue') where.overdue = true;
  if (scope === 'transferred') where.status = 'transferred';
  const page = await deps.store.find<ServiceRequest>(C.requests, { where, orderBy: [['dueAt', 'asc']], limit: 20, cursor: input.cursor ?? null });
  const now = deps.clock.now();
  return outcome({ items: page.items.map((r) => requestView(r, actor, now)), nextCursor: page.nextCursor });
}

export async function propertyStaff(deps: CoreDeps, { actor }: Session): Promise<Outcome<Array<{ userId: string; name: string }>>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.staff', { estateId });
  const grants = (await deps.store.find<RoleGrant>(COLLECTIONS.roles, { where: { estateId, role: 'property' }, limit: 100 })).items;
  const users = grants.length ? (await deps.store.find<User>(COLLECTIONS.users, { where: { _id: { $in: grants.map((g) => g.userId) } }, limit: 100 })).items : [];
  return outcome(users.map((u) => ({ userId: u._id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')));
}

/* ── 指挥派遣 → 处置反馈 ── */

export async function acceptRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; handlerId?: string }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'accept');
  let handler = { userId: actor.userId, name: user.name };
  if (input.handlerId && input.handlerId !== actor.userId) {
    // Assigned by a manager: to a property staff member of this estate only.
    if (!actor.roles.has('property') || !(await deps.store.get(COLLECTIONS.roles, roleGrantId(r.estateId, input.handlerId, 'property')))) throw new AppError('INVALID_INPUT', '只能派给本小区的物业工作人员');
    const u = await deps.store.get<User>(COLLECTIONS.users, input.handlerId);
    handler = { userId: input.handlerId, name: u?.name ?? '' };
  }
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'accept', actor, { note: handler.userId === actor.userId ? '接单' : `派给${handler.name}` }, (cur, at) => ({
    handlerId: handler.userId,
    handlerName: handler.name,
    acceptedAt: cur.acceptedAt ?? at,
    dueAt: cur.resolveBy,
  }));
  return outcome(requestView(next, actor, deps.clock.now()), [event('request.accepted', next, deps.clock.now(), { handlerName: handler.name })]);
}

export async function addNote(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; note: string; photos?: string[] }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  authorize(actor, 'request.note', { estateId: r.estateId });
  const at = deps.clock.now();
  const next = await deps.store.transaction(async (tx) => {
    const cur = await tx.get<ServiceRequest>(C.requests, r._id);
    if (!cur || cur.status !== 'accepted') throw new AppError('CONFLICT', '只有处理中的诉求可以记录进展');
    return record(tx, cur, { userId: actor.userId, name: user.name }, actor.roles.has('property') ? 'property' : 'community', at, { kind: 'note', from: null, to: null, note: maskContactsInText(input.note), photos: input.photos ?? [] });
  });
  return outcome(requestView(next, actor, at), [event('request.progress', next, at, { note: input.note })]);
}

export async function transferRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; reason: string }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'transfer');
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'transfer', actor, { note: input.reason }, (cur) => ({ handlerId: null, handlerName: null, dueAt: cur.resolveBy }));
  return outcome(requestView(next, actor, deps.clock.now()), [event('request.transferred', next, deps.clock.now(), { reason: input.reason })]);
}

export async function resolveRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; note: string; before?: string[]; after?: string[] }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'resolve');
  const note = maskContactsInText(input.note);
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'resolve', actor, { note, photos: [...(input.before ?? []), ...(input.after ?? [])] }, (_cur, at) => ({
    resolvedAt: at,
    resolution: { note, before: input.before ?? [], after: input.after ?? [] },
    dueAt: null,
  }));
  return outcome(requestView(next, actor, deps.clock.now()), [event('request.resolved', next, deps.clock.now())]);
}

/* ── 核查结案: only the resident closes, or the timeout ── */

export async function confirmRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; rating: Rating; comment?: string }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'confirm');
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'confirm', actor, { note: input.comment ? maskContactsInText(input.comment) : null }, (_c, at) => ({ closedAt: at, rating: input.rating, dueAt: null }));
  return outcome(requestView(next, actor, deps.clock.now()), [event('request.closed', next, deps.clock.now(), { rating: input.rating })]);
}

export async function reopenRequest(deps: CoreDeps, { actor, user }: Session, input: { requestId: string; reason: string }): Promise<Outcome<RequestView>> {
  const r = await load(deps.store, actor, input.requestId);
  mayEver(r, actor, 'reopen');
  const next = await move(deps, r._id, { userId: actor.userId, name: user.name }, 'reopen', actor, { note: input.reason }, (cur) => ({ reopenCount: cur.reopenCount + 1, resolvedAt: null, dueAt: cur.acceptBy }));
  return outcome(requestView(next, actor, deps.clock.now()), [event('request.reopened', next, deps.clock.now(), { reason: input.reason })]);
}

/* ── the clock: overdue and escalated once, and auto-closed; run by the timer ── */

export async function runRequestClock(deps: CoreDeps): Promise<{ count: number; events: DomainEvent[] }> {
  const now = deps.clock.now();
  const events: DomainEvent[] = [];
  // Past their deadline and not yet flagged: flag, and tell the community once (escalatedAt).
  for (let round = 0; round < 10; round++) {
    const late = (await deps.store.find<ServiceRequest>(C.requests, { where: { overdue: false, status: { $in: [...OPEN_STATUSES] }, dueAt: { $lte: now } }, orderBy: [['dueAt', 'asc']], limit: 100 })).items;
    if (!late.length) break;
    for (const r of late) {
      const escalated = await deps.store.transaction(async (tx) => {
        const cur = await tx.get<ServiceRequest>(C.requests, r._id);
        if (!cur || cur.overdue || cur.dueAt === null || cur.dueAt > now) return null;
        const first = cur.escalatedAt === null;
        return record(tx, cur, { userId: 'system', name: '系统' }, 'system', now, { kind: 'escalate', from: null, to: null, note: first ? '已超过时限，上报社区' : '再次超过时限' }, { overdue: true, ...(first ? { escalatedAt: now } : {}) });
      });
      if (escalated && escalated.escalatedAt === now) events.push(event('request.escalated', escalated, now));
    }
  }
  // Resolved and unanswered for the estate's number of days: closed by the timeout.
  const resolved = (await deps.store.find<ServiceRequest>(C.requests, { where: { status: 'resolved' }, orderBy: [['resolvedAt', 'asc']], limit: 100 })).items;
  for (const r of resolved) {
    const { autoCloseDays } = await settingsOf(deps.store, r.estateId);
    if (r.resolvedAt === null || now < r.resolvedAt + autoCloseDays * DAY) continue;
    try {
      const closed = await move(deps, r._id, { userId: 'system', name: '系统' }, 'autoClose', null, { note: `${autoCloseDays} 天内未确认，自动结案` }, (_c, at) => ({ closedAt: at, dueAt: null }));
      events.push(event('request.autoClosed', closed, now));
    } catch (e) {
      ignoreConflict(e);
    }
  }
  return { count: events.length, events };
}

/* ── 总结分析 ── */

async function figuresFor(deps: CoreDeps, estateId: string, from: number, to: number): Promise<Figures> {
  const rows = await findAll<ServiceRequest>(deps.store, C.requests, { estateId, submittedAt: { $gte: from, $lt: to } }, { max: 20_000 });
  const input: FigureInput[] = rows.map((r) => ({ id: r._id, type: r.type, category: r.category, building: r.building, placeLabel: r.placeLabel, status: r.status, submittedAt: r.submittedAt, acceptedAt: r.acceptedAt, resolvedAt: r.resolvedAt, resolveBy: r.resolveBy, reopenCount: r.reopenCount, rating: r.rating, overdue: r.overdue }));
  return computeFigures(input, { from, to, now: deps.clock.now(), minSample: MIN_SAMPLE });
}

export async function dashboard(deps: CoreDeps, { actor }: Session, input: { from: number; to: number }): Promise<Outcome<Figures>> {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.dashboard', { estateId });
  return outcome(await figuresFor(deps, estateId, input.from, input.to));
}

export async function exportFigures(deps: CoreDeps, { actor }: Session, input: { from: number; to: number }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.export', { estateId });
  const f = await figuresFor(deps, estateId, input.from, input.to);
  return outcome({ filename: `诉求分析-${chinaDate(input.from)}-${chinaDate(input.to - 1)}.csv`, csv: figuresCsv(f) });
}

export async function requestSettings(deps: CoreDeps, { actor }: Session) {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.settings', { estateId });
  return outcome(await settingsOf(deps.store, estateId));
}

export async function configureRequests(deps: CoreDeps, { actor }: Session, input: { targets?: Targets; autoCloseDays?: number }) {
  const estateId = currentEstate(actor);
  authorize(actor, 'request.configure', { estateId });
  const cur = await settingsOf(deps.store, estateId);
  for (const byUrgency of Object.values(input.targets ?? {}))
    for (const t of Object.values(byUrgency)) if (t.resolveMin < t.acceptMin) throw new AppError('INVALID_INPUT', '办结时限不能短于受理时限');
  const next = { targets: input.targets ?? cur.targets, autoCloseDays: input.autoCloseDays ?? cur.autoCloseDays };
  const doc = { ...next, updatedBy: actor.userId, updatedAt: deps.clock.now() };
  await insertOrUpdate(deps.store, C.settings, estateId, doc);
  return outcome(next);
}
