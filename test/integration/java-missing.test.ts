import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const run = promisify(execFile);

describe('npm start without Java', () => {
  it('stops with a message saying DynamoDB Local needs Java 17 and how to install it', async () => {
    // A PATH holding node and nothing else: `java` cannot be found.
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const failure = await run(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      env: {
        PATH: bin,
        HOME: process.env['HOME'] ?? '/tmp',
        CLAIMS_DATA_DIR: mkdtempSync(join(tmpdir(), 'no-java-data-')),
      },
    }).then(
      () => null,
      (error: unknown) => z.object({ code: z.number(), stderr: z.string() }).parse(error),
    );
    expect(failure).not.toBeNull();
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('DynamoDB Local needs Java 17 or newer');
    expect(failure?.stderr).toContain('apt-get install');
  });
});
