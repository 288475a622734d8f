import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { parseMail } from '../../shared/adapters/mail/parse-mail.js';
import { ParsedMailSchema } from '../../shared/domain/mail/inbound.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { settings } from '../support/fixtures.js';
import { sesNotification, sqsEvent } from '../support/mail.js';
import { mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';

/**
 * Mutated corpus messages (bit flips, truncations, duplicated headers, damaged MIME boundaries) against
 * the mail parser and the email-in handler. The parser must never throw or leave an unhandled error
 * (vitest fails the run on one) and must stay within its own limits; email-in must record every message,
 * keeping the raw bytes, and never fail the SQS record for a bad message. Nothing here measures time.
 * Skipped, saying so, when the shared corpus `../shared/corpora/email/` is absent.
 */
const CORPUS = resolve(process.cwd(), '..', 'shared', 'corpora', 'email');
const present = existsSync(CORPUS);
if (!present)
  console.warn(`mail fuzzing skipped: ${CORPUS} is absent (it is present in CI and on team machines)`);

/** Small and structurally varied: nested multiparts, a delivery report, base64 root, torture test, calendar. */
const FILES = [
  'mailparser-mixed.eml',
  'mailparser-nested.eml',
  'mailparser-base64encodedroot.eml',
  'mailparser-delivery-status.eml',
  'mailparser-spam.eml',
  'postal-mime-mimetorture.eml',
  'postal-mime-calendar-event.eml',
  'postal-mime-arf.eml',
];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate_header'; line: number; times: number }
  | { kind: 'damage_boundary'; which: number; how: 'drop_close' | 'alter' | 'drop_all' | 'unquote' };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({
    kind: fc.constant('duplicate_header' as const),
    line: fc.nat(),
    times: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 500, max: 5000 })),
  }),
  fc.record({
    kind: fc.constant('damage_boundary' as const),
    which: fc.nat(),
    how: fc.constantFrom('drop_close' as const, 'alter' as const, 'drop_all' as const, 'unquote' as const),
  }),
);

function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let raw = Buffer.from(original);
  for (const m of mutations) {
    if (raw.length === 0) break;
    switch (m.kind) {
      case 'flip': {
        const at = Math.floor(m.at * raw.length);
        raw[at] = (raw[at] ?? 0) ^ (1 << m.bit);
        break;
      }
      case 'truncate':
        raw = raw.subarray(0, Math.floor(m.at * raw.length));
        break;
      case 'duplicate_header': {
        const text = raw.toString('latin1');
        const headEnd = text.search(/\r?\n\r?\n/);
        const head = headEnd === -1 ? text : text.slice(0, headEnd);
        const lines = head.split(/\r?\n/).filter((l) => /^[!-9;-~]+:/.test(l));
        const line = lines.length > 0 ? lines[m.line % lines.length] : undefined;
        if (line === undefined) break;
        const copies = `${line}\r\n`.repeat(m.times);
        raw = Buffer.concat([Buffer.from(copies, 'latin1'), raw]);
        break;
      }
      case 'damage_boundary': {
        const text = raw.toString('latin1');
        const names = [...text.matchAll(/boundary\s*=\s*"?([^";\r\n]+)"?/gi)].map((x) => x[1] ?? '');
        const name = names.length > 0 ? names[m.which % names.length] : undefined;
        if (!name) break;
        const damaged =
          m.how === 'drop_close'
            ? text.split(`--${name}--`).join('')
            : m.how === 'alter'
              ? text.split(`--${name}`).join(`--${name.slice(0, -1)}X`)
              : m.how === 'drop_all'
                ? text.split(`--${name}`).join('')
                : text.replace(`"${name}"`, `${name} ; boundary=`);
        raw = Buffer.from(damaged, 'latin1');
        break;
      }
    }
  }
  return raw;
}

const corpus = present
  ? FILES.filter((f) => existsSync(join(CORPUS, f))).map((f) => readFileSync(join(CORPUS, f)))
  : [];
const mutated = fc
  .record({
    file: fc.nat({ max: Math.max(0, corpus.length - 1) }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  })
  .map(({ file, mutations }) => ({
    file,
    mutations,
    raw: mutate(corpus[file] ?? Buffer.alloc(0), mutations),
  }));

describe.skipIf(!present)('mutated corpus mail (fast-check)', () => {
  it('has the corpus files to mutate', () => {
    expect(corpus).toHaveLength(FILES.length);
  });

  it('the parser always answers: a valid ParsedMail or a reason, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ raw }) => {
        const result = await parseMail(raw, settings.mail);
        if (result.ok) expect(ParsedMailSchema.safeParse(result.mail).success).toBe(true);
        else {
          expect(result.reason).toMatch(/^(too_large|too_deep|timeout|unparseable)/);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('with tight header and depth limits the parser still answers every mutated message', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ raw }) => {
        const tight = { ...settings.mail, maxHeaderBytes: 512, maxMimeDepth: 1 };
        const result = await parseMail(raw, tight);
        // Whatever it says, it says it: a result object, and a refusal names its reason.
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  describe('through the email-in handler (DynamoDB Local)', () => {
    let table: TestTable;
    let t: MailTestDeps;
    let handler: ReturnType<typeof createEmailIn>;
    let n = 0;

    beforeAll(async () => {
      table = await createTestTable();
      t = mailTestDependencies(table);
      handler = createEmailIn(t.emailIn);
    });

    it('every mutated message is recorded, its raw bytes kept, and the SQS record never fails', async () => {
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(mutated, async ({ raw }) => {
          const key = `inbound/fuzz-${++n}`;
          await t.rawMail.put(key, raw, 'message/rfc822');
          const result = await handler(sqsEvent([sesNotification(key)]), lambdaContext());
          expect(result.batchItemFailures).toEqual([]);
          const record = await t.mailStore.getInbound(sha256(raw));
          expect(record).not.toBeNull();
          expect(record?.rawKey).toBeDefined();
          // The raw message stays where it arrived, whatever became of it.
          expect(await t.rawMail.get(record?.rawKey ?? key)).toEqual(raw);
          if (record) outcomes.set(record.outcome.kind, (outcomes.get(record.outcome.kind) ?? 0) + 1);
        }),
        { numRuns: 60 },
      );
      expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }, 180_000);

    it('a message the parser refuses is recorded as unparseable with its reason, and no claim is filed', async () => {
      // Header duplication past the parser's header limit (256 KiB by default) is refused, not parsed.
      const original = corpus[0] ?? Buffer.alloc(0);
      const raw = mutate(original, [{ kind: 'duplicate_header', line: 0, times: 20_000 }]);
      expect(raw.length).toBeGreaterThan(settings.mail.maxHeaderBytes);
      const key = `inbound/refused-${++n}`;
      await t.rawMail.put(key, raw, 'message/rfc822');
      const intentsBefore = t.intents().length;
      const result = await handler(sqsEvent([sesNotification(key)]), lambdaContext());
      expect(result.batchItemFailures).toEqual([]);
      const record = await t.mailStore.getInbound(sha256(raw));
      expect(record?.outcome).toMatchObject({ kind: 'unparseable' });
      expect(record?.rawKey).toBe(key);
      expect(await t.rawMail.get(key)).toEqual(raw);
      // No claim, so no acknowledgment intent.
      expect(t.intents()).toHaveLength(intentsBefore);
    }, 60_000);
  });
});
