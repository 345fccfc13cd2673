import { proposalApi } from '../../../src/core/proposal/api';
import {
  acceptProposal,
  answerPoll,
  approveProposal,
  attachPoll,
  closeVote,
  commentOnProposal,
  completeProposal,
  createProposal,
  getProposal,
  implementProposal,
  listComments,
  listProposals,
  openVote,
  recordProgress,
  rejectProposal,
  returnProposal,
  statePosition,
  submitProposal,
  updateProposal,
  verifyProposal,
  withdrawProposal,
} from '../../../src/core/proposal/usecases';
import type { ProposalView } from '../../../src/core/proposal/api';
import type { Outcome } from '../../../src/core/shared/events';
import { defineFunction, withSession } from '../../../server/runtime';

/** A person acting: the vote's open and close also run for the timer, which has no view to answer. */
const asPerson = (o: Outcome<ProposalView | null>): Outcome<ProposalView> => ({ data: o.data!, events: o.events });

/** 四方议事: proposals through 一议三审三公开. */
export const main = defineFunction(proposalApi, {
  create: withSession(createProposal),
  update: withSession(updateProposal),
  submit: withSession(submitProposal),
  withdraw: withSession(withdrawProposal),
  list: withSession(listProposals),
  get: withSession(getProposal),
  accept: withSession(acceptProposal),
  approve: withSession(approveProposal),
  reject: withSession(rejectProposal),
  returnForRevision: withSession(returnProposal),
  comment: withSession(commentOnProposal),
  comments: withSession(listComments),
  position: withSession(statePosition),
  attachPoll: withSession(attachPoll),
  answerPoll: withSession(answerPoll),
  openVote: withSession(async (deps, session, input: { proposalId: string }) => asPerson(await openVote(deps, session, input))),
  closeVote: withSession(async (deps, session, input: { proposalId: string }) => asPerson(await closeVote(deps, session, input))),
  implement: withSession(implementProposal),
  progress: withSession(recordProgress),
  complete: withSession(completeProposal),
  verify: withSession(verifyProposal),
});
