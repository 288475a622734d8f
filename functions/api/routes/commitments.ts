import {
  CommitmentListQuerySchema,
  ExpireCommitmentSchema,
  NewCommitmentSchema,
  commitmentOverview,
  createCommitment,
  expireCommitment,
  getCommitment,
} from '../../../shared/domain/use-cases/commitments.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf } from './helpers.js';

/** The commitments registry (承诺, SPEC §13) for staff. */
export const commitmentRoutes: readonly Route<Dependencies>[] = [
  {
    method: 'POST',
    path: '/staff/commitments',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, NewCommitmentSchema, deps.maxBodyBytes);
      return json(201, await createCommitment(deps, principal, input));
    },
  },
  {
    method: 'GET',
    path: '/staff/commitments',
    async handle(event, _params, deps) {
      principalOf(event, deps);
      const query = parseQuery(event, CommitmentListQuerySchema);
      return json(200, { items: await deps.commitments.byCustomer(query.customer) });
    },
  },
  {
    method: 'GET',
    path: '/staff/commitments/overview',
    async handle(event, _params, deps) {
      principalOf(event, deps);
      return json(200, await commitmentOverview(deps));
    },
  },
  {
    method: 'GET',
    path: '/staff/commitments/{id}',
    async handle(event, params, deps) {
      principalOf(event, deps);
      return json(200, await getCommitment(deps, params['id'] ?? ''));
    },
  },
  {
    method: 'POST',
    path: '/staff/commitments/{id}/expire',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, ExpireCommitmentSchema, deps.maxBodyBytes);
      return json(200, await expireCommitment(deps, principal, params['id'] ?? '', input));
    },
  },
];
