import * as z from '../../../shared/zod.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  PolicySaveSchema,
  listPolicyVersions,
  savePolicy,
  viewPolicy,
  viewPolicyVersion,
} from '../../../shared/domain/use-cases/policy-admin.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf } from './helpers.js';
import { refuseUnitChangesWithOpenClaims } from '../../../shared/domain/use-cases/unit-changes.js';

const VersionSchema = z.coerce.number().check(z.int(), z.gte(1), z.lte(1_000_000_000));

function versionOf(raw: string | undefined): number {
  const version = VersionSchema.safeParse(raw);
  if (!version.success)
    throw new ValidationError('版本号须为正整数 (the version must be a whole number from 1)', [
      { path: 'n', message: 'invalid version' },
    ]);
  return version.data;
}

/** The runtime policy (issue 15): the version in force, its history, and saving a new one (admin). */
export const policyRoutes: readonly Route<Dependencies>[] = [
  {
    method: 'GET',
    path: '/staff/admin/policy',
    async handle(event, _params, deps) {
      return json(200, await viewPolicy(deps, principalOf(event, deps)));
    },
  },
  {
    method: 'PUT',
    path: '/staff/admin/policy',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, PolicySaveSchema, deps.maxBodyBytes);
      return json(
        200,
        await savePolicy(deps, principal, input, (before, after) =>
          refuseUnitChangesWithOpenClaims(deps, before.settings, after.settings),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/staff/admin/policy/versions',
    async handle(event, _params, deps) {
      return json(200, await listPolicyVersions(deps, principalOf(event, deps)));
    },
  },
  {
    method: 'GET',
    path: '/staff/admin/policy/versions/{n}',
    async handle(event, params, deps) {
      return json(200, await viewPolicyVersion(deps, principalOf(event, deps), versionOf(params['n'])));
    },
  },
];
