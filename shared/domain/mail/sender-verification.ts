/**
 * Whether SES's authentication verdicts vouch for a message's From address: the one fact that lets a
 * reply matched by its sender (claim number in the subject, In-Reply-To, the sender's latest claim) be
 * added to that sender's claim. Anyone can write any From; SPF and DKIM say which domain really sent
 * or signed the message, DMARC whether that domain is the From's.
 */

/** SES's verdicts on one message, as its "Received" notification carries them (absent: not given). */
export interface SenderEvidence {
  readonly spf?: string | undefined;
  readonly dkim?: string | undefined;
  readonly dmarc?: string | undefined;
  /** The envelope sender (MAIL FROM), which SPF checked. */
  readonly envelopeFrom: string;
  /** The From address our parser read, or null when there is none. */
  readonly headerFrom: string | null;
  /** The From header as SES read it (`mail.commonHeaders.from`), when the notification carries it. */
  readonly sesFrom?: readonly string[] | undefined;
}

const UNVERIFIED_REASONS = [
  'dmarc_fail',
  'dmarc_processing_failed',
  'no_aligned_pass',
  'no_from',
  'from_mismatch',
] as const satisfies readonly UnverifiedReason[];

export function isUnverifiedReason(value: string): value is UnverifiedReason {
  return UNVERIFIED_REASONS.some((r) => r === value);
}

export type UnverifiedReason =
  /** DMARC says the From domain did not send this message. */
  | 'dmarc_fail'
  /** SES could not evaluate DMARC. */
  | 'dmarc_processing_failed'
  /** No SPF or DKIM pass that is tied to the From domain. */
  | 'no_aligned_pass'
  /** No From address to verify. */
  | 'no_from'
  /** SES read another From header than our parser did (two From headers, or an odd one). */
  | 'from_mismatch';

export type SenderVerification =
  { readonly kind: 'verified' } | { readonly kind: 'unverified'; readonly reason: UnverifiedReason };

/**
 * 'verified' when SPF or DKIM passed and DMARC did not fail:
 * - DMARC PASS: an SPF or DKIM pass aligned with the From domain (that is what DMARC checks); SPF or
 *   DKIM must also say PASS.
 * - DMARC FAIL or PROCESSING_FAILED: unverified, whatever SPF and DKIM say (they passed for some other
 *   domain, e.g. the forger's own).
 * - DMARC GRAY or absent (the From domain publishes no DMARC record): SES does not say which domain
 *   a DKIM signature was for, so only an SPF PASS counts, and only when the envelope domain is the
 *   From domain or a subdomain of it (relaxed alignment without a public-suffix list).
 * The From that SES read, when given, must be the one address our parser read.
 */
export function verifySender(evidence: SenderEvidence): SenderVerification {
  const from = evidence.headerFrom?.trim().toLowerCase() ?? '';
  if (from === '' || !from.includes('@')) return unverified('no_from');
  if (evidence.sesFrom !== undefined) {
    const seen = evidence.sesFrom.map(addressOf);
    if (seen.length !== 1 || seen[0] !== from) return unverified('from_mismatch');
  }
  const spf = status(evidence.spf);
  const dkim = status(evidence.dkim);
  const dmarc = status(evidence.dmarc);
  if (dmarc === 'FAIL') return unverified('dmarc_fail');
  if (dmarc === 'PROCESSING_FAILED') return unverified('dmarc_processing_failed');
  if (dmarc === 'PASS') return spf === 'PASS' || dkim === 'PASS' ? VERIFIED : unverified('no_aligned_pass');
  const fromDomain = domainOf(from);
  const envelopeDomain = domainOf(addressOf(evidence.envelopeFrom));
  const aligned =
    fromDomain !== '' && (envelopeDomain === fromDomain || envelopeDomain.endsWith(`.${fromDomain}`));
  return spf === 'PASS' && aligned ? VERIFIED : unverified('no_aligned_pass');
}

const VERIFIED: SenderVerification = { kind: 'verified' };

function unverified(reason: UnverifiedReason): SenderVerification {
  return { kind: 'unverified', reason };
}

function status(verdict: string | undefined): string {
  return verdict?.trim().toUpperCase() ?? 'ABSENT';
}

/** The address in `Name <a@b>` or a bare `a@b`, lower-cased. */
function addressOf(value: string): string {
  const bracketed = /<([^<>]*)>\s*$/.exec(value)?.[1];
  return (bracketed ?? value).trim().toLowerCase();
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).replace(/\.$/, '');
}

/** How a verdict reads in a note: `spf=FAIL, dkim=GRAY, dmarc=FAIL` (absent ones as `none`). */
export function verdictSummary(evidence: Pick<SenderEvidence, 'spf' | 'dkim' | 'dmarc'>): string {
  const word = (verdict: string | undefined) => (verdict === undefined ? 'none' : status(verdict));
  return `spf=${word(evidence.spf)}, dkim=${word(evidence.dkim)}, dmarc=${word(evidence.dmarc)}`;
}

export const UNVERIFIED_WORDS: Record<UnverifiedReason, readonly [string, string]> = {
  dmarc_fail: ['DMARC 验证失败：发件域名没有发出这封邮件', 'DMARC failed: the From domain did not send it'],
  dmarc_processing_failed: ['DMARC 无法验证', 'DMARC could not be evaluated'],
  no_aligned_pass: ['没有与发件域名一致的 SPF 或 DKIM 验证', 'no SPF or DKIM pass for the From domain'],
  no_from: ['邮件没有发件人地址', 'the message has no From address'],
  from_mismatch: ['邮件头的发件人与 SES 读取的不一致', 'its From header is not the one SES read'],
};

/**
 * The note staff see on a quarantined reply whose sender could not be verified, zh-CN then en:
 * which claim it named, why it was held, and that it was not added.
 */
export function unverifiedReplyNote(
  claimNumber: string,
  verification: { readonly reason: UnverifiedReason },
  evidence: Pick<SenderEvidence, 'spf' | 'dkim' | 'dmarc'>,
): string {
  const [zh, en] = UNVERIFIED_WORDS[verification.reason];
  const verdicts = verdictSummary(evidence);
  return [
    `未并入索赔 ${claimNumber}：发件人未通过验证（${zh}；${verdicts}），可能是冒充客户的邮件。请先与客户核实，再决定是否采用。`,
    `Not added to claim ${claimNumber}: the sender could not be verified (${en}; ${verdicts}), so it may not come from the customer. Check with the customer before using it.`,
  ].join('\n');
}
