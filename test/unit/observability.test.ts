import { describe, expect, it } from 'vitest';
import { businessEventsOf } from '../../functions/api/business-events.js';
import { missingHolidayYears } from '../../shared/domain/calendar/holiday-coverage.js';
import { BUSINESS_METRICS } from '../../shared/runtime/metrics.js';
import { httpEvent } from '../support/http.js';

describe('business events of API answers', () => {
  it('counts a filed claim by its channel, and a replayed submission (200) not again', () => {
    expect(businessEventsOf(httpEvent('POST', '/claims'), { statusCode: 201 })).toEqual([
      { metric: BUSINESS_METRICS.claimFiled, dimensions: { channel: 'web' } },
    ]);
    expect(businessEventsOf(httpEvent('POST', '/claims'), { statusCode: 200 })).toEqual([]);
    const phone = httpEvent('POST', '/staff/claims', { body: { channel: 'phone' } });
    expect(businessEventsOf(phone, { statusCode: 201 })).toEqual([
      { metric: BUSINESS_METRICS.claimFiled, dimensions: { channel: 'phone' } },
    ]);
  });

  it('counts a recorded first reply, and nothing for refusals or reads', () => {
    const reply = httpEvent('POST', '/staff/claims/CLM-2026-000001/first-reply');
    expect(businessEventsOf(reply, { statusCode: 200 })).toEqual([
      { metric: BUSINESS_METRICS.firstReply, dimensions: {} },
    ]);
    expect(businessEventsOf(reply, { statusCode: 409 })).toEqual([]);
    expect(businessEventsOf(httpEvent('GET', '/claims/CLM-2026-000001'), { statusCode: 200 })).toEqual([]);
  });
});

describe('holiday years missing', () => {
  it('needs this Shanghai year, and from 60 days before the next one starts (2 November) that one too', () => {
    expect(missingHolidayYears([2026], new Date('2026-11-01T15:59:59Z'))).toEqual([]);
    // 2026-11-01T16:00Z is 2 November 00:00 in Shanghai, 60 days before 1 January 2027.
    expect(missingHolidayYears([2026], new Date('2026-11-01T16:00:00Z'))).toEqual([2027]);
    expect(missingHolidayYears([2026], new Date('2026-12-02T00:00:00Z'))).toEqual([2027]);
    expect(missingHolidayYears([2026, 2027], new Date('2026-12-02T00:00:00Z'))).toEqual([]);
    expect(missingHolidayYears([2025], new Date('2026-03-01T00:00:00Z'))).toEqual([2026]);
    // 2026-12-31T16:00Z is already 2027 in Shanghai.
    expect(missingHolidayYears([2026], new Date('2026-12-31T16:00:00Z'))).toEqual([2027]);
  });
});
