/** Raw mail, evidence and reports: S3 in AWS, a folder under .data/ locally. Keys are '/'-separated paths. */
export interface BlobStore {
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none (never throws for a missing object). */
  get(key: string): Promise<Uint8Array | null>;
  /**
   * The object's size and, where the store keeps it, its content type; null when there is none. Checks an
   * upload the browser made directly (the folder store locally keeps no content type).
   */
  head(key: string): Promise<BlobStat | null>;
  /** Writes from a stream of chunks, for files too large to hold in memory (reports). */
  putStream(key: string, chunks: AsyncIterable<Uint8Array | string>, contentType: string): Promise<void>;
}

export interface BlobStat {
  readonly size: number;
  readonly contentType?: string | undefined;
}
