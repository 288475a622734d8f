/** Raw mail, evidence and reports: S3 in AWS, a folder under .data/ locally. Keys are '/'-separated paths. */
export interface BlobStore {
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none (never throws for a missing object). */
  get(key: string): Promise<Uint8Array | null>;
  /** Writes from a stream of chunks, for files too large to hold in memory (reports). */
  putStream(key: string, chunks: AsyncIterable<Uint8Array | string>, contentType: string): Promise<void>;
}
