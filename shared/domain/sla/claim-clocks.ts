import type { Claim } from '../claim.js';
import { needsOnSiteVisit } from '../category-policy.js';
import { InvalidTransitionError, ValidationError } from '../errors.js';
import { CLOCK_LABELS, wordFor } from '../labels.js';
import { createSlaClocks, type SlaClock, type SlaTarget } from '../calendar/sla-clock.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { isOpen } from '../lifecycle.js';
import type { PolicySettings } from '../settings.js';
import { clockEntries, type ClaimClock, type ClaimClocks, type ClockName } from './clock-schema.js';

/** What the SLA rules need: the working calendar (with operator overrides) and the policy settings. */
export interface SlaContext {
  readonly calendar: WorkingDayCalendar;
  readonly settings: PolicySettings;
}

/** A commitment's response promise, when the claim cites one that is in force. */
export interface CitedPromise {
  readonly commitmentId: string;
  readonly responseTarget: SlaTarget;
}

export interface ChosenTarget {
  readonly target: SlaTarget;
  readonly basis: string;
}

/**
 * The target of a clock for a claim (SPEC §5): a cited commitment's promise wins for the first reply, then
 * the first matching rule in `settings.sla.rules` (by category, severity, urgency), then the default
 * (urgent or normal).
 */
export function targetFor(
  name: ClockName,
  claim: Pick<Claim, 'category' | 'severity' | 'urgency'>,
  settings: PolicySettings,
  promise?: CitedPromise,
): ChosenTarget {
  const sla = settings.sla;
  if (name === 'first_reply' && promise) {
    return { target: promise.responseTarget, basis: `commitment ${promise.commitmentId}` };
  }
  const index = sla.rules.findIndex(
    (r) =>
      r.clock === name &&
      (r.category === undefined || r.category === claim.category) &&
      (r.severity === undefined || r.severity === claim.severity) &&
      (r.urgency === undefined || r.urgency === claim.urgency),
  );
  const rule = sla.rules[index];
  if (rule) return { target: rule.target, basis: `settings.sla.rules[${index}]` };
  const urgent = claim.urgency === 'urgent';
  switch (name) {
    case 'first_reply':
      return urgent
        ? { target: sla.firstReplyUrgent, basis: 'urgent first reply' }
        : { target: sla.firstReply, basis: 'first reply' };
    case 'decision':
      return urgent
        ? { target: sla.decisionUrgent, basis: 'urgent decision' }
        : { target: sla.decision, basis: 'decision' };
    case 'reconsideration':
      return { target: sla.reconsideration, basis: 'reconsideration' };
    case 'on_site_visit':
      return { target: sla.onSiteVisit, basis: `on-site visit for ${claim.category}` };
  }
}

const isCalendarTime = (clock: SlaClock): boolean => 'calendarHours' in clock.target;

/** The instant the clock has used the warning ratio of its budget (paused time excluded). */
export function warningInstant(ctx: SlaContext, clock: SlaClock): string {
  const share = Math.round(clock.budgetMs * ctx.settings.sla.warningRatio) + clock.pausedMs;
  if (isCalendarTime(clock)) return new Date(Date.parse(clock.startedAt) + share).toISOString();
  return ctx.calendar.addWorkingTime(clock.startedAt, share).at;
}

function withWarning(ctx: SlaContext, previous: ClaimClock, clock: SlaClock): ClaimClock {
  return { ...previous, ...clock, warningAt: warningInstant(ctx, clock) };
}

export function startClock(ctx: SlaContext, at: Date, chosen: ChosenTarget): ClaimClock {
  const clock = createSlaClocks(ctx.calendar).start(at, chosen.target);
  return {
    ...clock,
    basis: chosen.basis,
    warningAt: warningInstant(ctx, clock),
    warnedAt: null,
    breachedAt: null,
    escalations: [],
    nextEscalationAt: null,
    extension: null,
  };
}

type ClockChange = 'pause' | 'resume' | 'stop';

function changeClock(ctx: SlaContext, clock: ClaimClock, change: ClockChange, at: Date, why: string) {
  const clocks = createSlaClocks(ctx.calendar);
  const base: SlaClock = clock;
  const next =
    change === 'pause'
      ? clocks.pause(base, at, why)
      : change === 'resume'
        ? clocks.resume(base, at)
        : clocks.stop(base, at);
  const { target, state, startedAt, dueAt, budgetMs, pausedMs, pauses, stoppedAt, fallbackYears } = next;
  const sla: SlaClock = {
    target,
    state,
    startedAt,
    dueAt,
    budgetMs,
    pausedMs,
    pauses,
    stoppedAt,
    fallbackYears,
  };
  const moved = withWarning(ctx, clock, sla);
  // A resume moves the deadline out, so a breach or warning recorded against the old one no longer holds.
  if (change === 'resume' && moved.dueAt !== clock.dueAt) {
    return {
      ...moved,
      warnedAt: Date.parse(moved.warningAt) > at.getTime() ? null : moved.warnedAt,
      breachedAt: Date.parse(moved.dueAt) > at.getTime() ? null : moved.breachedAt,
      nextEscalationAt: Date.parse(moved.dueAt) > at.getTime() ? null : moved.nextEscalationAt,
    };
  }
  return moved;
}

/** Every clock that has not stopped, stopped at `at`; the same object when none was left to stop. */
export function stopAllClocks(
  ctx: SlaContext,
  clocks: ClaimClocks | undefined,
  at: Date,
): ClaimClocks | undefined {
  const left = clockEntries(clocks).filter(([, clock]) => clock.state !== 'stopped');
  if (left.length === 0) return clocks;
  const next: ClaimClocks = { ...clocks };
  for (const [name, clock] of left) next[name] = changeClock(ctx, clock, 'stop', at, '');
  return next;
}

/**
 * The claim's clocks after a lifecycle action (SPEC §3, §5); unchanged for actions that touch no clock.
 * `claim` is the claim as the action leaves it, with the status after the action: every clock stops when
 * that status is terminal (closed, not admitted, withdrawn), so nothing warns or breaches on a closed claim.
 * Every use case that takes a lifecycle action calls this, through `applyChange`.
 */
export function clocksAfterAction(
  ctx: SlaContext,
  claim: Claim,
  action: string,
  at: Date,
): ClaimClocks | undefined {
  const clocks = actionClocks(ctx, claim, action, at);
  return isOpen(claim.status) ? clocks : stopAllClocks(ctx, clocks, at);
}

/**
 * When the visit ended the on-site clock: the visit's own time, as recorded, never before the clock
 * started nor after the recording, so a visit recorded late still counts as on time when it was.
 */
function visitStop(clock: ClaimClock, visit: Claim['siteVisit'], at: Date): Date {
  if (!visit) return at;
  const ms = Math.min(Math.max(Date.parse(visit.visitedAt), Date.parse(clock.startedAt)), at.getTime());
  return new Date(ms);
}

function actionClocks(ctx: SlaContext, claim: Claim, action: string, at: Date): ClaimClocks | undefined {
  const clocks: ClaimClocks = { ...(claim.clocks ?? {}) };
  const each = (fn: (name: ClockName, clock: ClaimClock) => ClaimClock | undefined): void => {
    for (const [name, clock] of clockEntries(clocks)) {
      const next = fn(name, clock);
      if (next) clocks[name] = next;
    }
  };
  switch (action) {
    case 'request_material':
      // Waiting on the customer: the reply and decision clocks pause; an on-site visit does not wait.
      each((name, clock) =>
        clock.state === 'running' && name !== 'on_site_visit'
          ? changeClock(ctx, clock, 'pause', at, 'waiting for material from the customer')
          : undefined,
      );
      break;
    case 'mark_material_complete':
      each((_name, clock) =>
        clock.state === 'paused' ? changeClock(ctx, clock, 'resume', at, '') : undefined,
      );
      clocks.decision ??= startClock(ctx, at, targetFor('decision', claim, ctx.settings));
      break;
    case 'record_first_reply':
    case 'reply_to_customer':
      // A written reply is a reply: the first one stops the clock; later ones leave it stopped.
      if (clocks.first_reply && clocks.first_reply.state !== 'stopped') {
        clocks.first_reply = changeClock(ctx, clocks.first_reply, 'stop', at, '');
      }
      break;
    case 'record_site_visit':
      if (clocks.on_site_visit && clocks.on_site_visit.state !== 'stopped') {
        const stopAt = visitStop(clocks.on_site_visit, claim.siteVisit, at);
        clocks.on_site_visit = changeClock(ctx, clocks.on_site_visit, 'stop', stopAt, '');
      }
      break;
    case 'approve':
      // The approved offer is the decision and final reply (SPEC §5).
      if (clocks.decision && clocks.decision.state !== 'stopped') {
        clocks.decision = changeClock(ctx, clocks.decision, 'stop', at, '');
      }
      break;
    case 'request_reconsideration':
      clocks.reconsideration = startClock(ctx, at, targetFor('reconsideration', claim, ctx.settings));
      break;
    case 'edit_facts':
      // Corrected facts may change the rule a clock follows (urgency, severity, category) and whether an
      // on-site visit is needed at all.
      each((name, clock) => retarget(ctx, name, clock, claim, at));
      if (
        needsOnSiteVisit(claim.category, ctx.settings.categories) &&
        !clocks.on_site_visit &&
        !claim.siteVisit
      ) {
        clocks.on_site_visit = startClock(ctx, at, targetFor('on_site_visit', claim, ctx.settings));
      }
      // A claim filed before clocks existed keeps having none unless the edit started one.
      if (!claim.clocks && clockEntries(clocks).length === 0) return claim.clocks;
      break;
    case 'decide_reconsideration':
      if (clocks.reconsideration && clocks.reconsideration.state !== 'stopped') {
        clocks.reconsideration = changeClock(ctx, clocks.reconsideration, 'stop', at, '');
      }
      break;
    default:
      return claim.clocks;
  }
  return clocks;
}

/**
 * A clock whose rule changed with the facts, counted again from its own start under the new target
 * (paused time still excluded); a warning or breach the new deadline no longer bears is cleared. Left as it
 * is when it stopped, was extended (the customer agreed to that date) or follows a commitment's promise.
 */
function retarget(
  ctx: SlaContext,
  name: ClockName,
  clock: ClaimClock,
  claim: Claim,
  at: Date,
): ClaimClock | undefined {
  if (clock.state === 'stopped' || clock.extension !== null || clock.basis.startsWith('commitment ')) {
    return undefined;
  }
  const chosen = targetFor(name, claim, ctx.settings);
  if (JSON.stringify(chosen.target) === JSON.stringify(clock.target)) return undefined;
  const fresh = createSlaClocks(ctx.calendar).start(new Date(clock.startedAt), chosen.target);
  const due =
    'calendarHours' in fresh.target
      ? { at: new Date(Date.parse(fresh.dueAt) + clock.pausedMs).toISOString(), fallbackYears: [] }
      : ctx.calendar.addWorkingTime(fresh.dueAt, clock.pausedMs);
  const sla: SlaClock = {
    ...clock,
    target: fresh.target,
    dueAt: due.at,
    budgetMs: fresh.budgetMs,
    // Years of earlier pauses stay flagged beside those of the new span.
    fallbackYears: [...new Set([...clock.fallbackYears, ...fresh.fallbackYears, ...due.fallbackYears])].sort(
      (a, b) => a - b,
    ),
  };
  const moved: ClaimClock = { ...clock, ...sla, basis: chosen.basis, warningAt: warningInstant(ctx, sla) };
  const now = at.getTime();
  const later = Date.parse(moved.dueAt) > now;
  return {
    ...moved,
    warnedAt: Date.parse(moved.warningAt) > now ? null : moved.warnedAt,
    breachedAt: later ? null : moved.breachedAt,
    nextEscalationAt: later ? null : moved.nextEscalationAt,
  };
}

/** The clocks intake starts: the first reply always, and the on-site visit for categories that need one. */
export function intakeClocks(
  ctx: SlaContext,
  claim: Claim,
  at: Date,
  promise?: CitedPromise,
): ClaimClocks | undefined {
  // A claim waiting for material from intake (email) still gets the first-reply clock its
  // acknowledgment promises: the reply is ours to give, whatever the customer still sends.
  if (claim.status !== 'received' && claim.status !== 'needs_material') return undefined;
  const clocks: ClaimClocks = {
    first_reply: startClock(ctx, at, targetFor('first_reply', claim, ctx.settings, promise)),
  };
  if (needsOnSiteVisit(claim.category, ctx.settings.categories)) {
    clocks.on_site_visit = startClock(ctx, at, targetFor('on_site_visit', claim, ctx.settings));
  }
  return clocks;
}

export interface ExtensionRequest {
  readonly clock: ClockName;
  /** Working days (or, for calendar-hour clocks, whole days of 24 h) added to the current deadline. */
  readonly days: number;
  readonly reason: string;
  readonly customerAgreed: true;
  readonly by: string;
}

/**
 * Extends a running or paused clock once (SPEC §5): the deadline moves out, the budget grows to match, and
 * a warning or breach recorded against the old deadline is cleared so the new one is watched afresh.
 */
export function extendClock(
  ctx: SlaContext,
  claim: Pick<Claim, 'clocks'>,
  request: ExtensionRequest,
  at: Date,
): ClaimClocks {
  const clock = claim.clocks?.[request.clock];
  if (!clock)
    throw new ValidationError(`the claim has no ${request.clock} clock`, [
      { path: 'clock', message: 'no such clock' },
    ]);
  const zh = wordFor(CLOCK_LABELS, request.clock, 'zh-CN');
  const en = wordFor(CLOCK_LABELS, request.clock, 'en');
  if (clock.state === 'stopped')
    throw new InvalidTransitionError(`the ${request.clock} clock has stopped`, {
      'zh-CN': `“${zh}”时限已经结束，不能再延长。`,
      en: `The “${en}” deadline has already ended, so it cannot be extended.`,
    });
  if (clock.extension)
    throw new InvalidTransitionError(`the ${request.clock} clock was already extended once`, {
      'zh-CN': `“${zh}”时限已经延长过一次，不能再延长。`,
      en: `The “${en}” deadline was already extended once; it cannot be extended again.`,
    });
  const moved = extendedDeadline(ctx, clock, request.days);
  const newDueAt = moved.dueAt;
  const extended: ClaimClock = {
    ...clock,
    dueAt: newDueAt,
    budgetMs: moved.budgetMs,
    // The weekends-only flag stays, and grows with the years the extension reaches (issue 25).
    fallbackYears: mergeYears(clock.fallbackYears, moved.fallbackYears),
    warnedAt: null,
    breachedAt: null,
    nextEscalationAt: null,
    extension: {
      at: at.toISOString(),
      by: request.by,
      reason: request.reason,
      customerAgreed: true,
      previousDueAt: clock.dueAt,
      newDueAt,
      days: request.days,
    },
  };
  return { ...claim.clocks, [request.clock]: { ...extended, warningAt: warningInstant(ctx, extended) } };
}

/** Sorted years of several lists, each once. */
export function mergeYears(...lists: (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/**
 * A clock's deadline moved out by `days` working days (whole 24 h days for calendar-hour clocks), the budget
 * that matches it, and the years the added span was computed on weekends only.
 */
export function extendedDeadline(
  ctx: SlaContext,
  clock: SlaClock,
  days: number,
): { dueAt: string; budgetMs: number; fallbackYears: readonly number[] } {
  if (isCalendarTime(clock)) {
    const dueAt = new Date(Date.parse(clock.dueAt) + days * 86_400_000).toISOString();
    return {
      dueAt,
      budgetMs: Math.max(0, Date.parse(dueAt) - Date.parse(clock.startedAt) - clock.pausedMs),
      fallbackYears: [],
    };
  }
  const due = ctx.calendar.addWorkingDays(clock.dueAt, days);
  const span = ctx.calendar.workingTimeBetween(clock.startedAt, due.at);
  return {
    dueAt: due.at,
    budgetMs: Math.max(0, span.ms - clock.pausedMs),
    fallbackYears: mergeYears(due.fallbackYears, span.fallbackYears),
  };
}
