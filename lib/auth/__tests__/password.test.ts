import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_HASH_PATTERN, verifyPassword } from '../password';

describe('passwords', () => {
  it('hashes with scrypt N=16384 r=8 p=1, a 16-byte salt and a 32-byte key, fresh salt each time', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(PASSWORD_HASH_PATTERN);
    expect(a).not.toBe(b);
    const [scheme, n, r, p, salt, key] = a.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
  });

  it('accepts the password and nothing else', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('compares passwords in NFKC form', async () => {
    // "ﬁ" (one ligature character) and "fi" are the same password once normalised.
    expect(await verifyPassword('fine', await hashPassword('\uFB01ne'))).toBe(true);
  });

  it('checks with the parameters the hash was made with', async () => {
    const stored = await hashPassword('pw');
    const [, , , , salt] = stored.split('$');
    // Same salt, other cost: another key, so the stored one must not verify against these parameters.
    const other = `scrypt$1024$8$1$${salt}$${stored.split('$')[5]}`;
    expect(await verifyPassword('pw', other)).toBe(false);
  });

  it.each([
    ['no hash at all (an unknown email)', undefined],
    ['another scheme', 'bcrypt$16384$8$1$AAAA$AAAA'],
    ['a missing part', 'scrypt$16384$8$1$AAAA'],
    ['an empty part', 'scrypt$16384$$1$AAAA$AAAA'],
    ['a key of the wrong length', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('refuses %s', async (_name, stored) => {
    expect(await verifyPassword('pw', stored)).toBe(false);
  });

  it('the pattern of a stored hash is anchored', () => {
    expect(PASSWORD_HASH_PATTERN.test('scrypt$1$2$3$abc$def')).toBe(true);
    expect(PASSWORD_HASH_PATTERN.test('scrypt$16384$16$12$abc$def')).toBe(true);
    expect(PASSWORD_HASH_PATTERN.test('x scrypt$1$2$3$abc$def')).toBe(false);
    expect(PASSWORD_HASH_PATTERN.test('scrypt$1$2$3$abc$def x')).toBe(false);
    expect(PASSWORD_HASH_PATTERN.test('scrypt$a$2$3$abc$def')).toBe(false);
  });
});
