import * as z from 'zod';
import { action } from '../shared/api';
import { cursor, id } from '../shared/schemas';
import type { MatterCode, VoteKind } from '../proposal/types';
import type { Choice } from './tally';

export interface VoteSummary {
  proposalId: string;
  kind: VoteKind;
  matter: MatterCode;
  status: 'open' | 'closed';
  startsAt: number;
  endsAt: number;
  /** Everyone on the roll: owners (by head) and their area in dm²; members; or homes. */
  electorate: { voters: number; areaDm2: number };
  /** Who has voted so far (live); never how. */
  participation: { voters: number; areaDm2: number };
  /** The 2/3 lines of an owners' vote, in voters and dm², to draw against. */
  lines: { voters: number; areaDm2: number } | null;
  /** Whom the caller may vote for (their owner record, themselves, their homes), with their ballot if cast. */
  mine: Array<{ voterKey: string; label: string; areaDm2: number; choice: Choice | null; channel: 'online' | 'paper' | null; castAt: number | null }>;
  /** After the close only: the full tally (also on the proposal). */
  closedAt: number | null;
}

export interface NonVoter {
  voterKey: string;
  /** The homes to knock at: 3栋1单元201. */
  homes: string[];
  /** The bound owner's name, masked (王*), when one is bound. */
  name: string | null;
  areaDm2: number;
}

const choice = z.enum(['yes', 'no', 'abstain']);

/** The `vote` function: ballots in owners', committee and advisory votes. */
export const voteApi = {
  status: action<VoteSummary>()({
    summary: '表决的实时参与情况（人数和面积，对照三分之二线），我的选票；表决结束前不显示赞成反对的情况',
    input: z.object({ proposalId: id() }).strict(),
    reply: 'VoteSummary',
  }),
  cast: action<VoteSummary>()({
    summary: '投票：赞成、反对或弃权；截止前可以改，以最后一次为准；一位业主无论从哪个渠道只算一票；权重由服务器按登记面积确定',
    input: z.object({ proposalId: id(), choice, voterKey: id().optional() }).strict(),
    reply: 'VoteSummary',
  }),
  paper: action<VoteSummary>()({
    summary: '业委会录入上门收集的纸质选票，记录录入人；同一业主的网上选票与纸质选票以最后一次为准',
    input: z.object({ proposalId: id(), voterKey: id(), choice }).strict(),
    reply: 'VoteSummary',
  }),
  nonVoters: action<{ items: NonVoter[]; nextCursor: string | null }>()({
    summary: '业委会：尚未投票的业主（姓名打码，列出门牌），用于上门动员',
    input: z.object({ proposalId: id(), cursor: cursor() }).strict(),
    reply: '{ items: [NonVoter], nextCursor }',
  }),
};
