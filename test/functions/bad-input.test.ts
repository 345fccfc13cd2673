/**
 * Bad input on every action of every function, generated from the action table: an unknown
 * field, each declared field with a value of the wrong type, each required field missing.
 * Every one answers INVALID_INPUT in Chinese and writes nothing.
 */
import * as z from 'zod';
import { API } from '../../src/core/api';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

const COLLECTIONS = [
  'users', 'identities', 'roles', 'roleChanges', 'estates', 'homes', 'bindings', 'notices', 'inbox', 'events',
  'wishes', 'wishTransitions', 'pointsLedger', 'pointsAccounts', 'pointsSettings', 'rewards', 'redemptions',
  'proposals', 'proposalRecords', 'proposalComments', 'proposalPolls', 'pollAnswers', 'votes', 'voteRolls', 'ballots', 'ballotLog',
  'requests', 'requestSteps', 'requestSettings',
];

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.stop());

const snapshot = async () => Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, await cloud.store.count(c)])));

/** A value of the wrong type for a JSON Schema property. */
const wrongFor = (schema: { type?: string; anyOf?: Array<{ type?: string }> }) => {
  // A nullable field (anyOf: [string, null]…): an object, which none of them is.
  if (!schema.type && schema.anyOf && !schema.anyOf.some((s) => s.type === 'object')) return { not: 'of any allowed type' };
  return schema.type === 'string' ? { not: 'a string' } : 'not-of-this-type';
};

const cases: Array<[string, string, Record<string, unknown>]> = Object.entries(API).flatMap(([fn, actions]) =>
  Object.entries(actions).flatMap(([action, spec]) => {
    const schema = z.toJSONSchema(spec.input, { io: 'input' }) as { properties?: Record<string, { type?: string; anyOf?: Array<{ type?: string }> }>; required?: string[] };
    const props = schema.properties ?? {};
    const good = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, p.type === 'boolean' ? true : 'x']));
    const out: Array<[string, string, Record<string, unknown>]> = [[`${fn}.${action}`, 'an unknown field', { action, ...good, sneaky: 1 }]];
    for (const [k, p] of Object.entries(props)) out.push([`${fn}.${action}`, `${k} of the wrong type`, { action, ...good, [k]: wrongFor(p) }]);
    for (const k of schema.required ?? []) {
      const { [k]: _omitted, ...rest } = good;
      out.push([`${fn}.${action}`, `${k} missing`, { action, ...rest }]);
    }
    return out.map(([a, what, body]): [string, string, Record<string, unknown>] => [a, what, body]);
  }),
);

it.each(cases)('%s with %s → INVALID_INPUT, nothing written', async (qualified, _what, body) => {
  const fn = qualified.split('.')[0];
  const before = await snapshot();
  const reply = await cloud.call(fn, body, 'demo-community');
  expect(reply.ok).toBe(false);
  expect(reply.error.code).toBe('INVALID_INPUT');
  expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await snapshot()).toEqual(before);
});

it('refuses oversized payloads and unknown actions on every function', async () => {
  for (const fn of Object.keys(API)) {
    const before = await snapshot();
    expect((await cloud.call(fn, { action: 'nope' }, 'demo-community')).error.code).toBe('INVALID_INPUT');
    expect((await cloud.call(fn, { action: Object.keys(API[fn as keyof typeof API])[0], x: 'y'.repeat(70_000) }, 'demo-community')).error.code).toBe('INVALID_INPUT');
    expect((await cloud.call(fn, { action: Object.keys(API[fn as keyof typeof API])[0] }, null)).error.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  }
});
