import { voteApi } from '../../../src/core/vote/api';
import { castBallot, enterPaperBallot, nonVoters, voteStatus } from '../../../src/core/vote/usecases';
import { defineFunction, withSession } from '../../../server/runtime';

/** 表决: ballots in owners', committee and advisory votes. */
export const main = defineFunction(voteApi, {
  status: withSession(voteStatus),
  cast: withSession(castBallot),
  paper: withSession(enterPaperBallot),
  nonVoters: withSession(nonVoters),
});
