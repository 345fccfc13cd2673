/**
 * How long the owners' vote tally takes for a large estate, in-process (run by `npm run bench`):
 * the close of a vote counts every ballot with it, so it must stay far below the timer's 60 s.
 */
import { tallyOwnersVote, type Choice } from '../src/core';

const CHOICES: Choice[] = ['yes', 'no', 'abstain'];
for (const homes of [1_000, 5_000, 20_000]) {
  const register = Array.from({ length: homes }, (_, i) => ({ id: `h${i}`, area: 60 + (i % 90) + (i % 7) / 100, ownerId: i % 50 === 0 ? 'developer' : `o${Math.floor(i / 2)}` }));
  const owners = [...new Set(register.map((h) => h.ownerId))];
  const ballots = owners.filter((_, i) => i % 4 !== 0).map((ownerId, i) => ({ ownerId, choice: CHOICES[i % 3] }));
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const t = process.hrtime.bigint();
    tallyOwnersVote({ matter: 6, homes: register, ballots });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`tallyOwnersVote: ${homes} homes, ${owners.length} owners, ${ballots.length} ballots: ${times[3].toFixed(2)} ms (median of 7)`);
}
