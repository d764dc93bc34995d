import { assertAcceptablePassword, normalisePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

describe('password policy', () => {
  it.each([
    ['11 characters', 'a'.repeat(PASSWORD_MIN_LENGTH - 1), false],
    ['12 characters', 'a'.repeat(PASSWORD_MIN_LENGTH), true],
    ['256 characters', 'a'.repeat(PASSWORD_MAX_LENGTH), true],
    ['257 characters', 'a'.repeat(PASSWORD_MAX_LENGTH + 1), false],
    ['12 Chinese characters', '碳普惠登记簿后台密码很长', true],
    ['11 Chinese characters', '碳普惠登记簿后台密码长', false],
    // 6 astral characters are 12 UTF-16 units but 6 characters.
    ['6 emoji (12 UTF-16 units)', '🌳🌳🌳🌳🌳🌳', false],
  ])('a password of %s is %s', (_, password, accepted) => {
    const check = () => assertAcceptablePassword(password);
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'password' }) }));
  });

  it('names the field it checked', () => {
    expect(() => assertAcceptablePassword('short', 'newPassword')).toThrow(/^newPassword must be 12 to 256 characters long; it has 5\.$/);
  });

  it('the same password typed as full-width or decomposed characters normalises to one form', () => {
    expect(normalisePassword('ｐａｓｓ１２３')).toBe('pass123');
    expect(normalisePassword('cafe\u0301')).toBe(normalisePassword('café'));
  });
});
