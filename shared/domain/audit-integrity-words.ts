import type { AuditIntegrity } from './audit-chain.js';
import type { Language } from './categories.js';
import { wordFor, type Words } from './labels.js';
import { formatInstant } from './shanghai-time.js';

/**
 * Why a chain does not hold at an event (here, not in audit-chain.ts, so the console reads them without
 * the hashing module):
 * - altered: the event's content no longer gives its hash (or its hash was removed);
 * - unlinked: the event links to no event the chain reaches: one before it was removed or changed;
 * - missing_latest: the chain ends before the claim's head: the latest event(s) were removed.
 */
export const BROKEN_REASONS = ['altered', 'unlinked', 'missing_latest'] as const;
export type BrokenReason = (typeof BROKEN_REASONS)[number];

/** Why the chain broke, in words; {n} is the record's position in the trail (1 = the first). */
const BROKEN_WORDS = {
  altered: ['审计记录校验失败：第 {n} 条记录被改动', 'Audit trail check failed: record {n} was altered'],
  unlinked: [
    '审计记录校验失败：第 {n} 条记录之前的记录被删除或改动',
    'Audit trail check failed: a record before record {n} was removed or altered',
  ],
  missing_latest: [
    '审计记录校验失败：第 {n} 条之后的记录被删除',
    'Audit trail check failed: records after record {n} were removed',
  ],
} as const satisfies Record<BrokenReason, Words>;

const INTACT_WORDS = {
  intact: [
    '审计记录完整：{total} 条记录均未被改动',
    'The audit trail holds: none of its {total} records was altered',
  ],
  notChainedBefore: [
    '；{date} 之前的 {old} 条记录早于校验链启用，无法校验',
    '; the {old} records before {date} predate the hash chain and cannot be checked',
  ],
  notChained: [
    '审计记录未加校验：{old} 条记录均早于校验链启用',
    'The audit trail is not chained: all {old} records predate the hash chain',
  ],
} as const satisfies Record<string, Words>;

/** The warning when the chain is broken, or null when it holds (the console shows nothing then). */
export function brokenChainWords(integrity: AuditIntegrity, language: Language): string | null {
  if (integrity.intact) return null;
  return brokenLinkWords(integrity.brokenAt, language);
}

/** "审计记录校验失败：第 n 条记录被改动" and its kin, for the link the check found broken. */
export function brokenLinkWords(
  brokenAt: { readonly reason: BrokenReason; readonly index: number },
  language: Language,
): string {
  return wordFor(BROKEN_WORDS, brokenAt.reason, language).replace('{n}', String(brokenAt.index));
}

/** Whether the trail of `total` records holds, in one sentence (the CLI's answer). */
export function auditIntegrityWords(integrity: AuditIntegrity, total: number, language: Language): string {
  const broken = brokenChainWords(integrity, language);
  if (broken !== null || !integrity.intact) return broken ?? '';
  const old = String(integrity.unchained);
  if (integrity.unchained > 0 && integrity.unchained === total)
    return wordFor(INTACT_WORDS, 'notChained', language).replace('{old}', old);
  const intact = wordFor(INTACT_WORDS, 'intact', language).replace('{total}', String(total));
  if (integrity.notChainedBefore === undefined) return intact;
  return (
    intact +
    wordFor(INTACT_WORDS, 'notChainedBefore', language)
      .replace('{old}', old)
      .replace('{date}', formatInstant(integrity.notChainedBefore, language))
  );
}
