import { parseArgs } from 'node:util';
import { z } from 'zod';
import { autoCloseQuietClaims } from '../../../shared/domain/use-cases/customer-decision.js';
import { buildDependencies } from '../../../shared/runtime/composition.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { LOCAL_TABLE_NAME } from '../../local/paths.js';
import { UsageError, type Command } from './command.js';
import { withCurrentPolicy } from '../../../shared/runtime/current-policy.js';

const ArgsSchema = z.object({
  now: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * `close-quiet`: close executed claims whose quiet period has passed (SPEC §11), as the SLA sweep does.
 * Against the local stack by default (TABLE_NAME and DYNAMODB_ENDPOINT from the environment otherwise).
 * Prints the closed claim numbers as JSON on the last line.
 */
export const closeQuietCommand: Command = {
  name: 'close-quiet',
  usage: `close-quiet   close executed claims after the quiet period (default 7 days)
          --now <ISO instant>         pretend it is this time (default: now)
          --limit <n>                 at most this many claims (default 100)`,
  run: closeQuiet,
};

async function closeQuiet(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { now: { type: 'string' }, limit: { type: 'string' } },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  }
  const env = {
    ...process.env,
    TABLE_NAME: process.env['TABLE_NAME'] ?? LOCAL_TABLE_NAME,
    DYNAMODB_ENDPOINT:
      process.env['DYNAMODB_ENDPOINT'] ??
      (process.env['TABLE_NAME'] === undefined
        ? `http://127.0.0.1:${process.env['DYNAMODB_PORT'] ?? 8000}`
        : undefined),
    AWS_REGION: process.env['AWS_REGION'] ?? 'local',
  };
  const deps = await withCurrentPolicy(buildDependencies(loadConfig(env)));
  const now = parsed.data.now ? new Date(parsed.data.now) : deps.clock.now();
  const result = await autoCloseQuietClaims(deps, now, parsed.data.limit);
  console.error(
    `closed ${result.closed.length}, skipped ${result.skipped.length} (as of ${now.toISOString()})`,
  );
  console.log(JSON.stringify(result));
}
