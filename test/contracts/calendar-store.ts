import { beforeEach, describe, expect, it } from 'vitest';
import type { HolidaySchedule } from '../../shared/domain/calendar/holiday-schedule.js';
import type { StoreSet, StoreSubject } from './stores.js';

function schedule(year: number, name = '元旦'): HolidaySchedule {
  return { year, source: 'test notice', days: [{ date: `${year}-01-01`, kind: 'holiday', name }] };
}

/** What every CalendarStore promises, run against the in-memory fake and DynamoDB. */
export function calendarStoreContract(subject: StoreSubject): void {
  describe(`CalendarStore (${subject.name})`, () => {
    let stores: StoreSet;
    beforeEach(async () => {
      stores = await subject.fresh();
    });

    it('stores one schedule per year with who stored it and when; a later put replaces it', async () => {
      expect(await stores.calendar.getSchedule(2030)).toBeNull();
      expect(await stores.calendar.listSchedules()).toEqual([]);
      await stores.calendar.putSchedule(schedule(2030), 'ops-1', new Date('2026-11-01T00:00:00Z'));
      await stores.calendar.putSchedule(schedule(2030, '新年'), 'ops-2', new Date('2026-11-02T00:00:00Z'));
      expect(await stores.calendar.getSchedule(2030)).toEqual({
        schedule: schedule(2030, '新年'),
        updatedBy: 'ops-2',
        updatedAt: '2026-11-02T00:00:00.000Z',
      });
    });

    it('lists every stored schedule by year', async () => {
      for (const year of [2031, 2029, 2030])
        await stores.calendar.putSchedule(schedule(year), 'ops', new Date('2026-11-01T00:00:00Z'));
      expect((await stores.calendar.listSchedules()).map((s) => s.schedule.year)).toEqual([2029, 2030, 2031]);
    });

    it('refuses a schedule that breaks its schema, storing nothing', async () => {
      const twice: HolidaySchedule = {
        year: 2032,
        days: [
          { date: '2032-01-01', kind: 'holiday', name: '元旦' },
          { date: '2032-01-01', kind: 'holiday', name: '元旦' },
        ],
      };
      await expect(stores.calendar.putSchedule(twice, 'ops', new Date())).rejects.toThrow();
      expect(await stores.calendar.getSchedule(2032)).toBeNull();
    });

    it('hands out copies: changing what was put or read changes nothing stored', async () => {
      const put = schedule(2033);
      await stores.calendar.putSchedule(put, 'ops', new Date('2026-11-01T00:00:00Z'));
      put.days.length = 0;
      const read = await stores.calendar.getSchedule(2033);
      read?.schedule.days.push({ date: '2033-02-01', kind: 'workday', name: '春节' });
      const [listed] = await stores.calendar.listSchedules();
      listed?.schedule.days.pop();
      expect((await stores.calendar.getSchedule(2033))?.schedule).toEqual(schedule(2033));
    });
  });
}
