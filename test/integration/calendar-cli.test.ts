import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The operator CLI as an operator runs it (no local stack: the shipped schedules apply, said on stderr). */
async function claims(...args: string[]): Promise<string[]> {
  const { stdout } = await run('npx', ['tsx', 'infra/cli/claims.ts', ...args], {
    env: { ...process.env, DYNAMODB_PORT: '1', NODE_NO_WARNINGS: '1' },
  });
  return stdout.trimEnd().split('\n');
}

describe('npm run claims -- calendar', () => {
  it('add prints the deadline instant on its first line (National Day 2026 skipped, Sat 10-10 worked)', async () => {
    const [first] = await claims('calendar', 'add', '2026-09-30T10:00:00+08:00', '3');
    expect(first).toBe('2026-10-10T10:00:00.000Z');
  }, 30_000);

  it('day prints one line per date: working or off, and why; a year with no schedule says so', async () => {
    const lines = await claims('calendar', 'day', '2026-10-01', '2026-10-10', '2026-10-12', '2027-01-01');
    expect(lines).toEqual([
      '2026-10-01 off holiday: 国庆节',
      '2026-10-10 working make-up workday (调休)',
      '2026-10-12 working weekday',
      '2027-01-01 working weekday (no schedule for 2027: weekends only)',
    ]);
  }, 30_000);
});
