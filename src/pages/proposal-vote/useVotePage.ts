import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, toApiError } from '../../api/client';
import type { ProposalDetail } from '../../core/proposal/api';
import type { ProposalStatus } from '../../core/proposal/types';
import type { VoteSummary } from '../../core/vote/api';
import type { ApiState } from '../../hooks/useApi';

/** From these states on the proposal has a vote (open, or closed and counted). */
export const VOTE_PHASES: readonly ProposalStatus[] = ['voting', 'decided', 'implementing', 'completed'];

export interface VotePage {
  detail: ProposalDetail;
  /** vote.status, once the proposal has a vote; null before. */
  vote: VoteSummary | null;
  /** Why vote.status failed, kept apart: the proposal and its result are still shown. */
  voteError: ApiError | null;
  /** When this was read, so the page can say how fresh its figures are (it never refreshes by itself). */
  at: number;
}

export interface VotePageState extends ApiState<VotePage> {
  /** Takes the VoteSummary a cast or a paper ballot answered as the latest. */
  setVote: (vote: VoteSummary) => void;
}

/**
 * The proposal (proposal.get) and, from `voting` on, its vote (vote.status), read together and
 * again only when asked (刷新, the page shown again). An answer that comes late is dropped; a
 * summary a ballot answered is not overwritten by a status read that started before it.
 */
export function useVotePage(proposalId: string): VotePageState {
  const [data, setData] = useState<VotePage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const voteSeq = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    const voteAtStart = voteSeq.current;
    setLoading(true);
    setError(null);
    try {
      if (!proposalId) throw new ApiError('NOT_FOUND', '没有找到这个议题');
      const detail = await api.proposal.get({ proposalId });
      let vote: VoteSummary | null = null;
      let voteError: ApiError | null = null;
      if (VOTE_PHASES.includes(detail.proposal.status)) {
        try {
          vote = await api.vote.status({ proposalId });
        } catch (e) {
          voteError = toApiError(e);
        }
      }
      if (!mounted.current || mine !== seq.current) return;
      setData((prev) => ({
        detail,
        // A ballot answered meanwhile is newer than this read.
        vote: voteSeq.current !== voteAtStart && prev?.vote ? prev.vote : vote,
        voteError: voteSeq.current !== voteAtStart && prev?.vote ? null : voteError,
        at: Date.now(),
      }));
    } catch (e) {
      if (!mounted.current || mine !== seq.current) return;
      setError(toApiError(e));
    } finally {
      if (mounted.current && mine === seq.current) setLoading(false);
    }
  }, [proposalId]);

  const setVote = useCallback((vote: VoteSummary) => {
    voteSeq.current++;
    if (!mounted.current) return;
    setData((prev) => (prev ? { ...prev, vote, voteError: null, at: Date.now() } : prev));
  }, []);

  return { data, error, loading, reload, setVote };
}
