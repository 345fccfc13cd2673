import { AppError, DEFAULT_MESSAGES, ERROR_CODES } from '../../src/core/shared/errors';
import { fail, failFrom, ok } from '../../src/core/shared/reply';

describe('the reply contract', () => {
  it('wraps data and errors in the documented shapes', () => {
    expect(ok({ a: 1 })).toEqual({ ok: true, data: { a: 1 } });
    expect(fail('NOT_FOUND')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到相关内容' } });
    expect(failFrom(new AppError('CONFLICT', '已被认领'))).toEqual({ ok: false, error: { code: 'CONFLICT', message: '已被认领' } });
  });

  it('has a Chinese default message for every code', () => {
    expect(ERROR_CODES).toHaveLength(8);
    for (const code of ERROR_CODES) expect(DEFAULT_MESSAGES[code]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
