/**
 * Periodic jobs, run by one timer-triggered function (CloudBase timer trigger; an interval in
 * the local cloud). Every job must be idempotent: two runs at once, or one after another,
 * end in the same state as one run and tell nobody anything twice. Later features register
 * theirs here (closing votes, expiring wishes, auto-closing and escalating requests).
 */
import { dispatch, redeliverEvents, retryFailedSends, type DispatchDeps } from '../inbox/dispatch';
import { expireWishes } from '../wish/usecases';
import { runVoteClock } from '../proposal/usecases';
import { runRequestClock } from '../request/usecases';

export interface Job {
  name: string;
  /** Answers how many things it handled. */
  run(deps: DispatchDeps): Promise<number>;
}

export const JOBS: Job[] = [
  { name: 'events.redeliver', run: redeliverEvents },
  { name: 'subscribe.retry', run: retryFailedSends },
  {
    name: 'wish.expire',
    async run(deps) {
      const { count, events } = await expireWishes(deps);
      await dispatch(deps, events);
      return count;
    },
  },
  {
    name: 'vote.clock',
    async run(deps) {
      const { count, events } = await runVoteClock(deps);
      await dispatch(deps, events);
      return count;
    },
  },
  {
    name: 'request.clock',
    async run(deps) {
      const { count, events } = await runRequestClock(deps);
      await dispatch(deps, events);
      return count;
    },
  },
];

/** Runs every job; one failing job does not stop the others. */
export async function runJobs(deps: DispatchDeps, jobs: Job[] = JOBS): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = {};
  for (const job of jobs) {
    try {
      results[job.name] = await job.run(deps);
    } catch (e) {
      results[job.name] = `failed: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
    }
  }
  return results;
}
