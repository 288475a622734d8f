import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMS_FILE_SUFFIX } from '../../shared/adapters/local/outbox-text-messages.js';
import { escapeHtml } from './http-helpers.js';

/**
 * The local outbox page, served beside the API through the local gateway's `fallback`:
 * GET /outbox lists the `.eml` files the notify function wrote (newest first), GET /outbox/<file>
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
      const rows = files
        .map((f) => `<li><a href="/outbox/${encodeURIComponent(f)}">${escapeHtml(f)}</a></li>`)
        .join('\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>Outbox</title><h1>Outbox (${files.length})</h1>` +
          `<p>Mail and SMS the notify function sent locally, newest first. Mail as raw MIME as SES would receive it; ` +
          `SMS (<code>${SMS_FILE_SUFFIX}</code>) as End User Messaging would be given it.</p><ul>${rows}</ul>`,
      );
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
