/** Test people and things, written straight through the Store (the SDK against the local cloud). */
import type { Store } from '../../src/core/shared/ports';
import { roleGrantId } from '../../src/core/auth/session';
import { COLLECTIONS, type Role } from '../../src/core/auth/types';
import { homeId } from '../../src/core/estate/homes';
import { DEMO_ESTATE_ID } from '../../localcloud/seed';

export const ESTATE_A = DEMO_ESTATE_ID;
export const ESTATE_B = 'estate-other';

let counter = 0;
const next = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** A second estate with a few homes, so tests can try to reach across. */
export async function seedOtherEstate(store: Store) {
  await store.insert(COLLECTIONS.estates, { _id: ESTATE_B, name: '安居苑', community: '和平街道安居社区', city: '杭州', createdAt: 1 });
  for (const room of ['101', '102', '201'])
    await store.insert(COLLECTIONS.homes, { _id: homeId(ESTATE_B, '9', '1', room), estateId: ESTATE_B, building: '9', unit: '1', room, areaDm2: 9000, ownerKey: null, developerHeld: false });
}

/** A logged-in person acting in `current`, holding `roles` in `rolesIn`; answers their openid and user id. */
export async function makePerson(store: Store, roles: Role[], rolesIn: string = ESTATE_A, current: string | null = ESTATE_A) {
  const openid = next('openid');
  const userId = next('user');
  await store.insert(COLLECTIONS.users, { _id: userId, name: `测试${counter}`, currentEstateId: current, createdAt: 1, lastLoginAt: 1 });
  await store.insert(COLLECTIONS.identities, { _id: openid, userId, createdAt: 1 });
  for (const role of roles) await store.insert(COLLECTIONS.roles, { _id: roleGrantId(rolesIn, userId, role), estateId: rolesIn, userId, role, grantedAt: 1, grantedBy: 'test' });
  return { openid, userId };
}

/** A pending binding application by a new person, in `estateId`. */
export async function makePendingBinding(store: Store, estateId: string = ESTATE_A, userId?: string) {
  const applicant = userId ?? (await makePerson(store, [], estateId, estateId)).userId;
  const home = estateId === ESTATE_A ? homeId(ESTATE_A, '1', '1', '101') : homeId(ESTATE_B, '9', '1', '101');
  const id = next('binding');
  await store.insert(COLLECTIONS.bindings, { _id: id, estateId, homeId: home, userId: applicant, relation: 'owner', realName: '测试人', phone: '13700001234', status: 'pending', reason: null, createdAt: Date.now(), reviewedAt: null, reviewedBy: null });
  return id;
}

/** A verified resident of `building` in estate A (home x-1-101, approved binding), with a real name. */
export async function makeResidentIn(store: Store, building: string, realName = '测试居民', moreRoles: Role[] = []) {
  const home = homeId(ESTATE_A, building, '1', '101');
  if (!(await store.get(COLLECTIONS.homes, home)))
    await store.insert(COLLECTIONS.homes, { _id: home, estateId: ESTATE_A, building, unit: '1', room: '101', areaDm2: 9000, ownerKey: null, developerHeld: false });
  const person = await makePerson(store, ['resident', ...moreRoles]);
  await store.insert(COLLECTIONS.bindings, { _id: next('binding'), estateId: ESTATE_A, homeId: home, userId: person.userId, relation: 'tenant', realName, phone: '13700009999', status: 'approved', reason: null, createdAt: 1, reviewedAt: 1, reviewedBy: 'test' });
  return person;
}
