import { describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../shared/adapters/memory/blob-store.js';
import { InMemoryUploadSigner } from '../../shared/adapters/memory/upload-signer.js';
import { lazyBlobStore, lazyEvidenceStorage } from '../../shared/runtime/lazy-stores.js';

describe('stores built on first use (the API loads its S3 client only for file routes)', () => {
  it('builds nothing until the first call, then builds once and passes every call through', async () => {
    const real = new InMemoryBlobStore();
    let builds = 0;
    const store = lazyBlobStore(() => {
      builds++;
      return Promise.resolve(real);
    });
    expect(builds).toBe(0);
    await Promise.all([store.put('a.txt', 'one', 'text/plain'), store.put('b.txt', 'two', 'text/plain')]);
    expect(builds).toBe(1);
    expect(new TextDecoder().decode((await store.get('a.txt')) ?? new Uint8Array())).toBe('one');
    expect(await store.head('b.txt')).toEqual(await real.head('b.txt'));
    expect(await store.get('missing')).toBeNull();
    async function* chunks(): AsyncGenerator<string> {
      for (const chunk of ['x,', 'y']) yield await Promise.resolve(chunk);
    }
    await store.putStream('c.csv', chunks(), 'text/csv');
    expect(new TextDecoder().decode((await real.get('c.csv')) ?? new Uint8Array())).toBe('x,y');
    expect(builds).toBe(1);
  });

  it('shares one build between the evidence store and its signer', async () => {
    let builds = 0;
    const evidence = new InMemoryBlobStore();
    const uploads = new InMemoryUploadSigner();
    const storage = lazyEvidenceStorage(() => {
      builds++;
      return Promise.resolve({ evidence, uploads });
    });
    expect(builds).toBe(0);
    const now = new Date('2026-11-24T02:00:00Z');
    await storage.uploads.signUpload({ key: 'uploads/new/k', contentType: 'image/png', size: 10 }, now, 900);
    await storage.evidence.put('uploads/new/k', 'png', 'image/png');
    await storage.uploads.signDownload(
      { key: 'uploads/new/k', name: 'k.png', contentType: 'image/png' },
      now,
      60,
    );
    expect(builds).toBe(1);
    expect(uploads.signed).toEqual([
      { method: 'PUT', key: 'uploads/new/k' },
      { method: 'GET', key: 'uploads/new/k' },
    ]);
    expect(evidence.objects.has('uploads/new/k')).toBe(true);
  });

  it('lets a failed build surface on the call that needed it, and tries again on the next call', async () => {
    let attempts = 0;
    const store = lazyBlobStore(() =>
      ++attempts === 1 ? Promise.reject(new Error('no bucket')) : Promise.resolve(new InMemoryBlobStore()),
    );
    await expect(store.get('a')).rejects.toThrow('no bucket');
    expect(await store.get('a')).toBeNull();
    expect(attempts).toBe(2);
  });
});
