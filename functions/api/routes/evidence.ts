import * as z from '../../../shared/zod.js';
import { UploadRequestSchema } from '../../../shared/domain/evidence.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { requestMaterialUpload } from '../../../shared/domain/use-cases/customer-claim.js';
import {
  evidenceDownload,
  requestUpload,
  type UploadTicket,
} from '../../../shared/domain/use-cases/evidence-uploads.js';
import type { ApiDependencies } from '../routes.js';
import { parseJsonBody } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json, type HttpResult } from '../../../shared/runtime/http/types.js';
import { claimTokenOf, principalOf } from './helpers.js';

/** A position in a claim's evidence list, as the path carries it. */
const EvidenceIndexSchema = z.coerce.number().check(z.int(), z.gte(0), z.lte(1000));

/** The upload reference to send back with the claim, and the request the browser makes to upload. */
function ticketResponse(ticket: UploadTicket): HttpResult {
  return json(201, { upload: ticket.upload, ...ticket.request });
}

/** Public: signed uploads of evidence for the claim form and for material on a claim (with its token). */
export const uploadRoutes: readonly Route<ApiDependencies>[] = [
  {
    method: 'POST',
    path: '/claims/uploads',
    async handle(event, _params, deps) {
      const input = parseJsonBody(event, UploadRequestSchema, deps.maxBodyBytes);
      return ticketResponse(await requestUpload(deps, input, null));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/uploads',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const input = parseJsonBody(event, UploadRequestSchema, deps.maxBodyBytes);
      return ticketResponse(await requestMaterialUpload(deps, params['number'] ?? '', token, input));
    },
  },
];

/** Staff: a short-lived signed download of one piece of a claim's evidence. */
export const evidenceDownloadRoutes: readonly Route<ApiDependencies>[] = [
  {
    method: 'GET',
    path: '/staff/claims/{ref}/evidence/{index}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const index = EvidenceIndexSchema.safeParse(params['index']);
      if (!index.success)
        throw new ValidationError('not an evidence index', [{ path: 'index', message: 'a number' }]);
      const found = await evidenceDownload(deps, principal, params['ref'] ?? '', index.data);
      return json(200, {
        name: found.name,
        contentType: found.contentType,
        size: found.size,
        url: found.request.url,
        expiresAt: found.request.expiresAt,
      });
    },
  },
];
