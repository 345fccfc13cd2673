import { estateApi } from '../../../src/core/estate/api';
import { createEstate, importHomes, listEstates, listHomes } from '../../../src/core/estate/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 小区与房屋登记: the estate register. */
export const main = defineFunction(estateApi, {
  list: withSession(listEstates),
  create: withSession(createEstate),
  importHomes: withSession(importHomes),
  homes: withSession(listHomes),
});
