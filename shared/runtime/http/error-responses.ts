import type { MiddlewareObj } from '@middy/core';
import * as z from '../../zod.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  PolicyRefusalError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.js';
import { logger } from '../logger.js';
import { HttpError, json, type HttpEvent, type HttpResult } from './types.js';

const STATUS_BY_ERROR = new Map<abstract new (...args: never[]) => DomainError, number>([
  [ValidationError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [InvalidTransitionError, 409],
  [PolicyRefusalError, 422],
]);

/** Maps any error to a response body `{ error: { code, message, issues?, requestId } }`. */
export function errorResponse(error: unknown, requestId: string): HttpResult {
  if (error instanceof z.$ZodError) {
    return json(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'the request is not valid',
        issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        requestId,
      },
    });
  }
  if (error instanceof HttpError) {
    return json(error.statusCode, { error: { code: error.code, message: error.message, requestId } });
  }
  if (error instanceof DomainError) {
    const status = [...STATUS_BY_ERROR].find(([type]) => error instanceof type)?.[1] ?? 500;
    return json(status, {
      error: {
        code: error.code,
        message: error.message,
        ...(error instanceof ValidationError && error.issues.length > 0 ? { issues: error.issues } : {}),
        ...(error instanceof PolicyRefusalError ? { reason: error.reason } : {}),
        ...(error instanceof ValidationError && error.reason !== undefined ? { reason: error.reason } : {}),
        ...(error instanceof ValidationError && error.words !== undefined ? { words: error.words } : {}),
        requestId,
      },
    });
  }
  // Anything else is ours to fix: log it whole, tell the caller only the request id.
  logger.error('unhandled error', { requestId, error: error instanceof Error ? error : String(error) });
  return json(500, {
    error: { code: 'INTERNAL', message: 'something went wrong on our side; quote the request id', requestId },
  });
}

/** middy onError: every failure becomes a JSON response with the right status and no internals. */
export function errorResponses(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      request.response = errorResponse(request.error, request.event.requestContext?.requestId ?? 'unknown');
    },
  };
}

/** middy before: every log line of the request carries its API Gateway request id. */
export function requestLogging(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      logger.appendKeys({ requestId: request.event.requestContext.requestId });
    },
  };
}
