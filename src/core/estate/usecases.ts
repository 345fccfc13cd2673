/** The estate register's use cases: list and create estates, import and list homes. */
import { findAll } from '../shared/store-helpers';
import { outcome, type Outcome } from '../shared/events';
import { AppError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import type { Store } from '../shared/ports';
import { homeLabel } from '../shared/privacy';
import { authorize, currentEstate, roleGrantId, type Session } from '../auth/session';
import { COLLECTIONS, type RoleGrant } from '../auth/types';
import type { EstateView, HomeView, ImportReport } from './api';
import { homeId, homeSortKey, parseHomesCsv } from './homes';
import type { Estate, Home } from './types';

export const estateView = (e: Estate): EstateView => ({ id: e._id, name: e.name, community: e.community, city: e.city });
const homeView = (h: Home): HomeView => ({ id: h._id, building: h.building, unit: h.unit, room: h.room, label: homeLabel(h) });

export async function listEstates(deps: CoreDeps, { actor }: Session): Promise<Outcome<EstateView[]>> {
  authorize(actor, 'estate.list');
  const page = await deps.store.find<Estate>(COLLECTIONS.estates, { orderBy: [['name', 'asc']], limit: 100 });
  return outcome(page.items.map(estateView));
}

export async function createEstate(deps: CoreDeps, { actor }: Session, input: { name: string; community: string; city: string }): Promise<Outcome<EstateView>> {
  authorize(actor, 'estate.create');
  const now = deps.clock.now();
  const estate: Estate = { _id: deps.ids.newId(), ...input, createdAt: now };
  await deps.store.insert(COLLECTIONS.estates, { ...estate });
  // The community worker who sets an estate up is its community role there, and works in it next.
  const grant: RoleGrant = { _id: roleGrantId(estate._id, actor.userId, 'community'), estateId: estate._id, userId: actor.userId, role: 'community', grantedAt: now, grantedBy: actor.userId };
  await deps.store.insert(COLLECTIONS.roles, { ...grant });
  await deps.store.insert(COLLECTIONS.roleChanges, { estateId: estate._id, at: now, by: actor.userId, userId: actor.userId, role: 'community', change: 'grant' });
  await deps.store.update(COLLECTIONS.users, actor.userId, { set: { currentEstateId: estate._id } });
  return outcome(estateView(estate), [{ type: 'estate.created', estateId: estate._id, at: now, payload: { by: actor.userId } }]);
}

/** Every home of an estate, page by page (the register is read whole only by the import). */
const allHomes = (store: Store, estateId: string) => findAll<Home>(store, COLLECTIONS.homes, { estateId });

/**
 * All or nothing: every row is checked before anything is written, and one bad row means no
 * row is written. Writing converges: a home is found by its id (estate, building, unit, room),
 * so re-importing a file changes nothing, and an import cut short is completed by running it
 * again. Homes missing from the file are left as they are (bindings may point at them).
 */
export async function importHomes(deps: CoreDeps, { actor }: Session, input: { csv: string }): Promise<Outcome<ImportReport>> {
  authorize(actor, 'estate.importHomes', { estateId: currentEstate(actor) });
  const estateId = currentEstate(actor);
  const { rows, errors } = parseHomesCsv(input.csv);
  const report: ImportReport = { applied: false, rows: rows.length, created: 0, updated: 0, unchanged: 0, errors };
  if (errors.length) return outcome({ ...report, rows: 0 });

  const existing = new Map((await allHomes(deps.store, estateId)).map((h) => [h._id, h]));
  for (const { line: _line, ...row } of rows) {
    const home: Home = { _id: homeId(estateId, row.building, row.unit, row.room), estateId, ...row, sortKey: homeSortKey(row.building, row.unit, row.room) };
    const old = existing.get(home._id);
    if (!old) {
      await deps.store.insert(COLLECTIONS.homes, { ...home }).catch((e) => {
        if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e; // another import of the same row got there first
      });
      report.created++;
    } else if (old.areaDm2 !== home.areaDm2 || old.ownerKey !== home.ownerKey || old.developerHeld !== home.developerHeld) {
      await deps.store.update(COLLECTIONS.homes, home._id, { set: { areaDm2: home.areaDm2, ownerKey: home.ownerKey, developerHeld: home.developerHeld } });
      report.updated++;
    } else report.unchanged++;
  }
  report.applied = true;
  const now = deps.clock.now();
  return outcome(report, report.created + report.updated > 0 ? [{ type: 'estate.homesImported', estateId, at: now, payload: { by: actor.userId, created: report.created, updated: report.updated } }] : []);
}

export async function listHomes(deps: CoreDeps, { actor }: Session, input: { building?: string; cursor?: string | null }): Promise<Outcome<{ items: HomeView[]; nextCursor: string | null }>> {
  authorize(actor, 'estate.homes', { estateId: currentEstate(actor) });
  const page = await deps.store.find<Home>(COLLECTIONS.homes, {
    where: { estateId: currentEstate(actor), ...(input.building ? { building: input.building } : {}) },
    orderBy: [['sortKey', 'asc']],
    limit: 50,
    cursor: input.cursor ?? null,
  });
  return outcome({ items: page.items.map(homeView), nextCursor: page.nextCursor });
}
