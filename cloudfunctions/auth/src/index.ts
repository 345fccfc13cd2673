import { authApi } from '../../../src/core/auth/api';
import { login, switchEstate } from '../../../src/core/auth/login';
import { defineFunction, withSession } from '../../../server/runtime';

/** 身份: log in, switch the estate one acts in. */
export const main = defineFunction(authApi, {
  login: (_input, { caller, deps }) => login(deps, caller),
  switchEstate: withSession(switchEstate),
});
