/**
 * The API's OpenAPI 3.1 document, generated from the very zod schemas the routes parse with
 * (`parseJsonBody` / `parseQuery`), so the document cannot drift from what the API accepts.
 *
 * `zod-openapi` turns the schemas into JSON Schema (through zod's own `toJSONSchema`, in its "input" view, so
 * fields with defaults are optional as a caller sees them) and assembles path items, parameters and
 * components. It imports classic zod, so this module is for tooling only — the local stack's
 * `GET /openapi.json`, tests, `npm run openapi` — and never part of a Lambda bundle (the API's cold start
 * pays for zod/mini only; see shared/zod.ts).
 *
 * Every route of `routes` needs an entry in ROUTE_DOCS: test/contracts/openapi.test.ts fails otherwise.
 */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import * as z from '../../shared/zod.js';
import { HolidayScheduleSchema } from '../../shared/domain/calendar/index.js';
import { IntakeInputSchema } from '../../shared/domain/claim.js';
import { LookupCodeRequestSchema, LookupLinkRequestSchema } from '../../shared/domain/claim-finder.js';
import {
  DeactivateStaffSchema,
  NewStaffMemberSchema,
  StaffListQuerySchema,
  StaffUpdateSchema,
} from '../../shared/domain/staff-directory.js';
import { UploadRequestSchema } from '../../shared/domain/evidence.js';
import {
  CommitmentListQuerySchema,
  ExpireCommitmentSchema,
  NewCommitmentSchema,
} from '../../shared/domain/use-cases/commitments.js';
import { AddMaterialSchema, CustomerWithdrawSchema } from '../../shared/domain/use-cases/customer-claim.js';
import {
  AcceptInputSchema,
  DisputeInputSchema,
  ReconsiderationInputSchema,
  SurveyInputSchema,
} from '../../shared/domain/use-cases/customer-decision.js';
import { ExtendDeadlineSchema } from '../../shared/domain/use-cases/extend-deadline.js';
import {
  ConfirmPayoutSchema,
  FailPayoutSchema,
  LedgerQuerySchema,
  RecoveryEntryInputSchema,
} from '../../shared/domain/use-cases/payouts.js';
import {
  ApproveInputSchema,
  DecideReconsiderationInputSchema,
  ExecutionInputSchema,
  FindingsInputSchema,
  HandToLegalInputSchema,
  ProposalInputSchema,
  ReasonInputSchema,
} from '../../shared/domain/use-cases/resolution.js';
import { SearchQuerySchema, WorkQueueQuerySchema } from '../../shared/domain/use-cases/staff-queries.js';
import { StatsQuerySchema } from '../../shared/domain/use-cases/statistics.js';
import { TRIAGE_PAYLOADS } from '../../shared/domain/use-cases/triage.js';
import { EscalateToHqSchema } from '../../shared/domain/use-cases/escalate-to-hq.js';
import { ResendTrackingLinkSchema } from '../../shared/domain/use-cases/resend-tracking-link.js';
import { AttachHeldMailSchema, HeldMailQuerySchema } from '../../shared/domain/mail/held-mail-view.js';
import { EditFactsSchema } from '../../shared/domain/use-cases/edit-facts.js';
import { FormOptionsQuerySchema } from '../../shared/domain/use-cases/category-options.js';
import { PolicySaveSchema } from '../../shared/domain/use-cases/policy-admin.js';
import { MAX_PATH_PARAM_LENGTH, type Route } from '../../shared/runtime/http/router.js';
import { ClaimTokenSchema, IdempotencyKeySchema, StaffIntakeSchema } from './routes/helpers.js';
import { CLAIM_TOKEN_HEADER } from '../../shared/domain/tracking-link.js';

/** What the document says of one route beyond its method and path. */
export interface RouteDoc {
  readonly summary: string;
  readonly body?: z.core.$ZodType;
  readonly query?: z.core.$ZodObject;
  /** The success status and what it carries. */
  readonly ok: { readonly status: 200 | 201 | 202; readonly description: string; readonly csv?: true };
  /** Takes an `Idempotency-Key` header. */
  readonly idempotent?: true;
  /** The customer's claim token, in the `X-Claim-Token` header (never in the query string). */
  readonly claimToken?: true;
}

const EmptyBody = z.strictObject({});
const PUBLIC_TOKEN = { claimToken: true } as const;
const CLAIM_VIEW = {
  status: 200,
  description:
    'the customer view of the claim (CustomerClaimView): the offer in words with each item’s settlement, the conversation, survey and what the customer may still do',
} as const;
const STAFF_CLAIM = { status: 200, description: 'the claim as staff see it, with allowedActions' } as const;
const FILED = {
  status: 201,
  description:
    'the claim was filed (200 with replayed: true for a repeated Idempotency-Key); notifiedBy names the channels (sms, email) the receipt goes to, without SMS for a number that opted out of texts',
} as const;
const UPLOAD = {
  status: 201,
  description: 'an upload reference and the signed request to upload with',
} as const;

const staffAction = (summary: string, body: z.core.$ZodType): RouteDoc => ({
  summary,
  body,
  ok: STAFF_CLAIM,
});

/** Keyed `METHOD path` exactly as the routes declare them. */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  // Public: the customer's side (token in the X-Claim-Token header).
  'POST /claims': {
    summary:
      'File a claim from the web form: needs privacyConsent (the notice version agreed to) and, unless the policy turned it off, an Idempotency-Key with its X-Proof-Of-Work (GET /form-challenge)',
    body: IntakeInputSchema,
    ok: FILED,
    idempotent: true,
  },
  'GET /form-challenge': {
    summary:
      'A signed proof-of-work challenge for POST /claims: find a nonce whose SHA-256 of "<challenge>.<Idempotency-Key>.<nonce>" has `bits` leading zero bits, send X-Proof-Of-Work: <challenge>.<nonce>',
    ok: { status: 200, description: 'challenge, expiresAt, bits (0 and an empty challenge: not required)' },
  },
  'GET /privacy-notice': {
    summary:
      'The privacy notice the form consent line links to (version, text in lang) and the company that handles the data',
    query: FormOptionsQuerySchema,
    ok: { status: 200, description: 'version, effectiveFrom, text, company { name, logoUrl }' },
  },
  'GET /form-options': {
    summary: 'The claim form choices: the active categories of the policy in force, named in lang',
    query: FormOptionsQuerySchema,
    ok: { status: 200, description: 'the language and the categories ({ code, name }) the form offers' },
  },
  'POST /claims/uploads': {
    summary: 'Sign an evidence upload for the claim form',
    body: UploadRequestSchema,
    ok: UPLOAD,
  },
  'GET /claims/{number}': { summary: 'The customer view of a claim', ...PUBLIC_TOKEN, ok: CLAIM_VIEW },
  'POST /claims/{number}/uploads': {
    summary: 'Sign an evidence upload for material on a claim',
    ...PUBLIC_TOKEN,
    body: UploadRequestSchema,
    ok: UPLOAD,
  },
  'POST /claims/{number}/material': {
    summary: 'The customer adds material',
    ...PUBLIC_TOKEN,
    body: AddMaterialSchema,
    ok: { status: 200, description: 'the claim number, status and material submissions' },
  },
  'POST /claims/{number}/withdraw': {
    summary: 'The customer withdraws the claim',
    ...PUBLIC_TOKEN,
    body: CustomerWithdrawSchema,
    ok: { status: 200, description: 'the claim number and status' },
  },
  'POST /claims/{number}/escalate': {
    summary: "Take a store's refusal or missed deadline to headquarters",
    ...PUBLIC_TOKEN,
    body: EscalateToHqSchema,
    ok: { status: 200, description: 'the claim number, status and unit (HQ)' },
  },
  'POST /claims/{number}/accept': {
    summary:
      'Accept the offer; for money, where it goes: payee { method: original_route | alipay | wechat_pay | bank_card, holderName, bank, account } (absent: original_route)',
    ...PUBLIC_TOKEN,
    body: AcceptInputSchema,
    ok: CLAIM_VIEW,
  },
  'POST /claims/{number}/dispute': {
    summary: 'Dispute the offer',
    ...PUBLIC_TOKEN,
    body: DisputeInputSchema,
    ok: CLAIM_VIEW,
  },
  'POST /claims/{number}/reconsideration': {
    summary: 'Ask for reconsideration',
    ...PUBLIC_TOKEN,
    body: ReconsiderationInputSchema,
    ok: CLAIM_VIEW,
  },
  'POST /claims/{number}/confirm-closure': {
    summary: 'Confirm the closure',
    ...PUBLIC_TOKEN,
    body: EmptyBody,
    ok: CLAIM_VIEW,
  },
  'POST /claims/{number}/survey': {
    summary: 'Answer the satisfaction survey',
    ...PUBLIC_TOKEN,
    body: SurveyInputSchema,
    ok: CLAIM_VIEW,
  },

  'POST /lookup/code': {
    summary: 'Find my claim: send a one-time code to the phone or email the claim was filed with',
    body: LookupCodeRequestSchema,
    ok: {
      status: 202,
      description:
        'always { status: "accepted" }, whether or not the claim exists, the contact matches or a code was sent',
    },
  },
  'POST /lookup/link': {
    summary: 'Find my claim: trade the code for a fresh tracking link',
    body: LookupLinkRequestSchema,
    ok: {
      status: 200,
      description:
        'the claim number and trackingPath (/track.html?number=…#t=<token>); a wrong, used, expired or locked code, or an unknown number, is the same 400 lookup_code_wrong',
    },
  },

  // Staff: behind the JWT authorizer.
  'POST /staff/claims': {
    summary: 'Register a phone or walk-in claim',
    body: StaffIntakeSchema,
    ok: FILED,
    idempotent: true,
  },
  'GET /staff/claims': {
    summary:
      'The work queue of a unit and below: filtered (status, assignee, SLA state, category, customer responded, awaiting my approval) and sorted (next deadline, severity, received)',
    query: WorkQueueQuerySchema,
    ok: {
      status: 200,
      description:
        'one page of open claims in the order asked for, the total of matching rows (capped: true when more than 2,000 matched and only those were sorted) and the next cursor; each row with its summary SLA (sla), its SLA state now (slaState), unitName and assigneeName',
    },
  },
  'GET /staff/search': {
    summary: 'Find claims by number, phone, email or order',
    query: SearchQuerySchema,
    ok: {
      status: 200,
      description: 'the visible claims that match, as work-queue rows (slaState, unitName, assigneeName)',
    },
  },
  'GET /staff/me': {
    summary: 'Who the token says you are',
    ok: {
      status: 200,
      description:
        "the principal, its allowed actions, the console's notices and the queue's pickers (queue.units, queue.colleagues)",
    },
  },
  'GET /staff/claims/{ref}': {
    summary: 'Claim detail with its audit timeline',
    ok: {
      status: 200,
      description:
        'the claim, its timeline, and auditIntegrity: { intact, brokenAt?: { index, eventId, reason, expected, found }, unchained, notChainedBefore? } (the hash chain of the timeline)',
    },
  },
  'POST /staff/claims/{ref}/tracking-link': {
    summary: "Send the customer a fresh tracking link by the claim's email and/or SMS",
    body: ResendTrackingLinkSchema,
    ok: {
      status: 200,
      description:
        'the claim number and the channels the link goes out by (email, sms); the token is minted as it is sent',
    },
  },
  'GET /staff/held-mail': {
    summary: 'Held mail: messages the mail rules quarantined or could not read, not yet settled',
    query: HeldMailQuerySchema,
    ok: {
      status: 200,
      description:
        "newest first: sender, subject, receivedAt, reasons (code and words in the request language), the rules' note, the named claim's number, readable; and the next cursor",
    },
  },
  'GET /staff/held-mail/{sha256}': {
    summary: 'One held message with its text and attachment names',
    ok: { status: 200, description: 'the row with text (first 20,000 characters, or null) and attachments' },
  },
  'POST /staff/held-mail/{sha256}/release': {
    summary: 'Release a held message as a new email claim (acknowledged unless a machine or list wrote it)',
    ok: { status: 200, description: 'the new claim number; 409 in words when someone settled it first' },
  },
  'POST /staff/held-mail/{sha256}/attach': {
    summary: "Add a held message to a claim as the customer's reply (its files as evidence, the owner told)",
    body: AttachHeldMailSchema,
    ok: { status: 200, description: 'the claim number; 404 in words for a claim you may not see' },
  },
  'POST /staff/held-mail/{sha256}/dismiss': {
    summary: 'Dismiss a held message (kept on record, out of the list)',
    ok: { status: 200, description: '{ dismissed: true }; 409 in words when someone settled it first' },
  },
  'GET /staff/claims/{ref}/evidence/{index}': {
    summary: 'A signed download of one piece of evidence',
    ok: { status: 200, description: 'name, content type, size and a short-lived URL' },
  },
  'POST /staff/claims/{ref}/assign': staffAction('Dispatch and/or assign', TRIAGE_PAYLOADS.assign),
  'POST /staff/claims/{ref}/request-material': staffAction(
    'Request material',
    TRIAGE_PAYLOADS.request_material,
  ),
  'POST /staff/claims/{ref}/material-complete': staffAction(
    'Mark material complete',
    TRIAGE_PAYLOADS.mark_material_complete,
  ),
  'POST /staff/claims/{ref}/start-investigation': staffAction(
    'Start the investigation',
    TRIAGE_PAYLOADS.start_investigation,
  ),
  'POST /staff/claims/{ref}/not-admit': staffAction('Do not admit the claim', TRIAGE_PAYLOADS.not_admit),
  'POST /staff/claims/{ref}/withdraw': staffAction(
    "Withdraw on the customer's behalf",
    TRIAGE_PAYLOADS.withdraw,
  ),
  'POST /staff/claims/{ref}/take-over': staffAction(
    "Headquarters takes a store's claim over",
    TRIAGE_PAYLOADS.take_over,
  ),
  'POST /staff/claims/{ref}/acknowledge-response': staffAction(
    'Take the "customer responded" mark off (the console sends it when a staff member opens the claim)',
    TRIAGE_PAYLOADS.acknowledge_response,
  ),
  'POST /staff/claims/{ref}/reply': staffAction(
    'Reply to the customer in writing (mail and text; shown on the tracking page; the first one is the first reply)',
    TRIAGE_PAYLOADS.reply_to_customer,
  ),
  'POST /staff/claims/{ref}/notes': staffAction(
    'Add an internal note, never shown to the customer; the colleagues it mentions are told',
    TRIAGE_PAYLOADS.add_internal_note,
  ),
  'POST /staff/claims/{ref}/facts': staffAction('Correct the facts of the claim', EditFactsSchema),
  'POST /staff/claims/{ref}/first-reply': staffAction(
    'Record the first reply',
    TRIAGE_PAYLOADS.record_first_reply,
  ),
  'POST /staff/claims/{ref}/site-visit': staffAction(
    'Record the on-site visit',
    TRIAGE_PAYLOADS.record_site_visit,
  ),
  'POST /staff/claims/{ref}/extend-deadline': staffAction('Extend a deadline', ExtendDeadlineSchema),
  'POST /staff/claims/{ref}/findings': staffAction('Record investigation findings', FindingsInputSchema),
  'POST /staff/claims/{ref}/propose': staffAction('Propose a resolution', ProposalInputSchema),
  'POST /staff/claims/{ref}/legal-clear': staffAction('Clear the legal review', ReasonInputSchema),
  'POST /staff/claims/{ref}/approve': staffAction('Approve the proposal', ApproveInputSchema),
  'POST /staff/claims/{ref}/reject': staffAction('Reject the proposal', ReasonInputSchema),
  'POST /staff/claims/{ref}/send-back': staffAction('Send the proposal back', ReasonInputSchema),
  'POST /staff/claims/{ref}/decide-reconsideration': staffAction(
    'Decide a reconsideration',
    DecideReconsiderationInputSchema,
  ),
  'POST /staff/claims/{ref}/hand-to-legal': staffAction('Hand to legal', HandToLegalInputSchema),
  'POST /staff/claims/{ref}/conclude-legal': staffAction('Conclude the legal process', ReasonInputSchema),
  'POST /staff/claims/{ref}/record-execution': staffAction('Record the execution', ExecutionInputSchema),
  'GET /staff/claims/{ref}/payouts': {
    summary: 'Payouts and recoveries of a claim',
    query: EmptyBody,
    ok: { status: 200, description: 'payouts and recoveries' },
  },
  'GET /staff/payouts': {
    summary:
      "Finance's list of payouts waiting: requested, submitting or (latest) failed, of executing claims in the caller's units, oldest first",
    query: EmptyBody,
    ok: {
      status: 200,
      description:
        'items (claimNumber, claimantName, productName, unitId, payout with payee masked), truncated',
    },
  },
  'GET /staff/payouts/{payoutId}/payee': {
    summary:
      "Finance's payout view: the payee with the account in full (finance role only; elsewhere it is masked)",
    ok: { status: 200, description: 'method, holderName, bank, accountMasked, account' },
  },
  'POST /staff/payouts/{payoutId}/confirm': {
    summary: 'Confirm a payout with its voucher',
    body: ConfirmPayoutSchema,
    ok: { status: 200, description: 'the payout' },
  },
  'POST /staff/payouts/{payoutId}/fail': {
    summary: 'Record a failed payout',
    body: FailPayoutSchema,
    ok: { status: 200, description: 'the payout' },
  },
  'POST /staff/payouts/{payoutId}/retry': {
    summary: 'Retry a failed payout',
    body: EmptyBody,
    ok: { status: 200, description: 'the payout' },
  },
  'POST /staff/recoveries/{recoveryId}/entries': {
    summary: 'Record a recovery (追偿) entry',
    body: RecoveryEntryInputSchema,
    ok: { status: 200, description: 'the recovery' },
  },
  'GET /staff/ledger': {
    summary: 'The recovery ledger',
    query: LedgerQuerySchema,
    ok: { status: 200, description: 'ledger rows' },
  },
  'GET /staff/stats': {
    summary: 'Monthly statistics of the caller’s subtree',
    query: StatsQuerySchema,
    ok: { status: 200, description: 'the month’s figures' },
  },
  'GET /staff/calendar/{year}': {
    summary: 'The holiday schedule of a year',
    ok: { status: 200, description: 'the schedule and where it came from' },
  },
  'PUT /staff/calendar/{year}': {
    summary: 'Load the holiday schedule of a year (admin)',
    body: HolidayScheduleSchema,
    ok: { status: 200, description: 'the stored schedule' },
  },
  'GET /staff/categories': {
    summary: 'Every category of the policy in force, retired ones too, with both names (any staff member)',
    ok: { status: 200, description: 'the categories ({ code, name: { zh-CN, en }, active })' },
  },
  'GET /staff/admin/policy': {
    summary: 'The policy in force: its version, who saved it, when, what changed, and the document',
    ok: { status: 200, description: 'the current policy version' },
  },
  'PUT /staff/admin/policy': {
    summary: 'Save a new policy version on the one edited (admin; 409 when another save came first)',
    body: PolicySaveSchema,
    ok: { status: 200, description: 'the new version, in force from now (other functions within a minute)' },
  },
  'GET /staff/admin/policy/versions': {
    summary: 'Every policy version, newest first, with who saved it, when and the changed paths',
    ok: { status: 200, description: 'the version history' },
  },
  'GET /staff/admin/policy/versions/{n}': {
    summary: 'One earlier (or the current) policy version, whole',
    ok: { status: 200, description: 'the policy version' },
  },
  'POST /staff/commitments': {
    summary: 'Register a commitment (承诺)',
    body: NewCommitmentSchema,
    ok: { status: 201, description: 'the commitment' },
  },
  'GET /staff/commitments': {
    summary: 'Commitments of a customer',
    query: CommitmentListQuerySchema,
    ok: { status: 200, description: 'the commitments' },
  },
  'GET /staff/commitments/overview': {
    summary: 'Commitments overview',
    ok: { status: 200, description: 'counts by state' },
  },
  'GET /staff/commitments/{id}': {
    summary: 'One commitment',
    ok: { status: 200, description: 'the commitment' },
  },
  'POST /staff/commitments/{id}/expire': {
    summary: 'Expire a commitment',
    body: ExpireCommitmentSchema,
    ok: { status: 200, description: 'the commitment' },
  },
  'GET /staff/admin/staff': {
    summary: 'The staff directory (admin): search by name, email or id, filter by unit',
    query: StaffListQuerySchema,
    ok: { status: 200, description: 'the matching entries, by unit and name' },
  },
  'POST /staff/admin/staff': {
    summary: 'Add a staff member (admin); without an id the sign-in account is created',
    body: NewStaffMemberSchema,
    ok: { status: 201, description: 'the entry, version 1' },
  },
  'GET /staff/admin/staff/{id}': {
    summary: 'One staff member with the audit trail of the entry (admin)',
    ok: { status: 200, description: 'the entry and its history' },
  },
  'PATCH /staff/admin/staff/{id}': {
    summary: 'Edit a staff member (admin), from the version read (409 after a concurrent edit)',
    body: StaffUpdateSchema,
    ok: { status: 200, description: 'the entry, next version' },
  },
  'POST /staff/admin/staff/{id}/deactivate': {
    summary: 'Deactivate a staff member (admin): no more work or mail; the entry and history stay',
    body: DeactivateStaffSchema,
    ok: { status: 200, description: 'the entry, inactive' },
  },
  'GET /staff/reports/overdue/latest': {
    summary: 'Summary of the latest nightly overdue report',
    ok: { status: 200, description: 'the summary, or report: null before the first night' },
  },
  'GET /staff/reports/overdue/{date}.csv': {
    summary: 'The overdue report of a date as CSV',
    ok: { status: 200, description: 'the CSV (UTF-8 with a byte-order mark)', csv: true },
  },
};

/** The error body every failure carries (shared/runtime/http/error-responses.ts). */
const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    /** In the request's language, for a page to show as it comes. */
    message: z.string(),
    /** The developer's text, for logs; never shown to a person. */
    detail: z.optional(z.string()),
    issues: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
    reason: z.optional(z.string()),
    requestId: z.string(),
  }),
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

export const routeKey = (route: Pick<Route<unknown>, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

function operation(method: string, path: string, doc: RouteDoc): ZodOpenApiOperationObject {
  const staff = path.startsWith('/staff/');
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const pathParams = Object.fromEntries(
    names.map((name) => [name, z.string().check(z.minLength(1), z.maxLength(MAX_PATH_PARAM_LENGTH))]),
  );
  const responses: ZodOpenApiOperationObject['responses'] = {
    [String(doc.ok.status)]: {
      description: doc.ok.description,
      content: doc.ok.csv
        ? { 'text/csv': { schema: { type: 'string' } } }
        : { 'application/json': { schema: { type: 'object' } } },
    },
    '400': errorResponse('the request is not valid (issues[] carries each field path)'),
    ...(staff
      ? {
          '401': { description: 'no valid staff token (answered by the API Gateway authorizer)' },
          '403': errorResponse('the caller’s role or unit does not allow it'),
        }
      : {}),
    '404': errorResponse('nothing there, or not visible to the caller'),
    ...(method === 'GET'
      ? {}
      : { '409': errorResponse('a concurrent edit, a state that forbids it, or a reused key') }),
    ...(doc.body
      ? {
          '413': errorResponse('the body is over the size limit'),
          '415': errorResponse('not application/json'),
        }
      : {}),
    '500': errorResponse('ours to fix: only a request id'),
  };
  return {
    operationId: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(\w?)/g, (_, c: string) => c.toUpperCase())}`,
    summary: doc.summary,
    ...(doc.idempotent
      ? {
          description:
            'An Idempotency-Key replays the same claim for the same body; with another body it is 409.',
        }
      : {}),
    tags: [staff ? 'staff' : 'public'],
    security: staff ? [{ staffJwt: [] }] : doc.claimToken ? [{ claimToken: [] }] : [],
    requestParams: {
      ...(names.length > 0 ? { path: z.strictObject(pathParams) } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(doc.idempotent
        ? { header: z.strictObject({ 'Idempotency-Key': z.optional(IdempotencyKeySchema) }) }
        : {}),
      ...(doc.claimToken ? { header: z.strictObject({ [CLAIM_TOKEN_HEADER]: ClaimTokenSchema }) } : {}),
    },
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: doc.body } } } }
      : {}),
    responses,
  };
}

/** The whole document for the given routes (the API's `routes`); a route without an entry throws. */
export function openApiDocument(routes: readonly Pick<Route<unknown>, 'method' | 'path'>[]) {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of routes) {
    const doc = ROUTE_DOCS[routeKey(route)];
    if (!doc) throw new Error(`no OpenAPI entry for ${routeKey(route)}: add it to ROUTE_DOCS`);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route.method, route.path, doc);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Claims desk API',
      version: '1',
      description:
        'Customer claims and complaints (客户索赔 / 投诉). Public routes of one claim take the customer token ' +
        `in the ${CLAIM_TOKEN_HEADER} header (a ?token= is refused: URLs are logged); /staff/ routes need a ` +
        'Cognito ID token.',
    },
    tags: [
      { name: 'public', description: 'customer routes, no sign-in' },
      { name: 'staff', description: 'staff routes behind the JWT authorizer' },
    ],
    components: {
      securitySchemes: {
        staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        claimToken: {
          type: 'apiKey',
          in: 'header',
          name: CLAIM_TOKEN_HEADER,
          description:
            'The customer token of one claim, from the tracking link’s fragment (#t=…) or the intake answer.',
        },
      },
      schemas: { Error: ErrorBody },
    },
    paths: paths satisfies ZodOpenApiPathsObject,
  });
}
