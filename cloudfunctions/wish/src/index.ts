import { wishApi } from '../../../src/core/wish/api';
import {
  approveWish,
  cancelWish,
  claimWish,
  confirmWish,
  disputeWish,
  fulfilWish,
  getWish,
  listWishes,
  myClaims,
  myWishes,
  pendingWishes,
  postWish,
  rejectWish,
  releaseWish,
} from '../../../src/core/wish/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 微心愿: residents' micro-wishes, claimed and fulfilled by volunteers. */
export const main = defineFunction(wishApi, {
  post: withSession(postWish),
  list: withSession(listWishes),
  mine: withSession(myWishes),
  claims: withSession(myClaims),
  get: withSession(getWish),
  pending: withSession(pendingWishes),
  approve: withSession(approveWish),
  reject: withSession(rejectWish),
  claim: withSession(claimWish),
  release: withSession(releaseWish),
  fulfil: withSession(fulfilWish),
  confirm: withSession(confirmWish),
  dispute: withSession(disputeWish),
  cancel: withSession(cancelWish),
});
