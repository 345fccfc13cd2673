import { pointsApi } from '../../../src/core/points/api';
import {
  cancelRedemption,
  configurePoints,
  creditPoints,
  handOver,
  listRedemptions,
  listRewards,
  myPoints,
  myRedemptions,
  ranking,
  redeem,
  reverseEntry,
  saveReward,
  volunteerLedger,
  volunteers,
} from '../../../src/core/points/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 志愿积分与先锋银行: volunteers' points ledger and the rewards they can redeem. */
export const main = defineFunction(pointsApi, {
  mine: withSession(myPoints),
  ranking: withSession(ranking),
  volunteers: withSession(volunteers),
  ledger: withSession(volunteerLedger),
  credit: withSession(creditPoints),
  reverse: withSession(reverseEntry),
  configure: withSession(configurePoints),
  rewards: withSession(listRewards),
  saveReward: withSession(saveReward),
  redeem: withSession(redeem),
  myRedemptions: withSession(myRedemptions),
  redemptions: withSession(listRedemptions),
  handOver: withSession(handOver),
  cancelRedemption: withSession(cancelRedemption),
});
