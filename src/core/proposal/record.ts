/**
 * The process record (过程公开) of a proposal: every step, who took it in which role, when, with
 * what opinion, and every version of the text. Append-only and tamper-evident: each record
 * carries the SHA-256 of the one before, and its own hash over a canonical form of itself, so
 * changing, removing or reordering any record breaks the chain at that point.
 */
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { ProposalParty, ProposalStatus } from './types';

export const GENESIS = '0'.repeat(64);

export type RecordKind = 'create' | 'edit' | 'submit' | 'accept' | 'approve' | 'sign' | 'reject' | 'returnForRevision' | 'withdraw' | 'position' | 'poll' | 'openVote' | 'closeVote' | 'implement' | 'progress' | 'complete' | 'publish';

export interface ProcessRecord {
  _id: string;
  proposalId: string;
  estateId: string;
  seq: number;
  kind: RecordKind;
  /** A user id, or 'system' for the timer. */
  actorId: string;
  actorName: string;
  /** The capacity the step was taken in (the role a signature needs, or author / system). */
  role: ProposalParty;
  at: number;
  from: ProposalStatus | null;
  to: ProposalStatus | null;
  opinion: string | null;
  /** What the step carried: a version of the text, the decision's terms, a tally, a notice id. */
  data: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same record always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export const hashOf = (record: Omit<ProcessRecord, 'hash' | '_id'>): string => bytesToHex(sha256(utf8ToBytes(canonical(record))));

/** The next record of the chain after `prevHash`, sealed with its hash. */
export function seal(fields: Omit<ProcessRecord, 'hash' | '_id'>): ProcessRecord {
  return { _id: `${fields.proposalId}.${fields.seq}`, ...fields, hash: hashOf(fields) };
}

export interface ChainCheck {
  ok: boolean;
  length: number;
  /** The first record that does not fit (its seq), or null. */
  brokenAt: number | null;
  reason: string | null;
}

/** Recomputes the chain over records in seq order; `head` is the hash the proposal says is last. */
export function verifyChain(records: readonly ProcessRecord[], head?: string): ChainCheck {
  let prev = GENESIS;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const fail = (reason: string): ChainCheck => ({ ok: false, length: records.length, brokenAt: r.seq, reason });
    if (r.seq !== i + 1) return fail('记录缺失或顺序不对');
    if (r.prevHash !== prev) return fail('与上一条记录接不上');
    const { hash, _id, ...fields } = r;
    if (hashOf(fields) !== hash) return fail('记录内容被改动过');
    prev = hash;
  }
  if (head !== undefined && head !== prev) return { ok: false, length: records.length, brokenAt: records.length + 1, reason: '最后的记录缺失' };
  return { ok: true, length: records.length, brokenAt: null, reason: null };
}
