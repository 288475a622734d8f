import type { MiddlewareObj } from '@middy/core';
import * as z from '../../zod.js';
import type { Language } from '../../domain/categories.js';
import {
  invalidRequestWords,
  wordIssue,
  wordZodIssues,
  type WordedIssue,
} from '../../domain/field-issues.js';
import {
  ConflictError,
  DomainError,
  type FieldIssue,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  PolicyRefusalError,
  UnauthenticatedError,
  ValidationError,
} from '../../domain/errors.js';
import { logger } from '../logger.js';
import { requestLanguage } from './request.js';
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

/**
 * What a refusal says when the domain did not word it: one plain sentence per status, so a page never
 * shows the developer's English (that stays in `detail`).
 */
const REFUSAL_WORDS: Readonly<Record<number, Readonly<Record<Language, string>>>> = {
  400: {
    'zh-CN': '请求的内容有误，请检查后重试。',
    en: 'Something in the request is not right; check it and try again.',
  },
  401: { 'zh-CN': '请重新登录。', en: 'Please sign in again.' },
  403: { 'zh-CN': '您没有权限执行此操作。', en: 'You do not have permission to do this.' },
  404: { 'zh-CN': '未找到，或您无权查看。', en: 'Not found, or you may not see it.' },
  409: {
    'zh-CN': '操作未完成：数据已被更改，请刷新后重试。',
    en: 'Not done: the data has changed meanwhile; reload and try again.',
  },
  422: { 'zh-CN': '按现行规定不能这样处理。', en: 'The rules do not allow this.' },
};

/** What the HTTP edge's own refusals say (they come before any domain code runs), by their code. */
const HTTP_WORDS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  METHOD_NOT_ALLOWED: {
    'zh-CN': '此地址不支持这种请求方式。',
    en: 'This address does not take this kind of request.',
  },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': '提交的内容太大，请删减后重试（附件请通过上传按钮添加）。',
    en: 'What was sent is too large; shorten it and try again (add files with the upload button).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '提交的格式不对：请以 JSON 发送。',
    en: 'The request must be sent as JSON.',
  },
  ORIGIN_REFUSED: {
    'zh-CN': '请通过 API 的公开地址访问（config.json 中的 apiUrl），此地址不受理请求。',
    en: 'Use the API’s public address (apiUrl in config.json); this address takes no requests.',
  },
  REPORT_TOO_LARGE: {
    'zh-CN': '这份报告太大，无法在此下载；它已保存在报告存储中，请联系管理员获取。',
    en: 'This report is too large to download here; it is kept in the reports store, so ask an administrator for it.',
  },
};

/** The 500 answer: nothing about the cause, only the request id to quote. */
export function internalErrorWords(requestId: string, language: Language): string {
  return language === 'en'
    ? `Something went wrong on our side. Please try again later, and quote request number ${requestId} to us.`
    : `系统出错了，请稍后再试，并告诉我们请求编号 ${requestId}。`;
}

/** A field issue as the API returns it: its code and params, worded in the reader's language. */
function worded(issue: FieldIssue, language: Language): WordedIssue {
  const code = issue.code ?? 'invalid';
  return {
    path: issue.path,
    code,
    ...(issue.params ? { params: issue.params } : {}),
    message: issue.words?.[language] ?? wordIssue({ path: issue.path, code, params: issue.params }, language),
  };
}

/**
 * Maps any error to a response body `{ error: { code, message, detail?, issues?, requestId } }`. `message`
 * is in `language` (the request's): the domain's words for a refusal, else a generic sentence for its
 * status, with the developer's text in `detail`. Field issues carry a stable code and are worded likewise,
 * so a page can show them as they come.
 */
export function errorResponse(error: unknown, requestId: string, language: Language = 'zh-CN'): HttpResult {
  if (error instanceof z.$ZodError) {
    return json(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: invalidRequestWords(language),
        issues: wordZodIssues(error.issues, language),
        requestId,
      },
    });
  }
  if (error instanceof HttpError) {
    const message =
      HTTP_WORDS[error.code]?.[language] ?? REFUSAL_WORDS[error.statusCode]?.[language] ?? error.message;
    return json(error.statusCode, {
      error: {
        code: error.code,
        message,
        ...(message !== error.message ? { detail: error.message } : {}),
        requestId,
      },
    });
  }
  if (error instanceof DomainError) {
    const status = [...STATUS_BY_ERROR].find(([type]) => error instanceof type)?.[1] ?? 500;
    const issues = error instanceof ValidationError ? error.issues : [];
    const generic = REFUSAL_WORDS[status]?.[language];
    const message =
      issues.length > 0
        ? invalidRequestWords(language)
        : (error.words?.[language] ?? generic ?? error.message);
    return json(status, {
      error: {
        code: error.code,
        message,
        // The developer's text, for logs and developers; a page shows `message`.
        ...(message !== error.message ? { detail: error.message } : {}),
        ...(issues.length > 0 ? { issues: issues.map((i) => worded(i, language)) } : {}),
        ...(error instanceof PolicyRefusalError ? { reason: error.reason } : {}),
        ...(error instanceof ValidationError && error.reason !== undefined ? { reason: error.reason } : {}),
        requestId,
      },
    });
  }
  // Anything else is ours to fix: log it whole, tell the caller only the request id.
  logger.error('unhandled error', { requestId, error: error instanceof Error ? error : String(error) });
  return json(500, {
    error: { code: 'INTERNAL', message: internalErrorWords(requestId, language), requestId },
  });
}

/** middy onError: every failure becomes a JSON response with the right status and no internals. */
export function errorResponses(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      request.response = errorResponse(
        request.error,
        request.event.requestContext?.requestId ?? 'unknown',
        requestLanguage(request.event),
      );
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
