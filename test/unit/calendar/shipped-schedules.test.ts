import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  HolidayScheduleSchema,
  SHIPPED_SOURCE,
  createWorkingCalendar,
  schedulesFromChineseDays,
  shippedSchedules,
} from '../../../shared/domain/calendar/index.js';
import type { HolidaySchedule } from '../../../shared/domain/calendar/index.js';
import { datesFrom } from './shanghai.js';

/*
 * Expected values are read from chinese-days 1.5.7: dist/chinese-days.json (the data the adapter converts)
 * and the State Council notices it quotes in src/holidays/generate.ts:
 *   2026: https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
 *   2025: https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm (国办发明电〔2024〕12号)
 */

function scheduleFor(year: number): HolidaySchedule {
  const schedule = shippedSchedules().find((s) => s.year === year);
  if (!schedule) throw new Error(`no shipped schedule for ${year}`);
  return schedule;
}

function datesOfKind(schedule: HolidaySchedule, kind: string): string[] {
  return schedule.days.filter((d) => d.kind === kind).map((d) => d.date);
}

describe('shipped schedules (chinese-days 1.5.7)', () => {
  it('covers 2004 through 2026, one valid schedule per year, with its source', () => {
    const schedules = shippedSchedules();
    expect(schedules.map((s) => s.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    for (const schedule of schedules) {
      expect(HolidayScheduleSchema.safeParse(schedule).success).toBe(true);
      expect(schedule.source).toBe(SHIPPED_SOURCE);
    }
  });

  it('converts the pinned package file exactly as the validating converter does (cold starts skip zod on it)', () => {
    expect(schedulesFromChineseDays(chineseDays)).toEqual(shippedSchedules());
  });

  it('has no half-days: the package does not model them', () => {
    expect(
      shippedSchedules()
        .flatMap((s) => s.days)
        .filter((d) => d.kind === 'half-day'),
    ).toEqual([]);
  });

  it('2026: every holiday and make-up day of the published notice', () => {
    const s2026 = scheduleFor(2026);
    // 元旦 1/1–1/3, 春节 2/15–2/23, 清明 4/4–4/6, 劳动节 5/1–5/5, 端午 6/19–6/21, 中秋 9/25–9/27, 国庆节 10/1–10/7.
    const holidays: [string, string, string][] = [
      ['2026-01-01', '2026-01-03', '元旦'],
      ['2026-02-15', '2026-02-23', '春节'],
      ['2026-04-04', '2026-04-06', '清明'],
      ['2026-05-01', '2026-05-05', '劳动节'],
      ['2026-06-19', '2026-06-21', '端午'],
      ['2026-09-25', '2026-09-27', '中秋'],
      ['2026-10-01', '2026-10-07', '国庆节'],
    ];
    // Make-up working days: 1/4 (Sun), 2/14 (Sat), 2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).
    const workdays: [string, string][] = [
      ['2026-01-04', '元旦'],
      ['2026-02-14', '春节'],
      ['2026-02-28', '春节'],
      ['2026-05-09', '劳动节'],
      ['2026-09-20', '国庆节'],
      ['2026-10-10', '国庆节'],
    ];
    const expectedHolidays = holidays.flatMap(([from, to, name]) =>
      datesFrom(from, to).map((date) => ({ date, name })),
    );
    expect(expectedHolidays).toHaveLength(33);
    expect(s2026.days.filter((d) => d.kind === 'holiday').map(({ date, name }) => ({ date, name }))).toEqual(
      expectedHolidays,
    );
    expect(s2026.days.filter((d) => d.kind === 'workday').map(({ date, name }) => [date, name])).toEqual(
      workdays,
    );

    const calendar = createWorkingCalendar();
    for (const { date, name } of expectedHolidays) {
      expect(calendar.dayInfo(date)).toMatchObject({
        working: false,
        reason: `holiday: ${name}`,
        fallback: false,
      });
    }
    for (const [date] of workdays) {
      expect(calendar.dayInfo(date)).toMatchObject({
        working: true,
        reason: 'make-up workday (调休)',
        fallback: false,
      });
    }
    const workingDays2026 = datesFrom('2026-01-01', '2026-12-31').filter((d) => calendar.dayInfo(d).working);
    expect(workingDays2026).toHaveLength(248);
  });

  it('2025 National Day: Oct 1–8 off (Oct 6 is labelled 中秋), Sep 28 (Sun) and Oct 11 (Sat) worked', () => {
    const s2025 = scheduleFor(2025);
    expect(datesOfKind(s2025, 'holiday').filter((d) => d >= '2025-10-01')).toEqual(
      datesFrom('2025-10-01', '2025-10-08'),
    );
    expect(datesOfKind(s2025, 'workday')).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(s2025.days.find((d) => d.date === '2025-10-06')?.name).toBe('中秋');
  });

  it('keeps a previous-December make-up day in its own year (2012 notice: Sat 2011-12-31 worked)', () => {
    expect(scheduleFor(2011).days.find((d) => d.date === '2011-12-31')).toEqual({
      date: '2011-12-31',
      kind: 'workday',
      name: '元旦',
    });
  });

  it('converts the package format and refuses malformed data', () => {
    const data = {
      holidays: { '2030-10-01': 'National Day,国庆节,3' },
      workdays: { '2030-09-29': 'National Day,国庆节,3' },
      inLieuDays: {},
    };
    expect(schedulesFromChineseDays(data)).toEqual([
      {
        year: 2030,
        source: SHIPPED_SOURCE,
        days: [
          { date: '2030-09-29', kind: 'workday', name: '国庆节' },
          { date: '2030-10-01', kind: 'holiday', name: '国庆节' },
        ],
      },
    ]);
    expect(() => schedulesFromChineseDays({ holidays: { '2030-02-30': 'X,某,1' }, workdays: {} })).toThrow(
      /Invalid/,
    );
    expect(() => schedulesFromChineseDays({ holidays: { '2030-10-01': 'no label' }, workdays: {} })).toThrow(
      /Invalid/,
    );
  });
});
