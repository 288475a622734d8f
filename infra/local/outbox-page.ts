import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMS_FILE_SUFFIX } from '../../shared/adapters/local/outbox-text-messages.js';
import { escapeHtml } from './http-helpers.js';

/**
 * The local outbox page, served beside the API through the local gateway's `fallback`:
 * GET /outbox lists the `.eml` files the notify function wrote (newest first, with recipient and subject;
 * zh-CN, or English with ?lang=en), GET /outbox/<file>
 * shows one as plain text (the raw MIME, byte for byte what SES would have been given). Text messages
 * (`.sms.txt`, written by the local SMS adapter) are listed beside the mail and shown as written.
 */
export function outboxPage(folder: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || (url.pathname !== '/outbox' && !url.pathname.startsWith('/outbox/')))
      return false;
    const files = await listEml(folder);
    if (url.pathname === '/outbox' || url.pathname === '/outbox/') {
      const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
      const shown = files.slice(0, LISTED);
      const rows = await Promise.all(shown.map((f) => listedRow(folder, f)));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(listingPage(lang, files.length, rows));
      return true;
    }
    const name = decodedOrNull(url.pathname.slice('/outbox/'.length));
    // Only names the listing itself shows: no paths, nothing outside the folder (and no malformed escape,
    // which decodeURIComponent throws on: a 500 before issue 22).
    if (name === null || !files.includes(name)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('no such message in the outbox');
      return true;
    }
    const raw = await readFile(join(folder, name));
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    if (name.endsWith(SMS_FILE_SUFFIX)) {
      res.end(raw);
      return true;
    }
    if (url.searchParams.has('raw')) {
      res.end(raw);
      return true;
    }
    // Decoded for reading (the bodies are base64); ?raw shows the bytes themselves.
    const mail = await simpleParser(raw);
    const header = (name: string) => {
      const value = mail.headers.get(name);
      return typeof value === 'string' ? value : '';
    };
    res.end(
      [
        `Subject: ${mail.subject ?? ''}`,
        `From: ${mail.from?.text ?? ''}`,
        `To: ${(Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((a) => a.text).join(', ')}`,
        `Date: ${mail.date?.toISOString() ?? ''}`,
        `Message-ID: ${mail.messageId ?? ''}`,
        `Auto-Submitted: ${header('auto-submitted')}`,
        '',
        mail.text ?? '',
        '',
        `(raw MIME: /outbox/${encodeURIComponent(name)}?raw)`,
      ].join('\n'),
    );
    return true;
  };
}

/** The newest messages the listing shows, each read for its recipient and subject; older ones by link only. */
const LISTED = 200;

const WORDS = {
  title: ['发件箱', 'Outbox'],
  intro: [
    '本地运行时通知函数发出的邮件和短信，最新的在前。邮件按 SES 收到的原始 MIME 保存，短信按 End User Messaging 收到的内容保存。',
    'Mail and SMS the notify function sent locally, newest first. Mail as raw MIME as SES would receive it; SMS as End User Messaging would be given it.',
  ],
  sent: ['发送时间', 'Sent'],
  via: ['方式', 'By'],
  to: ['收件人', 'To'],
  what: ['主题 / 内容', 'Subject or text'],
  mail: ['邮件', 'Mail'],
  sms: ['短信', 'SMS'],
  switchTo: ['English', '中文'],
} as const;
type Lang = 'zh-CN' | 'en';
const w = (key: keyof typeof WORDS, lang: Lang) => WORDS[key][lang === 'en' ? 1 : 0];

interface Row {
  readonly file: string;
  readonly sent: string;
  readonly sms: boolean;
  readonly to: string;
  readonly what: string;
}

/** One listed message: when (from its file name), by which channel, to whom, and its subject or first line. */
async function listedRow(folder: string, file: string): Promise<Row> {
  const sent = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(file);
  const when = sent ? `${sent[1]} ${sent[2]}:${sent[3]}:${sent[4]} UTC` : '';
  const raw = await readFile(join(folder, file));
  if (file.endsWith(SMS_FILE_SUFFIX)) {
    const text = raw.toString('utf8');
    const to = /^To: (.*)$/m.exec(text)?.[1] ?? '';
    const body = text.split('\n\n').slice(1).join('\n\n').trim();
    return { file, sent: when, sms: true, to, what: body.slice(0, 120) };
  }
  const mail = await simpleParser(raw);
  const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((a) => a.text).join(', ');
  return { file, sent: when, sms: false, to, what: mail.subject ?? '' };
}

/** The listing as a page of its own language (zh-CN unless ?lang=en), with a table a screen reader can follow. */
function listingPage(lang: Lang, total: number, rows: readonly Row[]): string {
  const other = lang === 'en' ? '/outbox' : '/outbox?lang=en';
  const cells = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.sent)}</td><td>${w(r.sms ? 'sms' : 'mail', lang)}</td><td>${escapeHtml(r.to)}</td>` +
        `<td><a href="/outbox/${encodeURIComponent(r.file)}">${escapeHtml(r.what || r.file)}</a></td></tr>`,
    )
    .join('\n');
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
    `<title>${w('title', lang)}</title></head><body><main>` +
    `<h1>${w('title', lang)} (${total})</h1><p>${w('intro', lang)}</p>` +
    `<p><a href="${other}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${w('switchTo', lang)}</a></p>` +
    `<table><thead><tr><th scope="col">${w('sent', lang)}</th><th scope="col">${w('via', lang)}</th>` +
    `<th scope="col">${w('to', lang)}</th><th scope="col">${w('what', lang)}</th></tr></thead>` +
    `<tbody>${cells}</tbody></table></main></body></html>`
  );
}

async function listEml(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder))
      .filter((f) => f.endsWith('.eml') || f.endsWith(SMS_FILE_SUFFIX))
      .sort()
      .reverse();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}

function decodedOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
