import {
  DeactivateStaffSchema,
  NewStaffMemberSchema,
  StaffListQuerySchema,
  StaffUpdateSchema,
} from '../../../shared/domain/staff-directory.js';
import {
  createStaff,
  deactivateStaff,
  getStaff,
  listStaff,
  updateStaff,
} from '../../../shared/domain/use-cases/staff-admin.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf } from './helpers.js';

/** The staff directory for administrators (issue 15): list and search, read, add, edit, deactivate. */
export const staffAdminRoutes: readonly Route<Dependencies>[] = [
  {
    method: 'GET',
    path: '/staff/admin/staff',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const query = parseQuery(event, StaffListQuerySchema);
      return json(200, { items: await listStaff(deps, principal, query) });
    },
  },
  {
    method: 'POST',
    path: '/staff/admin/staff',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, NewStaffMemberSchema, deps.maxBodyBytes);
      return json(201, await createStaff(deps, principal, input));
    },
  },
  {
    method: 'GET',
    path: '/staff/admin/staff/{id}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      return json(200, await getStaff(deps, principal, params['id'] ?? ''));
    },
  },
  {
    method: 'PATCH',
    path: '/staff/admin/staff/{id}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, StaffUpdateSchema, deps.maxBodyBytes);
      return json(200, await updateStaff(deps, principal, params['id'] ?? '', input));
    },
  },
  {
    method: 'POST',
    path: '/staff/admin/staff/{id}/deactivate',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, DeactivateStaffSchema, deps.maxBodyBytes);
      return json(200, await deactivateStaff(deps, principal, params['id'] ?? '', input.expectedVersion));
    },
  },
];
