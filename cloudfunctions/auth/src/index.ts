import { authApi } from '../../../src/core/auth/api';
import { login } from '../../../src/core/auth/login';
import { defineFunction } from '../../../server/runtime';

/** 身份: login today; binding to homes and roles arrive with the identity issue. */
export const main = defineFunction(authApi, {
  login: (_input, { caller, deps }) => login(deps, caller),
});
