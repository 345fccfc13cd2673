/**
 * The demo estate a new developer lands in: 幸福里小区 with three buildings of homes of varied
 * area, and one person for every role in DESIGN.md (plus a visitor who has not bound a home).
 * Seeded through the Store port, the same path the functions write through.
 */
import type { Store } from '../src/core/shared/ports';
import { AppError } from '../src/core/shared/errors';
import { COLLECTIONS, type Role, type RoleGrant, type User } from '../src/core/auth/types';
import { roleGrantId } from '../src/core/auth/session';
import { homeId, homeSortKey } from '../src/core/estate/homes';
import type { Binding, BindingRelation } from '../src/core/binding/types';
import { areaToDm2, type Estate, type Home } from '../src/core/estate/types';
import { NO_DEADLINE, WISH_COLLECTIONS, type Wish } from '../src/core/wish/types';
import { DEFAULT_WISH_POINTS, POINTS_COLLECTIONS, type Reward } from '../src/core/points/types';
import { ensureAccount, postEntry } from '../src/core/points/ledger';
import { loadSession } from '../src/core/auth/session';
import { acceptProposal, approveProposal, createProposal, openVote, submitProposal } from '../src/core/proposal/usecases';
import { submitRequest } from '../src/core/request/usecases';

export const DEMO_ESTATE_ID = 'estate-xingfuli';

export interface DemoPerson {
  openid: string;
  userId: string;
  name: string;
  description: string;
  roles: Array<{ role: Role; partyMember?: boolean; chair?: boolean }>;
  /** An approved binding: [building, unit, room, relation, real name, phone]. */
  home?: [string, string, string, BindingRelation, string, string];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-resident', userId: 'user-resident', name: '王阿姨', description: '居民 · 3栋', roles: [{ role: 'resident' }], home: ['3', '1', '201', 'tenant', '王秀兰', '13900001111'] },
  { openid: 'demo-owner', userId: 'user-owner', name: '李业主', description: '业主 · 1栋', roles: [{ role: 'resident' }, { role: 'owner' }], home: ['1', '2', '302', 'owner', '李建国', '13900002222'] },
  { openid: 'demo-volunteer', userId: 'user-volunteer', name: '张志愿', description: '志愿者 · 党员', roles: [{ role: 'resident' }, { role: 'volunteer', partyMember: true }], home: ['2', '1', '101', 'family', '张志远', '13900003333'] },
  { openid: 'demo-branch', userId: 'user-branch', name: '赵书记', description: '小区党支部', roles: [{ role: 'branch' }] },
  { openid: 'demo-committee', userId: 'user-committee', name: '陈主任', description: '业委会主任', roles: [{ role: 'resident' }, { role: 'owner' }, { role: 'committee', chair: true }], home: ['1', '1', '501', 'owner', '陈明', '13900004444'] },
  { openid: 'demo-property', userId: 'user-property', name: '刘经理', description: '物业经理', roles: [{ role: 'property' }] },
  { openid: 'demo-community', userId: 'user-community', name: '孙干事', description: '社区工作人员', roles: [{ role: 'community' }] },
  { openid: 'demo-visitor', userId: 'user-visitor', name: '周先生', description: '新用户 · 尚未认证', roles: [] },
];

const SEED_MARKER = 'seed-demo-v1';

/** Homes: 3 buildings × 2 units × 6 floors × 2 rooms, areas from a fixed pattern. */
export function demoHomes(): Home[] {
  const homes: Home[] = [];
  const areas = [89.37, 126.5, 72.8, 143.25];
  for (const building of ['1', '2', '3'])
    for (const unit of ['1', '2'])
      for (let floor = 1; floor <= 6; floor++)
        for (const door of [1, 2]) {
          const room = `${floor}0${door}`;
          const i = homes.length;
          homes.push({
            _id: homeId(DEMO_ESTATE_ID, building, unit, room),
            estateId: DEMO_ESTATE_ID,
            building,
            unit,
            room,
            areaDm2: areaToDm2(areas[i % areas.length]),
            // One buyer holds two homes in building 2; the developer still holds the top floor of building 3.
            ownerKey: building === '2' && unit === '1' && floor === 6 ? 'buyer-2-1-6' : null,
            developerHeld: building === '3' && floor === 6,
            sortKey: homeSortKey(building, unit, room),
          });
        }
  return homes;
}

const ignoreExisting = (e: unknown) => {
  if (e instanceof AppError && e.code === 'CONFLICT') return;
  throw e;
};

/** Seeds once: a marker records that it ran; a seed cut short is completed on the next start. */
export async function seedDemo(store: Store, now: number): Promise<boolean> {
  if (await store.get('meta', SEED_MARKER)) return false;
  const estate: Estate = { _id: DEMO_ESTATE_ID, name: '幸福里小区', community: '和平街道幸福社区', city: '杭州', createdAt: now };
  await store.insert(COLLECTIONS.estates, { ...estate }).catch(ignoreExisting);
  for (const home of demoHomes()) await store.insert(COLLECTIONS.homes, { ...home }).catch(ignoreExisting);
  for (const person of DEMO_PEOPLE) {
    const user: User = { _id: person.userId, name: person.name, currentEstateId: person.roles.length ? DEMO_ESTATE_ID : null, createdAt: now, lastLoginAt: now };
    await store.insert(COLLECTIONS.users, { ...user }).catch(ignoreExisting);
    await store.insert(COLLECTIONS.identities, { _id: person.openid, userId: person.userId, createdAt: now }).catch(ignoreExisting);
    for (const r of person.roles) {
      const grant: RoleGrant = { _id: roleGrantId(DEMO_ESTATE_ID, person.userId, r.role), estateId: DEMO_ESTATE_ID, userId: person.userId, grantedAt: now, grantedBy: 'seed', ...r };
      await store.insert(COLLECTIONS.roles, { ...grant }).catch(ignoreExisting);
    }
    if (person.home) {
      const [building, unit, room, relation, realName, phone] = person.home;
      const binding: Binding = { _id: `binding-${person.userId}`, estateId: DEMO_ESTATE_ID, homeId: homeId(DEMO_ESTATE_ID, building, unit, room), userId: person.userId, relation, realName, phone, status: 'approved', reason: null, createdAt: now, reviewedAt: now, reviewedBy: 'user-branch' };
      await store.insert(COLLECTIONS.bindings, { ...binding }).catch(ignoreExisting);
    }
  }
  await seedVolunteering(store, now);
  await seedDeliberation(store, now);
  await store.insert('meta', { _id: SEED_MARKER, at: now }).catch(ignoreExisting);
  return true;
}

/** The demo's volunteer scheme: a few goods in 先锋银行, an open wish, and points earned offline. */
async function seedVolunteering(store: Store, now: number) {
  const rewards: Array<[string, string, string, number, number]> = [
    ['reward-bag', '环保购物袋', '党群服务站领取', 30, 20],
    ['reward-towel', '纯棉毛巾', '党群服务站领取', 50, 10],
    ['reward-rice', '东北大米 5 斤', '党群服务站领取', 200, 5],
  ];
  for (const [_id, name, description, price, stock] of rewards) {
    const reward: Reward = { _id, estateId: DEMO_ESTATE_ID, name, description, price, stock, status: 'active', createdBy: 'user-branch', createdAt: now, updatedAt: now };
    await store.insert(POINTS_COLLECTIONS.rewards, { ...reward }).catch(ignoreExisting);
  }
  const home = homeId(DEMO_ESTATE_ID, '3', '1', '201');
  const wish: Wish = {
    _id: 'wish-demo-light', estateId: DEMO_ESTATE_ID, authorId: 'user-resident', authorName: '王秀兰', authorPhone: '13900001111', homeId: home, building: '3',
    homeLabel: '3栋1单元201', title: '帮忙换一下厨房灯泡', description: '厨房的灯泡坏了，我够不着，想请人帮忙换一个，灯泡我已经买好了。', category: 'elderly', photos: [],
    deadline: NO_DEADLINE, contact: 'claimer', points: DEFAULT_WISH_POINTS, status: 'open', claimerId: null, claimerName: null, fulfilNote: null, fulfilPhotos: [],
    seq: 1, createdAt: now, updatedAt: now,
  };
  if (!(await store.get(WISH_COLLECTIONS.wishes, wish._id))) {
    await store.insert(WISH_COLLECTIONS.wishes, { ...wish });
    await store.insert(WISH_COLLECTIONS.transitions, { _id: `${wish._id}.1`, wishId: wish._id, estateId: DEMO_ESTATE_ID, from: null, to: 'open', action: 'post', by: 'user-resident', byName: '王秀兰', party: 'author', at: now, reason: null });
  }
  // Points go through the ledger like any others, so the balance is the sum of the entries.
  await ensureAccount(store, DEMO_ESTATE_ID, 'user-volunteer', now);
  await store
    .transaction((tx) => postEntry(tx, { _id: 'seed.service.1', estateId: DEMO_ESTATE_ID, userId: 'user-volunteer', amount: 40, kind: 'service', ref: null, reason: '小区环境清扫志愿服务', by: 'user-branch', at: now }))
    .catch(ignoreExisting);
}

/**
 * A proposal in its owners' vote and a request waiting for the property company, made through
 * the same use cases the functions run, so the demo shows every stage with a real record.
 */
async function seedDeliberation(store: Store, now: number) {
  let n = 0;
  const deps = { store, clock: { now: () => now }, ids: { newId: () => `demo-${now.toString(36)}-${++n}` }, contentCheck: { check: async () => 'pass' as const } };
  const as = (openid: string) => loadSession(store, { openid });
  const p = (
    await createProposal(deps, await as('demo-owner'), {
      title: '小区东门加装人脸识别门禁',
      background: '东门门禁卡经常丢失和被复制，外来人员随意进出，老人孩子出入也不方便。',
      plan: '在东门安装人脸识别门禁一套，保留刷卡和密码开门，录入由物业上门办理；预计两周完工。',
      costFen: 3_800_000,
      funding: 'publicIncome',
      matter: 'm9',
      attachments: [],
    })
  ).data;
  await submitProposal(deps, await as('demo-owner'), { proposalId: p.id });
  await acceptProposal(deps, await as('demo-branch'), { proposalId: p.id, as: 'branch' });
  await approveProposal(deps, await as('demo-branch'), { proposalId: p.id, as: 'branch', opinion: '方案可行，涉及全体业主共同管理，同意提交联审。' });
  await approveProposal(deps, await as('demo-committee'), { proposalId: p.id, as: 'committee', opinion: '同意，费用从公共收益列支。' });
  await approveProposal(deps, await as('demo-property'), { proposalId: p.id, as: 'property', opinion: '同意，物业负责施工协调和人脸录入。' });
  await approveProposal(deps, await as('demo-community'), { proposalId: p.id, as: 'community', opinion: '审定备案，交业主共同决定。', decision: { matter: 'm9', startsAt: now, endsAt: now + 7 * 86_400_000 } });
  await openVote(deps, await as('demo-community'), { proposalId: p.id });
  await submitRequest(deps, await as('demo-resident'), { type: 'repair', category: 'greenery', urgency: 'normal', description: '3栋楼下的树枝挡住了路灯，晚上很黑。', location: { kind: 'building', building: '3' } });
}
