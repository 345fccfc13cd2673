/**
 * The core's public face for code outside the app (scripts, other tools, reviewers' checks):
 * the vote tallies, exactly as the law counts (see vote/tally.ts).
 */
export { tallyOwnersVote, tallyCommitteeVote, tallyAdvisory, areaToHundredths, DEVELOPER, SUPERMAJORITY_MATTERS } from './vote/tally';
export type { OwnersVoteInput, OwnersVoteTally, Choice, Matter } from './vote/tally';
