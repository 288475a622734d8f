import * as z from '../../../shared/zod.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { storeHolidaySchedule, viewHolidaySchedule } from '../../../shared/domain/use-cases/calendar.js';
import { ExtendDeadlineSchema, extendDeadline } from '../../../shared/domain/use-cases/extend-deadline.js';
import { StatsQuerySchema, monthlyStatistics } from '../../../shared/domain/use-cases/statistics.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf, staffClaimRoute, triageRoute } from './helpers.js';

const YearSchema = z.coerce.number().check(z.int(), z.gte(1970), z.lte(9999));

function yearOf(raw: string | undefined): number {
  const year = YearSchema.safeParse(raw);
  if (!year.success)
    throw new ValidationError('the year must be four digits', [{ path: 'year', message: 'invalid year' }]);
  return year.data;
}

/** SLA routes: the first reply and the on-site visit (each ends its clock), deadline extension, the holiday calendar, monthly statistics. */
export const slaRoutes: readonly Route<Dependencies>[] = [
  {
    method: 'GET',
    path: '/staff/stats',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const { month } = parseQuery(event, StatsQuerySchema);
      return json(200, await monthlyStatistics(deps, principal, month));
    },
  },
  triageRoute('record_first_reply', 'first-reply'),
  triageRoute('record_site_visit', 'site-visit'),
  staffClaimRoute('extend-deadline', ExtendDeadlineSchema, (deps, { ref, principal, input }) =>
    extendDeadline(deps, ref, input, principal),
  ),
  {
    method: 'GET',
    path: '/staff/calendar/{year}',
    async handle(event, params, deps) {
      principalOf(event, deps);
      return json(200, await viewHolidaySchedule(deps, yearOf(params['year'])));
    },
  },
  {
    method: 'PUT',
    path: '/staff/calendar/{year}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const body = parseJsonBody(event, z.unknown(), deps.maxBodyBytes);
      return json(200, await storeHolidaySchedule(deps, principal, body, yearOf(params['year'])));
    },
  },
];
