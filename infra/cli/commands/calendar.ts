import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createWorkingCalendar, type WorkingDayCalendar } from '../../../shared/domain/calendar/index.js';
import { describeDays, storeHolidaySchedule } from '../../../shared/domain/use-cases/calendar.js';
import { buildDependencies } from '../../../shared/runtime/composition.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { UsageError, type Command } from './command.js';
import { useLocalStackUnlessConfigured } from './environment.js';
import { withCurrentPolicy } from '../../../shared/runtime/current-policy.js';

/** `calendar`: working-day arithmetic as the SLA clocks do it, and loading a year's schedule. */
export const calendarCommand: Command = {
  name: 'calendar',
  usage: `calendar add <ISO instant> <N>     the deadline N working days after the instant (first line)
          calendar day <YYYY-MM-DD>…        working or off, and why, one line per date
          calendar load <file.json>         store a year's holiday schedule (overrides the shipped one) and
                                            recompute the running deadlines in that year`,
  run: calendar,
};

const InstantSchema = z.iso.datetime({ offset: true });
const DaysSchema = z.coerce.number().int().min(0).max(3650);

async function calendar(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const [instant, n] = rest;
      const at = InstantSchema.safeParse(instant);
      const days = DaysSchema.safeParse(n);
      if (!at.success || !days.success || rest.length !== 2) {
        throw new UsageError(
          'calendar add <ISO instant with offset> <N working days>, e.g. 2026-09-30T10:00:00+08:00 3',
        );
      }
      const due = (await calendarInForce()).addWorkingDays(at.data, days.data);
      console.log(due.at);
      if (due.fallbackYears.length > 0) {
        console.log(`fallback: no holiday schedule for ${due.fallbackYears.join(', ')}; weekends only`);
      }
      return;
    }
    case 'day': {
      if (rest.length === 0) throw new UsageError('calendar day <YYYY-MM-DD>…');
      const cal = await calendarInForce();
      for (const line of describeDays(cal, rest)) console.log(line);
      return;
    }
    case 'load': {
      const [file] = rest;
      if (file === undefined || rest.length !== 1) throw new UsageError('calendar load <file.json>');
      let input: unknown;
      try {
        input = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      useLocalStackUnlessConfigured();
      const deps = await withCurrentPolicy(buildDependencies(loadConfig()));
      // The CLI takes every claim in one run (no request timeout here).
      const view = await storeHolidaySchedule(
        deps,
        { operator: process.env['USER'] ?? 'cli' },
        input,
        undefined,
        Number.POSITIVE_INFINITY,
      );
      const r = view.recompute;
      console.log(`stored the ${view.year} schedule (${view.schedule?.days.length ?? 0} days)`);
      console.log(
        `recomputed deadlines in ${r.year}: ${r.checked} claims checked, ${r.changed} changed, ` +
          `${r.movedLater} deadlines moved later (customers told), ${r.conflicts} conflicts` +
          (r.conflicts > 0 ? ' (load the file again to take them)' : ''),
      );
      return;
    }
    default:
      throw new UsageError(
        sub === undefined ? 'calendar needs add, day or load' : `unknown calendar command ${sub}`,
      );
  }
}

/**
 * The calendar with the operator's stored schedules when the table is reachable (the local stack, or the
 * table TABLE_NAME names); otherwise the shipped schedules, said on stderr.
 */
async function calendarInForce(): Promise<WorkingDayCalendar> {
  useLocalStackUnlessConfigured();
  try {
    return await buildDependencies(loadConfig()).calendars.current();
  } catch (error) {
    console.error(
      `(stored schedules not read: ${error instanceof Error ? error.message : String(error)}; using the shipped ones)`,
    );
    return createWorkingCalendar();
  }
}
