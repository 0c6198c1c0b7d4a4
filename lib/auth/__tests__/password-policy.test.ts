import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../password-policy';

describe('the password a person chooses', () => {
  it('needs at least 12 characters, counted as characters, not UTF-16 units', async () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(await passwordProblem('gx7-Lq2-vN9m', null)).toBeNull();
    expect(await passwordProblem('gx7-Lq2-vN9', null)).toBe('Use at least 12 characters.');
    // Six emoji are twelve UTF-16 units but six characters.
    expect(await passwordProblem('🐙🦑🐳🐬🦈🐡', null)).toBe('Use at least 12 characters.');
  });

  it('takes at most 200', async () => {
    expect(await passwordProblem('k'.repeat(199) + 'z', null)).toBeNull();
    expect(await passwordProblem('k'.repeat(200) + 'z', null)).toBe('Use at most 200 characters.');
  });

  it('is not among the most common ones, whatever its case', async () => {
    for (const pw of ['qwerty123456', 'QWERTY123456', '1qaz2wsx3edc'])
      expect(await passwordProblem(pw, null)).toBe('This password is among the most common ones. Choose another.');
  });

  it('the list is the 10,000 most common: the 10,001st and beyond are allowed', async () => {
    expect(await passwordProblem('123456789987654321', null)).toBeNull();
  });

  it('does not contain the name of the email of four characters or more, whatever its case', async () => {
    const words = 'Do not use your email address in the password.';
    expect(await passwordProblem('lucky-PATRICIA-77', 'Patricia@acme.test')).toBe(words);
    expect(await passwordProblem('lucky-patr-7777', 'patr@acme.test')).toBe(words);
    // Three characters are too common a piece to refuse.
    expect(await passwordProblem('lucky-pat-77777', 'pat@acme.test')).toBeNull();
    expect(await passwordProblem('lucky-patricia-77', 'someone@acme.test')).toBeNull();
    expect(await passwordProblem('lucky-patricia-77', null)).toBeNull();
  });
});
