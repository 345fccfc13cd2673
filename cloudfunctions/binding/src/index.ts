import { bindingApi } from '../../../src/core/binding/api';
import { applyBinding, approveBinding, myBindings, pendingBindings, rejectBinding, withdrawBinding } from '../../../src/core/binding/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 房屋绑定与认证: residents bind to homes; branch, property or community review. */
export const main = defineFunction(bindingApi, {
  apply: withSession(applyBinding),
  mine: withSession(myBindings),
  pending: withSession(pendingBindings),
  approve: withSession(approveBinding),
  reject: withSession(rejectBinding),
  withdraw: withSession(withdrawBinding),
});
