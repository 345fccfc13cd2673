import { roleApi } from '../../../src/core/role/api';
import { assignRole, listPeople, listStaff, revokeRole, roleHistory } from '../../../src/core/role/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 角色管理: staff roles per estate, granted and revoked by the community role, all recorded. */
export const main = defineFunction(roleApi, {
  list: withSession(listStaff),
  assign: withSession(assignRole),
  revoke: withSession(revokeRole),
  people: withSession(listPeople),
  history: withSession(roleHistory),
});
