import { runJobs } from '../../../src/core/timer/jobs';
import { defineTimer } from '../../../server/runtime';

/** 定时任务: every periodic job (see src/core/timer/jobs.ts), on CloudBase's timer trigger. */
export const main = defineTimer((deps) => runJobs(deps));
