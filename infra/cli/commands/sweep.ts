import { parseArgs } from 'node:util';
import { z } from 'zod';
import { sweepDeadlines } from '../../../shared/domain/use-cases/sweep.js';
import { buildDependencies } from '../../../shared/runtime/composition.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { UsageError, type Command } from './command.js';
import { useLocalStackUnlessConfigured } from './environment.js';
import { withCurrentPolicy } from '../../../shared/runtime/current-policy.js';

/** `sweep`: run the deadline sweep once, now or as of a given instant. */
export const sweepCommand: Command = {
  name: 'sweep',
  usage: `sweep   run the deadline sweep once (warnings, breaches, escalations, severity by time)
          --now <ISO instant>         sweep as of this instant (default: now, shifted by CLAIMS_CLOCK_OFFSET)`,
  run: sweep,
};

async function sweep(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { now: { type: 'string' } } });
  const now = z.iso.datetime({ offset: true }).optional().safeParse(values.now);
  if (!now.success)
    throw new UsageError('--now must be an ISO instant with an offset, e.g. 2026-11-23T10:00:00+08:00');
  useLocalStackUnlessConfigured();
  const deps = await withCurrentPolicy(buildDependencies(loadConfig()));
  const at = now.data === undefined ? deps.clock.now() : new Date(now.data);
  console.error(`Sweeping deadlines as of ${at.toISOString()}…`);
  const summary = await sweepDeadlines(deps, at, (message) => console.error(`  ${message}`));
  console.log(
    `read ${summary.read} due index entries; changed ${summary.changed} claims: ${summary.warnings} warnings, ` +
      `${summary.breaches} breaches, ${summary.escalations} further escalations, ${summary.regraded} severity raises; ` +
      `${summary.conflicts} conflicts left for the next run; ${summary.relayed} outbox messages sent`,
  );
}
