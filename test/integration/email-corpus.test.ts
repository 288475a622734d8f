import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { sesNotification, sqsEvent } from '../support/mail.js';
import { mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';

/**
 * Every message of the shared corpus (`../shared/corpora/email/`, read-only, never committed) through
 * the email-in handler, as SES would deliver it: no crash or hang, bounces and reports quarantined
 * with no acknowledgment, everything else a claim whose text has no U+FFFD.
 */
const CORPUS = resolve(process.cwd(), '..', 'shared', 'corpora', 'email');
const present = existsSync(CORPUS);
if (!present)
  console.warn(`email corpus tests skipped: ${CORPUS} is absent (it is present in CI and on team machines)`);

/** What each file must become; files not listed must become claims. */
const QUARANTINED: Record<string, string> = {
  'mailparser-delivery-status.eml': 'bounce',
  'postal-mime-bounce.eml': 'bounce',
  'postal-mime-arf.eml': 'abuse_report',
  // A mailing-list post (Precedence: bulk, List-*): lists never get an automatic answer.
  'mailparser-large_text.eml': 'mailing_list',
  // Test messages with no From header: not answered, and not a complaint, so not a claim either.
  'mailparser-mixed.eml': 'no_from_address',
  'postal-mime-mixed.eml': 'no_from_address',
  // Spam from a noreply address: no answer, and nothing in it reads as a complaint.
  'mailparser-spam.eml': 'noreply_sender',
};

/** The envelope sender SES would report: the Return-Path the message arrived with, else a plain sender. */
function envelopeSource(raw: Buffer): string {
  const head = raw.subarray(0, 8192).toString('latin1');
  const returnPath = /^Return-Path:\s*<([^>]*)>/im.exec(head);
  return returnPath ? (returnPath[1] ?? '') : 'sender@corpus.example';
}

describe.skipIf(!present)('email corpus through the email-in handler (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  const files = present
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : [];

  /** Two corpus files are byte-identical (the same fixture in two projects): the second is a duplicate. */
  const seen = new Set<string>();

  beforeAll(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
  });

  it('has the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (file) => {
    const raw = readFileSync(join(CORPUS, file));
    const key = `inbound/${file}`;
    await t.rawMail.put(key, raw, 'message/rfc822');
    const acksBefore = t.intents().length;
    const handler = createEmailIn(t.emailIn);
    const result = await handler(
      sqsEvent([sesNotification(key, { source: envelopeSource(raw) })]),
      lambdaContext(),
    );
    expect(result.batchItemFailures).toEqual([]);
    const record = await t.mailStore.getInbound(sha256(raw));
    const duplicate = seen.has(sha256(raw));
    seen.add(sha256(raw));
    const expected = QUARANTINED[file];
    if (expected !== undefined) {
      expect(record?.outcome.kind).toBe('quarantined');
      expect(record?.outcome.kind === 'quarantined' ? record.outcome.reasons : []).toContain(expected);
      expect(t.intents()).toHaveLength(acksBefore);
      return;
    }
    expect(record?.outcome.kind).toMatch(/^(claim|reply)$/);
    if (record?.outcome.kind !== 'claim' && record?.outcome.kind !== 'reply') return;
    const claim = await table.store.getById(record.outcome.claimId);
    expect(claim?.channel).toBe('email');
    expect(claim?.description).not.toContain('\uFFFD');
    expect(claim?.claimant.name).not.toContain('\uFFFD');
    if (duplicate) {
      expect(t.intents()).toHaveLength(acksBefore);
    } else if (record.outcome.kind === 'claim' && record.outcome.noAnswer !== undefined) {
      // List, bulk or noreply-type mail that reads as a complaint: a claim, never an answer.
      expect(t.intents()).toHaveLength(acksBefore);
    } else if (record.outcome.kind === 'claim') {
      expect(t.intents()).toHaveLength(acksBefore + 1);
      expect(t.intents().at(-1)).toMatchObject({ kind: 'acknowledgment', claimId: claim?.id });
    }
  });
});
