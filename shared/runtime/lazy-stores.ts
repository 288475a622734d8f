import type { BlobStore } from '../ports/blob-store.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import type { EvidenceStorage } from './evidence-storage.js';

/** Memoises an async factory: the first call starts it, later calls share its promise; a failure is retried. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** A BlobStore whose real store is built on first use. */
export function lazyBlobStore(load: () => Promise<BlobStore>): BlobStore {
  const store = once(load);
  return {
    put: async (key, body, contentType) => (await store()).put(key, body, contentType),
    get: async (key) => (await store()).get(key),
    head: async (key) => (await store()).head(key),
    putStream: async (key, chunks, contentType) => (await store()).putStream(key, chunks, contentType),
  };
}

/** An UploadSigner whose real signer is built on first use. */
export function lazyUploadSigner(load: () => Promise<UploadSigner>): UploadSigner {
  const signer = once(load);
  return {
    signUpload: async (object, now, seconds) => (await signer()).signUpload(object, now, seconds),
    signDownload: async (object, now, seconds) => (await signer()).signDownload(object, now, seconds),
  };
}

/** Evidence storage (store and signer, sharing one client) built on first use. */
export function lazyEvidenceStorage(load: () => Promise<EvidenceStorage>): EvidenceStorage {
  const storage = once(load);
  return {
    evidence: lazyBlobStore(async () => (await storage()).evidence),
    uploads: lazyUploadSigner(async () => (await storage()).uploads),
  };
}
