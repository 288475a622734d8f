import { createWriteStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { BlobStat, BlobStore } from '../../ports/blob-store.js';

/** The local stand-in for S3: objects are files under one folder; keys never escape it. */
export class FolderBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Uint8Array | string, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  async head(key: string): Promise<BlobStat | null> {
    try {
      const found = await stat(this.pathOf(key));
      return found.isFile() ? { size: found.size } : null;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Where a key's file is (the local upload server streams downloads from it). */
  pathOf(key: string): string {
    const root = resolve(this.root);
    const path = resolve(root, key);
    if (!path.startsWith(root + sep)) throw new Error(`blob key ${key} points outside the store`);
    return path;
  }

  async putStream(
    key: string,
    chunks: AsyncIterable<Uint8Array | string>,
    _contentType: string,
  ): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await pipeline(Readable.from(chunks), createWriteStream(path));
  }
}
