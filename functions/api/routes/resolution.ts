import {
  ApproveInputSchema,
  DecideReconsiderationInputSchema,
  ExecutionInputSchema,
  FindingsInputSchema,
  HandToLegalInputSchema,
  ProposalInputSchema,
  ReasonInputSchema,
  approveResolution,
  clearLegalReview,
  concludeLegal,
  decideReconsideration,
  handToLegal,
  proposeResolution,
  recordExecution,
  recordFindings,
  rejectProposal,
  sendBack,
} from '../../../shared/domain/use-cases/resolution.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { staffClaimRoute } from './helpers.js';

/** Staff routes of investigation, resolution, approval, reconsideration, legal and execution (issue 6). */
export const resolutionRoutes: readonly Route<Dependencies>[] = [
  staffClaimRoute('findings', FindingsInputSchema, recordFindings),
  staffClaimRoute('propose', ProposalInputSchema, proposeResolution),
  staffClaimRoute('legal-clear', ReasonInputSchema, clearLegalReview),
  staffClaimRoute('approve', ApproveInputSchema, approveResolution),
  staffClaimRoute('reject', ReasonInputSchema, rejectProposal),
  staffClaimRoute('send-back', ReasonInputSchema, sendBack),
  staffClaimRoute('decide-reconsideration', DecideReconsiderationInputSchema, decideReconsideration),
  staffClaimRoute('hand-to-legal', HandToLegalInputSchema, handToLegal),
  staffClaimRoute('conclude-legal', ReasonInputSchema, concludeLegal),
  staffClaimRoute('record-execution', ExecutionInputSchema, recordExecution),
];
