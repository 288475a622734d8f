/**
 * The HTTP error mapper: what each kind of failure becomes. zod errors are the case that changed with the
 * move to zod/mini: a parse throws core's `$ZodError`, not classic zod's `ZodError` class.
 */
import { describe, expect, it } from 'vitest';
import { z as classic } from 'zod';
import { ValidationError } from '../../shared/domain/errors.js';
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
  });
});
