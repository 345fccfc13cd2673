import { requestApi } from '../../../src/core/request/api';
import {
  acceptRequest,
  addNote,
  configureRequests,
  confirmRequest,
  dashboard,
  exportFigures,
  getRequest,
  myRequests,
  propertyStaff,
  queue,
  reopenRequest,
  requestSettings,
  resolveRequest,
  similarRequests,
  submitRequest,
  supportRequest,
  transferRequest,
  withdrawRequest,
} from '../../../src/core/request/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 诉求: residents' requests to the property company, on a service-level clock. */
export const main = defineFunction(requestApi, {
  submit: withSession(submitRequest),
  similar: withSession(similarRequests),
  support: withSession(supportRequest),
  withdraw: withSession(withdrawRequest),
  mine: withSession(myRequests),
  get: withSession(getRequest),
  queue: withSession(queue),
  staff: withSession(propertyStaff),
  accept: withSession(acceptRequest),
  note: withSession(addNote),
  transfer: withSession(transferRequest),
  resolve: withSession(resolveRequest),
  confirm: withSession(confirmRequest),
  reopen: withSession(reopenRequest),
  dashboard: withSession(dashboard),
  export: withSession(exportFigures),
  settings: withSession(requestSettings),
  configure: withSession(configureRequests),
});
