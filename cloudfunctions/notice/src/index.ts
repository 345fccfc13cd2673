import { noticeApi } from '../../../src/core/notice/api';
import {
  createNotice,
  listNotices,
  myDrafts,
  noticeHistory,
  openNotice,
  publishNotice,
  unreadReport,
  updateNotice,
  withdrawNotice,
} from '../../../src/core/notice/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 公告: notices published by the branch, committee, property and community. */
export const main = defineFunction(noticeApi, {
  create: withSession(createNotice),
  update: withSession(updateNotice),
  publish: withSession(publishNotice),
  withdraw: withSession(withdrawNotice),
  list: withSession(listNotices),
  drafts: withSession(myDrafts),
  get: withSession(openNotice),
  unread: withSession(unreadReport),
  history: withSession(noticeHistory),
});
