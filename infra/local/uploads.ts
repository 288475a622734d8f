import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from '../../shared/adapters/content-disposition.js';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store.js';
import { LOCAL_UPLOAD_PATH, verifyLocalSignature } from '../../shared/adapters/local/upload-signer.js';

/**
 * The local stand-in for S3 presigned URLs: `PUT` and `GET /local/uploads/<key>?…&sig=…` as the API's
 * LocalUploadSigner signs them, into and out of `<blobDir>/evidence` (the folder the API and email-in
 * use as the evidence store). Like S3, it refuses a bad signature or an expired URL (403) and a body whose
 * type or length is not the signed one.
 */
export function localUploads(options: {
  blobDir: string;
  secret: string;
}): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const store = new FolderBlobStore(join(options.blobDir, 'evidence'));
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(LOCAL_UPLOAD_PATH)) return false;
    const key = url.pathname.slice(LOCAL_UPLOAD_PATH.length);
    const { sig = '', ...params } = Object.fromEntries(url.searchParams);
    const method = req.method === 'PUT' ? 'PUT' : req.method === 'GET' ? 'GET' : null;
    if (method === null) return reply(res, 405, 'method not allowed');
    const refused = verifyLocalSignature(options.secret, method, key, params, sig, new Date());
    if (refused !== null) return reply(res, 403, refused);

    if (method === 'GET') {
      const stat = await store.head(key);
      if (!stat) return reply(res, 404, 'no such object');
      res.writeHead(200, {
        'content-type': params['type'] ?? 'application/octet-stream',
        'content-length': String(stat.size),
        'content-disposition': contentDisposition(params['name'] ?? 'file'),
      });
      await pipeline(createReadStream(store.pathOf(key)), res);
      return true;
    }
    if (req.headers['content-type'] !== params['type'])
      return reply(res, 403, 'content type is not the signed one');
    const size = Number(params['size']);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) !== size)
      return reply(res, 400, 'body length is not the signed size');
    const body = await readAtMost(req, size);
    if (body === null || body.length !== size) return reply(res, 400, 'body length is not the signed size');
    await store.put(key, body, params['type'] ?? '');
    return reply(res, 200, 'stored');
  };
}

/** The body, or null when it is longer than `limit` bytes (the excess is read and dropped, not kept). */
async function readAtMost(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, message: string): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
  return true;
}
