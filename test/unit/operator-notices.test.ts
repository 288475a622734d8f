import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../shared/domain/calendar/working-calendar.js';
import { shippedSchedules } from '../../shared/domain/calendar/shipped-schedules.js';
import { fixedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { operatorNotices } from '../../shared/domain/use-cases/operator-notices.js';
import { noticeTexts } from '../../web/src/notice-texts.js';

const at = (iso: string) => ({ now: () => new Date(iso) });
const upTo2026 = fixedCalendarSource(
  createWorkingCalendar({ schedules: shippedSchedules().filter((s) => s.year <= 2026) }),
);

describe('operator notices (GET /staff/me `notices`)', () => {
  it('names 2027 from 60 days before it starts while its schedule is missing', async () => {
    expect(await operatorNotices({ clock: at('2026-12-02T08:00:00Z'), calendars: upTo2026 })).toEqual({
      missingHolidayYears: [2027],
    });
    expect(await operatorNotices({ clock: at('2026-10-01T08:00:00Z'), calendars: upTo2026 })).toEqual({
      missingHolidayYears: [],
    });
  });

  it('names the rehearsal clock when the stack runs shifted', async () => {
    const clockOffset = { iso: 'P20D', milliseconds: 20 * 86_400_000 };
    expect(
      await operatorNotices({ clock: at('2026-10-01T08:00:00Z'), calendars: upTo2026, clockOffset }),
    ).toEqual({ missingHolidayYears: [], clockOffset });
  });
});

describe('the banner of the console and the dashboard', () => {
  it('says which year has no holiday schedule and how deadlines are counted', () => {
    expect(noticeTexts({ missingHolidayYears: [2027] }, 'zh-CN')).toEqual([
      '2027 年节假日安排尚未导入，截止时间暂按仅周末计算',
    ]);
    expect(noticeTexts({ missingHolidayYears: [2027] }, 'en')).toEqual([
      'The 2027 holiday schedule has not been loaded: deadlines in 2027 are counted on weekends only for now.',
    ]);
  });

  it('says how far the rehearsal clock is shifted, ahead or behind', () => {
    const shifted = (milliseconds: number) => ({
      missingHolidayYears: [],
      clockOffset: { iso: '', milliseconds },
    });
    expect(noticeTexts(shifted(20 * 86_400_000), 'zh-CN')).toEqual(['演练时钟：比实际时间快 20 天']);
    expect(noticeTexts(shifted(20 * 86_400_000), 'en')).toEqual(['Rehearsal clock: 20 days ahead']);
    expect(noticeTexts(shifted(-36 * 3_600_000), 'zh-CN')).toEqual(['演练时钟：比实际时间慢 1 天 12 小时']);
    expect(noticeTexts(shifted(-36 * 3_600_000), 'en')).toEqual(['Rehearsal clock: 1 day 12 hours behind']);
  });

  it('shows nothing when the calendar is complete and the clock is real', () => {
    expect(noticeTexts({ missingHolidayYears: [] }, 'zh-CN')).toEqual([]);
  });
});
