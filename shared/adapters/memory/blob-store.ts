import type { BlobStat, BlobStore } from '../../ports/blob-store.js';

export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, { body: Uint8Array; contentType: string }>();

  put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    this.objects.set(key, { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType });
    return Promise.resolve();
  }

  get(key: string): Promise<Uint8Array | null> {
    return Promise.resolve(this.objects.get(key)?.body ?? null);
  }

  head(key: string): Promise<BlobStat | null> {
    const found = this.objects.get(key);
    return Promise.resolve(found ? { size: found.body.length, contentType: found.contentType } : null);
  }

  async putStream(
    key: string,
    chunks: AsyncIterable<Uint8Array | string>,
    contentType: string,
  ): Promise<void> {
    const parts: Buffer[] = [];
    for await (const chunk of chunks)
      parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    await this.put(key, Buffer.concat(parts), contentType);
  }
}
