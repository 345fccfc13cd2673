/**
 * `tallyOwnersVote` against the text of the law (DESIGN.md, Votes):
 *   Civil Code art. 278 — participation by owners holding ≥ 2/3 of the area and ≥ 2/3 of the
 *   owners; matters 6–8 approved by ≥ 3/4 of the participating area and owners; other matters by
 *   more than half (过半数, strictly) of both. 2009 SPC interpretation arts. 8–9 — one home one
 *   owner, one buyer of several homes one owner, the developer's unsold homes together one.
 * Every boundary is tried on both sides, by area and by head separately.
 */
import { tallyCommitteeVote, tallyOwnersVote, type Choice, type Matter } from '../../src/core';
import { tallyOwnersVoteDm2 } from '../../src/core/vote/tally';

/** `n` homes of `area` m² each, one owner per home: h1…hn. */
const homes = (n: number, area = 100, prefix = 'h') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, area, ownerId: `${prefix}${i + 1}` }));
const ballots = (ids: string[], choice: Choice) => ids.map((ownerId) => ({ ownerId, choice }));
const ids = (from: number, to: number, prefix = 'h') => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
const ALL_MATTERS: Matter[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('participation: ≥ 2/3 of the area AND ≥ 2/3 of the owners', () => {
  it('is met at exactly 2/3 by area and by head (以上 includes the line)', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(6), ballots: ballots(ids(1, 4), 'yes') });
    expect(t.participation).toEqual({ owners: 4, area: 400, met: true });
  });

  it('is not met one owner short of 2/3', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(6), ballots: ballots(ids(1, 3), 'yes') });
    expect(t.participation).toEqual({ owners: 3, area: 300, met: false });
    expect(t.passed).toBe(false);
  });

  it('is not met when the area reaches 2/3 but the heads do not', () => {
    // Two large homes (200 m² each) and four small ones (50 m²): total 600 m², 6 owners.
    const register = [...homes(2, 200, 'big'), ...homes(4, 50, 'small')];
    const t = tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(['big1', 'big2'], 'yes') });
    expect(t.participation).toEqual({ owners: 2, area: 400, met: false }); // 400/600 = 2/3 of area, 2/6 heads
  });

  it('is not met when the heads reach 2/3 but the area does not', () => {
    const register = [...homes(2, 200, 'big'), ...homes(4, 50, 'small')];
    const t = tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(ids(1, 4, 'small'), 'yes') });
    expect(t.participation).toEqual({ owners: 4, area: 200, met: false }); // 4/6 heads, 200/600 area
  });

  it('counts abstaining as taking part, and not voting as not', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(3), ballots: [...ballots(['h1'], 'abstain'), ...ballots(['h2'], 'no')] });
    expect(t.participation).toEqual({ owners: 2, area: 200, met: true });
  });

  it('compares exactly at two decimals: 66.67 of 100.00 m² meets 2/3, 66.66 does not', () => {
    const register = [
      { id: 'a', area: 33.33, ownerId: 'a' },
      { id: 'b', area: 33.34, ownerId: 'b' },
      { id: 'c', area: 33.33, ownerId: 'c' },
    ];
    expect(tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(['a', 'b'], 'yes') }).participation).toEqual({ owners: 2, area: 66.67, met: true });
    expect(tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(['a', 'c'], 'yes') }).participation).toEqual({ owners: 2, area: 66.66, met: false });
  });
});

describe('approval for matters 1–5 and 9: more than half (过半数) of the participating area AND owners', () => {
  const everyone = homes(6);

  it.each([1, 2, 3, 4, 5, 9] as Matter[])('matter %i fails at exactly half and passes one over', (matter) => {
    const half = tallyOwnersVote({ matter, homes: everyone, ballots: [...ballots(ids(1, 3), 'yes'), ...ballots(ids(4, 6), 'no')] });
    expect(half.approval).toEqual({ owners: 3, area: 300, met: false });
    expect(half.passed).toBe(false);
    const over = tallyOwnersVote({ matter, homes: everyone, ballots: [...ballots(ids(1, 4), 'yes'), ...ballots(ids(5, 6), 'no')] });
    expect(over.approval).toEqual({ owners: 4, area: 400, met: true });
    expect(over.passed).toBe(true);
  });

  it('fails when more than half the area approves but not more than half the heads', () => {
    const register = [...homes(1, 300, 'big'), ...homes(3, 100, 'small')]; // 600 m², 4 owners
    const t = tallyOwnersVote({ matter: 4, homes: register, ballots: [...ballots(['big1'], 'yes'), ...ballots(ids(1, 3, 'small'), 'no')] });
    expect(t.participation.met).toBe(true);
    expect(t.approval).toEqual({ owners: 1, area: 300, met: false });
  });

  it('fails when more than half the heads approve but not more than half the area', () => {
    const register = [...homes(1, 300, 'big'), ...homes(3, 100, 'small')];
    const t = tallyOwnersVote({ matter: 4, homes: register, ballots: [...ballots(['big1'], 'no'), ...ballots(ids(1, 3, 'small'), 'yes')] });
    expect(t.approval).toEqual({ owners: 3, area: 300, met: false }); // 3/4 heads, 300/600 = exactly half the area
  });

  it('counts abstentions in the base: 3 yes, 1 no, 2 abstain of 6 is not more than half', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(6), ballots: [...ballots(ids(1, 3), 'yes'), ...ballots(['h4'], 'no'), ...ballots(ids(5, 6), 'abstain')] });
    expect(t.approval.met).toBe(false);
  });
});

describe('approval for matters 6–8: at least 3/4 of the participating area AND owners', () => {
  const eight = homes(8);

  it.each([6, 7, 8] as Matter[])('matter %i passes at exactly 3/4 and fails just below', (matter) => {
    const exactly = tallyOwnersVote({ matter, homes: eight, ballots: [...ballots(ids(1, 6), 'yes'), ...ballots(ids(7, 8), 'no')] });
    expect(exactly.approval).toEqual({ owners: 6, area: 600, met: true });
    expect(exactly.passed).toBe(true);
    const below = tallyOwnersVote({ matter, homes: eight, ballots: [...ballots(ids(1, 5), 'yes'), ...ballots(ids(6, 8), 'no')] });
    expect(below.approval.met).toBe(false);
    expect(below.passed).toBe(false);
  });

  it('5 of 8 (62.5 %) passes an ordinary matter but not matter 6', () => {
    const b = [...ballots(ids(1, 5), 'yes'), ...ballots(ids(6, 8), 'no')];
    expect(tallyOwnersVote({ matter: 5, homes: eight, ballots: b }).passed).toBe(true);
    expect(tallyOwnersVote({ matter: 6, homes: eight, ballots: b }).passed).toBe(false);
  });

  it('fails at 3/4 of the heads when the area falls short, and the reverse', () => {
    // 4 owners: one of 130 m², three of 90 m²; total 400 m².
    const register = [...homes(1, 130, 'big'), ...homes(3, 90, 'small')];
    const headsOnly = tallyOwnersVote({ matter: 7, homes: register, ballots: [...ballots(ids(1, 3, 'small'), 'yes'), ...ballots(['big1'], 'no')] });
    expect(headsOnly.approval).toEqual({ owners: 3, area: 270, met: false }); // 3/4 heads, 270/400 < 3/4 area
    const areaOnly = tallyOwnersVote({ matter: 7, homes: register, ballots: [...ballots(['big1', 'small1', 'small2'], 'yes'), ...ballots(['small3'], 'no')] });
    expect(areaOnly.approval).toEqual({ owners: 3, area: 310, met: true }); // 3/4 heads and 310/400 ≥ 3/4
    const areaButNotHeads = tallyOwnersVote({ matter: 8, homes: [...homes(1, 400, 'big'), ...homes(3, 10, 'small')], ballots: [...ballots(['big1', 'small1'], 'yes'), ...ballots(['small2', 'small3'], 'no')] });
    expect(areaButNotHeads.approval).toEqual({ owners: 2, area: 410, met: false }); // 410/430 area, 2/4 heads
  });
});

describe('counting heads (SPC interpretation arts. 8–9)', () => {
  it('counts one buyer of several homes as one owner, with all their area', () => {
    // 'wang' holds three homes; four others hold one each: 5 owners, 700 m².
    const register = [
      { id: 'w1', area: 100, ownerId: 'wang' },
      { id: 'w2', area: 100, ownerId: 'wang' },
      { id: 'w3', area: 100, ownerId: 'wang' },
      ...homes(4),
    ];
    const t = tallyOwnersVote({ matter: 5, homes: register, ballots: [...ballots(['wang', 'h1', 'h2', 'h3'], 'yes')] });
    expect(t.participation).toEqual({ owners: 4, area: 600, met: true }); // 4/5 heads, 600/700 area
    expect(t.approval).toEqual({ owners: 4, area: 600, met: true });
  });

  it('counts the developer’s unsold homes together as one owner', () => {
    const register = [...Array.from({ length: 10 }, (_, i) => ({ id: `d${i}`, area: 100, ownerId: 'developer' })), ...homes(2)];
    // 3 owners (developer + 2), 1200 m². The two buyers alone are 2/3 of heads but not of area.
    const buyers = tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(['h1', 'h2'], 'yes') });
    expect(buyers.participation).toEqual({ owners: 2, area: 200, met: false });
    const withDeveloper = tallyOwnersVote({ matter: 5, homes: register, ballots: [...ballots(['developer', 'h1'], 'yes')] });
    expect(withDeveloper.participation).toEqual({ owners: 2, area: 1100, met: true });
  });

  it('counts an owner who voted twice once, by the later ballot', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(3), ballots: [{ ownerId: 'h1', choice: 'no' }, { ownerId: 'h2', choice: 'yes' }, { ownerId: 'h1', choice: 'yes' }] });
    expect(t.participation.owners).toBe(2);
    expect(t.approval).toEqual({ owners: 2, area: 200, met: true });
  });

  it('ignores a ballot from someone who owns nothing in the register', () => {
    const t = tallyOwnersVote({ matter: 5, homes: homes(3), ballots: [...ballots(['h1', 'h2'], 'yes'), ...ballots(['stranger'], 'no')] });
    expect(t.participation.owners).toBe(2);
  });
});

describe('edge cases', () => {
  it.each(ALL_MATTERS)('matter %i: nobody votes — nothing is met, nothing passes', (matter) => {
    expect(tallyOwnersVote({ matter, homes: homes(5), ballots: [] })).toEqual({
      participation: { owners: 0, area: 0, met: false },
      approval: { owners: 0, area: 0, met: false },
      passed: false,
    });
  });

  it.each(ALL_MATTERS)('matter %i: everyone abstains — participation met, approval not', (matter) => {
    const t = tallyOwnersVote({ matter, homes: homes(5), ballots: ballots(ids(1, 5), 'abstain') });
    expect(t).toEqual({ participation: { owners: 5, area: 500, met: true }, approval: { owners: 0, area: 0, met: false }, passed: false });
  });

  it('adds areas with two decimals exactly', () => {
    const register = [
      { id: 'a', area: 0.1, ownerId: 'a' },
      { id: 'b', area: 0.2, ownerId: 'b' },
      { id: 'c', area: 89.37, ownerId: 'c' },
    ];
    const t = tallyOwnersVote({ matter: 5, homes: register, ballots: ballots(['a', 'b', 'c'], 'yes') });
    expect(t.participation.area).toBe(89.67);
    expect(t.approval.area).toBe(89.67);
  });

  it('refuses areas with more than two decimals, negative areas, and matters outside 1–9', () => {
    expect(() => tallyOwnersVote({ matter: 5, homes: [{ id: 'a', area: 80.125, ownerId: 'a' }], ballots: [] })).toThrow(RangeError);
    expect(() => tallyOwnersVote({ matter: 5, homes: [{ id: 'a', area: -1, ownerId: 'a' }], ballots: [] })).toThrow(RangeError);
    expect(() => tallyOwnersVote({ matter: 10 as Matter, homes: homes(1), ballots: [] })).toThrow(RangeError);
    expect(() => tallyOwnersVote({ matter: 5, homes: [...homes(1), ...homes(1)], ballots: [] })).toThrow(RangeError);
  });

  it('passes nothing in an empty register', () => {
    expect(tallyOwnersVote({ matter: 5, homes: [], ballots: [] }).passed).toBe(false);
  });
});

describe('committee votes: a majority of all members', () => {
  const members = ['a', 'b', 'c', 'd', 'e'];
  it('passes with 3 of 5 and fails with 2 yes, even if the others abstain or do not vote', () => {
    expect(tallyCommitteeVote({ members, ballots: ballots(['a', 'b', 'c'], 'yes').map((b) => ({ userId: b.ownerId, choice: b.choice })) }).passed).toBe(true);
    expect(tallyCommitteeVote({ members, ballots: [{ userId: 'a', choice: 'yes' }, { userId: 'b', choice: 'yes' }, { userId: 'c', choice: 'abstain' }] }).passed).toBe(false);
  });
  it('fails at exactly half of an even committee and ignores non-members', () => {
    const four = ['a', 'b', 'c', 'd'];
    expect(tallyCommitteeVote({ members: four, ballots: [{ userId: 'a', choice: 'yes' }, { userId: 'b', choice: 'yes' }, { userId: 'x', choice: 'yes' }] })).toMatchObject({ yes: 2, passed: false });
  });
});

describe('which line fell short (for the published reason)', () => {
  it('says whether heads and area each met the line', () => {
    const register = [...homes(2, 200, 'big'), ...homes(4, 50, 'small')].map((h) => ({ id: h.id, ownerId: h.ownerId, areaDm2: h.area * 100 }));
    const areaOnly = tallyOwnersVoteDm2({ matter: 5, homes: register, ballots: ballots(['big1', 'big2'], 'yes') });
    expect(areaOnly.participation).toMatchObject({ met: false, headsMet: false, areaMet: true });
    const headsOnly = tallyOwnersVoteDm2({ matter: 5, homes: register, ballots: [...ballots(ids(1, 4, 'small'), 'yes'), ...ballots(['big1'], 'no')] });
    expect(headsOnly.participation).toMatchObject({ met: true, headsMet: true, areaMet: true });
    expect(headsOnly.approval).toMatchObject({ met: false, headsMet: true, areaMet: false }); // 4 of 5 heads, 200 of 400 m²
  });
});
