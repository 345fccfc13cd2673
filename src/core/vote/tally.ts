/**
 * Counting votes exactly as the law says. Pure: the same functions count the real votes on the
 * server, and the tests check them against the text of the law.
 *
 * Owners' decisions (业主共同决定), Civil Code art. 278:
 *   - participation: owners holding at least 2/3 of the total private floor area AND at least
 *     2/3 of the owners take part ("以上" includes the line: ≥);
 *   - matters 6–8 (raising maintenance funds; rebuilding or reconstruction; changing the use of
 *     common parts or using them for business): at least 3/4 of the participating area AND at
 *     least 3/4 of the participating owners approve (≥);
 *   - every other matter: more than half ("过半数": strictly >) of the participating area AND of
 *     the participating owners approve.
 * Counting heads (Supreme People's Court interpretation on building ownership, 2009, arts. 8–9,
 * as amended 2020): the area is each home's registered area; one home counts as one owner, but
 * one buyer holding several homes counts as one, and the developer's unsold or undelivered homes
 * together count as one. Abstaining is taking part; not voting is not.
 *
 * Areas are counted in whole hundredths of a square metre and every threshold is compared by
 * cross-multiplying integers (3·part ≥ 2·total), never as a floating-point ratio.
 */

export type Choice = 'yes' | 'no' | 'abstain';
export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

/** The nine matters of Civil Code art. 278, numbered as the article numbers them. */
export type Matter = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** Matters that need 3/4 rather than more than half: raising funds, rebuilding, changing use. */
export const SUPERMAJORITY_MATTERS: readonly Matter[] = [6, 7, 8];

/** The owner id that marks the developer's unsold or undelivered homes (together one owner). */
export const DEVELOPER = 'developer';

export interface OwnersVoteInput {
  matter: Matter;
  /** The home register: area in m² with at most two decimals. */
  homes: ReadonlyArray<{ id: string; area: number; ownerId: string }>;
  /** One per owner; should an owner appear twice, the later ballot counts. */
  ballots: ReadonlyArray<{ ownerId: string; choice: Choice }>;
}

export interface OwnersVoteTally {
  /** Owners who took part (any choice), their area in m², and whether both 2/3 lines are met. */
  participation: { owners: number; area: number; met: boolean };
  /** Owners who approved, their area in m², and whether the matter's approval lines are met. */
  approval: { owners: number; area: number; met: boolean };
  passed: boolean;
}

/** m² with at most two decimals → whole hundredths; anything else is refused, not rounded. */
export function areaToHundredths(area: number): number {
  if (typeof area !== 'number' || !Number.isFinite(area) || area < 0) throw new RangeError(`面积必须是非负数：${area}`);
  const hundredths = Math.round(area * 100);
  // 89.37 * 100 is 8936.999…; the register's two decimals survive the round trip exactly.
  if (Math.abs(hundredths - area * 100) > 1e-6 || !Number.isSafeInteger(hundredths)) throw new RangeError(`面积最多两位小数：${area}`);
  return hundredths;
}

const toM2 = (hundredths: number) => hundredths / 100;

/** The counting itself, on integer areas; `tallyOwnersVote` is its m² face. */
export function tallyOwnersVoteDm2(input: { matter: Matter; homes: ReadonlyArray<{ id: string; areaDm2: number; ownerId: string }>; ballots: OwnersVoteInput['ballots'] }) {
  if (!Number.isInteger(input.matter) || input.matter < 1 || input.matter > 9) throw new RangeError(`事项必须是第 1–9 项：${input.matter}`);
  const areaOf = new Map<string, number>();
  const seenHomes = new Set<string>();
  for (const h of input.homes) {
    if (seenHomes.has(h.id)) throw new RangeError(`房屋重复：${h.id}`);
    seenHomes.add(h.id);
    if (!Number.isSafeInteger(h.areaDm2) || h.areaDm2 < 0) throw new RangeError(`面积无效：${h.id}`);
    areaOf.set(h.ownerId, (areaOf.get(h.ownerId) ?? 0) + h.areaDm2);
  }
  const totalOwners = areaOf.size;
  let totalArea = 0;
  for (const a of areaOf.values()) totalArea += a;

  // The last ballot of each owner counts; ballots of people who own nothing here do not.
  const choiceOf = new Map<string, Choice>();
  for (const b of input.ballots) {
    if (!CHOICES.includes(b.choice)) throw new RangeError(`选择无效：${String(b.choice)}`);
    if (areaOf.has(b.ownerId)) choiceOf.set(b.ownerId, b.choice);
  }
  let partOwners = 0;
  let partArea = 0;
  let yesOwners = 0;
  let yesArea = 0;
  for (const [ownerId, choice] of choiceOf) {
    const area = areaOf.get(ownerId)!;
    partOwners += 1;
    partArea += area;
    if (choice === 'yes') {
      yesOwners += 1;
      yesArea += area;
    }
  }

  // Each line by head and by area separately, so that a result can say which one fell short.
  const twoThirds = (part: number, total: number) => total > 0 && 3 * part >= 2 * total;
  const supermajority = SUPERMAJORITY_MATTERS.includes(input.matter);
  const approves = (yes: number, part: number) => part > 0 && (supermajority ? 4 * yes >= 3 * part : 2 * yes > part);
  const participation = { headsMet: twoThirds(partOwners, totalOwners), areaMet: twoThirds(partArea, totalArea) };
  const approval = { headsMet: approves(yesOwners, partOwners), areaMet: approves(yesArea, partArea) };
  const participationMet = participation.headsMet && participation.areaMet;
  const approvalMet = approval.headsMet && approval.areaMet;
  return {
    totals: { owners: totalOwners, areaDm2: totalArea },
    participation: { owners: partOwners, areaDm2: partArea, met: participationMet, ...participation },
    approval: { owners: yesOwners, areaDm2: yesArea, met: approvalMet, ...approval },
    passed: participationMet && approvalMet,
  };
}

/**
 * Tallies an owners' vote under Civil Code art. 278 (see the file's header for the rules).
 *
 * @example
 * tallyOwnersVote({ matter: 5, homes: [{ id: 'a', area: 90, ownerId: 'a' }, …], ballots: [{ ownerId: 'a', choice: 'yes' }, …] })
 * // → { participation: { owners, area, met }, approval: { owners, area, met }, passed }
 */
export function tallyOwnersVote(input: OwnersVoteInput): OwnersVoteTally {
  const t = tallyOwnersVoteDm2({ matter: input.matter, homes: input.homes.map((h) => ({ id: h.id, ownerId: h.ownerId, areaDm2: areaToHundredths(h.area) })), ballots: input.ballots });
  return {
    participation: { owners: t.participation.owners, area: toM2(t.participation.areaDm2), met: t.participation.met },
    approval: { owners: t.approval.owners, area: toM2(t.approval.areaDm2), met: t.approval.met },
    passed: t.passed,
  };
}

/** A committee vote: each member once, passed by more than half of all members (not of those voting). */
export function tallyCommitteeVote(input: { members: readonly string[]; ballots: ReadonlyArray<{ userId: string; choice: Choice }> }) {
  const members = new Set(input.members);
  const choiceOf = new Map<string, Choice>();
  for (const b of input.ballots) if (members.has(b.userId)) choiceOf.set(b.userId, b.choice);
  const count = (c: Choice) => [...choiceOf.values()].filter((x) => x === c).length;
  const yes = count('yes');
  return { members: members.size, voted: choiceOf.size, yes, no: count('no'), abstain: count('abstain'), passed: members.size > 0 && 2 * yes > members.size };
}

/** An advisory count: answers by option, nothing passes or fails. */
export function tallyAdvisory(options: readonly string[], answers: ReadonlyArray<{ option: string }>) {
  const counts = Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number>;
  for (const a of answers) if (a.option in counts) counts[a.option] += 1;
  return { counts, total: answers.filter((a) => a.option in counts).length };
}
