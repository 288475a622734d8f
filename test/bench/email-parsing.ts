/**
 * Inbound mail parsing speed and memory (part of `npm run bench`): the real parser (parseMail, with the
 * default mail limits) over the shared corpus `../shared/corpora/email` (skipped, saying so, when absent)
 * and over a generated ~25 MB message with attachments (nodemailer's MailComposer, built in memory).
 * The baseline, in the same run over the same bytes, is hashing them with SHA-256 (the email-in use case
 * hashes every message anyway), so the ratio says how much slower parsing is than touching each byte once.
 * Not a test; nothing here is asserted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { parseMail } from '../../shared/adapters/mail/parse-mail.js';
import { settings } from '../support/fixtures.js';
import { median } from './stats.js';

export const CORPUS = resolve(process.cwd(), '..', 'shared', 'corpora', 'email');

export interface EmailParsingRow {
  readonly input: string;
  readonly messages: number;
  readonly megabytes: number;
  /** Messages the parser accepted (the rest are kept raw by email-in, with the reason). */
  readonly parsed: number;
  readonly parseMbPerSecond: number;
  readonly baselineMbPerSecond: number;
  /** parse MB/s ÷ baseline MB/s (how many times slower than hashing the bytes). */
  readonly speedRatio: number;
  /** Peak heap + array buffers above the level before the pass, in MB. */
  readonly parsePeakMb: number;
  readonly baselinePeakMb: number;
  /** Peak while parsing ÷ the message bytes: memory per byte of mail. */
  readonly peakPerInputByte: number;
}

export interface EmailParsing {
  readonly rows: EmailParsingRow[];
  readonly skipped: string[];
}

export async function benchEmailParsing(rounds: number, log: (line: string) => void): Promise<EmailParsing> {
  const rows: EmailParsingRow[] = [];
  const skipped: string[] = [];
  if (existsSync(CORPUS)) {
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(CORPUS, f)));
    log(`  corpus: ${files.length} messages`);
    rows.push(await measure('corpus (../shared/corpora/email)', files, rounds));
  } else {
    const reason = `corpus skipped: ${CORPUS} is absent`;
    log(`  ${reason}`);
    skipped.push(reason);
  }
  log('  generating a ~25 MB message with attachments');
  const big = await generatedMessage(25 * 1024 * 1024);
  rows.push(await measure(`generated ${(big.length / 2 ** 20).toFixed(1)} MB, 6 attachments`, [big], rounds));
  return { rows, skipped };
}

/** A text body and six attachments (random bytes, base64 in the message) adding up to about `bytes`. */
async function generatedMessage(bytes: number): Promise<Buffer> {
  // base64 grows content by 4/3 (plus line breaks); the rest of the message is small.
  const perAttachment = Math.floor((bytes * 0.74) / 6);
  const composer = new MailComposer({
    from: '王芳 <wangfang@example.com>',
    to: 'claims@claims.example',
    subject: '电热水壶漏水 — 照片和视频',
    text: '订单号 SO-2001，电热水壶壶底漏水，要求退款。附件是照片和视频。\n'.repeat(2000),
    messageId: '<bench-25mb@example.com>',
    date: new Date('2026-11-23T02:00:00Z'),
    attachments: Array.from({ length: 6 }, (_, n) => ({
      filename: n % 2 === 0 ? `photo-${n + 1}.jpg` : `video-${n + 1}.mp4`,
      contentType: n % 2 === 0 ? 'image/jpeg' : 'video/mp4',
      content: randomBytes(perAttachment),
    })),
  });
  return composer.compile().build();
}

async function measure(input: string, messages: readonly Buffer[], rounds: number): Promise<EmailParsingRow> {
  const total = messages.reduce((n, m) => n + m.length, 0);
  const parseRuns: number[] = [];
  const baselineRuns: number[] = [];
  const parsePeaks: number[] = [];
  const baselinePeaks: number[] = [];
  let parsed = 0;
  for (let round = 0; round < rounds; round++) {
    const base = await pass(() => {
      for (const m of messages) createHash('sha256').update(m).digest('hex');
      return Promise.resolve(0);
    });
    baselineRuns.push(base.ms);
    baselinePeaks.push(base.peak);
    const run = await pass(async () => {
      let ok = 0;
      for (const m of messages) if ((await parseMail(m, settings.mail)).ok) ok++;
      return ok;
    });
    parseRuns.push(run.ms);
    parsePeaks.push(run.peak);
    parsed = run.result;
  }
  const mb = total / 2 ** 20;
  const parseMbPerSecond = mb / (median(parseRuns) / 1000);
  const baselineMbPerSecond = mb / (median(baselineRuns) / 1000);
  const parsePeak = Math.max(...parsePeaks);
  return {
    input,
    messages: messages.length,
    megabytes: Math.round(mb * 100) / 100,
    parsed,
    parseMbPerSecond,
    baselineMbPerSecond,
    speedRatio: parseMbPerSecond / baselineMbPerSecond,
    parsePeakMb: parsePeak / 2 ** 20,
    baselinePeakMb: Math.max(...baselinePeaks) / 2 ** 20,
    peakPerInputByte: parsePeak / total,
  };
}

/** Runs `task` once, timing it and sampling heap + array buffers above the level before it. */
async function pass(task: () => Promise<number>): Promise<{ ms: number; peak: number; result: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  global.gc?.();
  const before = used();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  const started = performance.now();
  const result = await task();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, used());
  return { ms, peak: peak - before, result };
}
