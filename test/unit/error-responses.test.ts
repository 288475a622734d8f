/**
 * The HTTP error mapper: what each kind of failure becomes. zod errors are the case that changed with the
 * move to zod/mini: a parse throws core's `$ZodError`, not classic zod's `ZodError` class.
 */
import { describe, expect, it } from 'vitest';
import { z as classic } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  PolicyRefusalError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/domain/errors.js';
import { IntakeInputSchema } from '../../shared/domain/claim.js';
import { errorResponse } from '../../shared/runtime/http/error-responses.js';
import * as z from '../../shared/zod.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function body(result: ReturnType<typeof errorResponse>): unknown {
  return JSON.parse(result.body ?? 'null');
}

describe('errorResponse', () => {
  it('answers 400 VALIDATION_FAILED with field paths and codes, worded in the reader’s language', () => {
    const error = thrownBy(() => IntakeInputSchema.parse({ claimant: { name: '' } }));
    const zh = errorResponse(error, 'req-1');
    expect(zh.statusCode).toBe(400);
    expect(body(zh)).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message: '部分内容需要修改，请查看标出的项目。',
        requestId: 'req-1',
        issues: expect.arrayContaining([
          { path: 'claimant.name', code: 'required', message: '请填写姓名。' },
        ]) as unknown,
      },
    });
    expect(body(errorResponse(error, 'req-1', 'en'))).toMatchObject({
      error: {
        message: 'Some of the details need correcting: see the marked fields.',
        issues: expect.arrayContaining([
          { path: 'claimant.name', code: 'required', message: 'Please fill in your name.' },
        ]) as unknown,
      },
    });
  });

  it('answers 400 for z.parse (the functional form) and for classic zod alike', () => {
    for (const error of [
      thrownBy(() => z.parse(z.int(), 'x')),
      thrownBy(() => classic.number().int().parse('x')),
    ]) {
      const result = errorResponse(error, 'req-2');
      expect(result.statusCode).toBe(400);
      expect(body(result)).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          issues: [{ path: '', code: 'invalid', message: '此项填写有误，请检查。' }],
        },
      });
    }
  });

  it("keeps the domain's own validation errors at 400 with their issues, and hides anything else behind 500", () => {
    const domain = errorResponse(
      new ValidationError('bad', [{ path: 'foundOn', message: 'in the future', code: 'future_date' }]),
      'req-3',
    );
    expect(domain.statusCode).toBe(400);
    expect(body(domain)).toMatchObject({
      error: { issues: [{ path: 'foundOn', code: 'future_date', message: '发现问题的日期不能晚于今天。' }] },
    });
    // An issue without a code is worded generically: the developer's English never reaches a person.
    const uncoded = errorResponse(new ValidationError('bad', [{ path: 'x', message: 'why' }]), 'req-3', 'en');
    expect(body(uncoded)).toMatchObject({
      error: { issues: [{ path: 'x', code: 'invalid', message: 'Please check this field.' }] },
    });
    expect(uncoded.body).not.toContain('why');
    const other = errorResponse(new TypeError('secret detail'), 'req-4');
    expect(other.statusCode).toBe(500);
    expect(other.body).not.toContain('secret detail');
    expect(body(other)).toEqual({
      error: {
        code: 'INTERNAL',
        message: '系统出错了，请稍后再试，并告诉我们请求编号 req-4。',
        requestId: 'req-4',
      },
    });
    expect(body(errorResponse(new TypeError('secret detail'), 'req-4', 'en'))).toMatchObject({
      error: {
        message:
          'Something went wrong on our side. Please try again later, and quote request number req-4 to us.',
      },
    });
  });

  it('answers a refusal without words with a plain sentence for its status, the developer text in detail', () => {
    const cases = [
      [new UnauthenticatedError('no token'), 401, '请重新登录。', 'Please sign in again.'],
      [
        new ForbiddenError('role agent lacks x'),
        403,
        '您没有权限执行此操作。',
        'You do not have permission to do this.',
      ],
      [new NotFoundError('no claim c-1'), 404, '未找到，或您无权查看。', 'Not found, or you may not see it.'],
      [
        new ConflictError('version 3 != 4'),
        409,
        '操作未完成：数据已被更改，请刷新后重试。',
        'Not done: the data has changed meanwhile; reload and try again.',
      ],
      [
        new InvalidTransitionError('status x'),
        409,
        '操作未完成：数据已被更改，请刷新后重试。',
        'Not done: the data has changed meanwhile; reload and try again.',
      ],
      [
        new PolicyRefusalError('window closed', 'window'),
        422,
        '按现行规定不能这样处理。',
        'The rules do not allow this.',
      ],
    ] as const;
    for (const [error, status, zh, en] of cases) {
      const zhResult = errorResponse(error, 'req-5');
      expect(zhResult.statusCode).toBe(status);
      expect(body(zhResult)).toMatchObject({
        error: { code: error.code, message: zh, detail: error.message, requestId: 'req-5' },
      });
      expect(body(errorResponse(error, 'req-5', 'en'))).toMatchObject({
        error: { message: en, detail: error.message },
      });
    }
    expect(body(errorResponse(new PolicyRefusalError('late', 'window'), 'r'))).toMatchObject({
      error: { reason: 'window' },
    });
  });

  it('answers a worded refusal in the reader’s language', () => {
    const error = new ForbiddenError('finance only', {
      'zh-CN': '付款由财务登记。',
      en: 'Finance records payouts.',
    });
    expect(body(errorResponse(error, 'req-6'))).toMatchObject({
      error: { code: 'FORBIDDEN', message: '付款由财务登记。', detail: 'finance only' },
    });
    expect(body(errorResponse(error, 'req-6', 'en'))).toMatchObject({
      error: { message: 'Finance records payouts.', detail: 'finance only' },
    });
  });
});
