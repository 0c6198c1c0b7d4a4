import { encode } from 'next-auth/jwt';
import { EncryptJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from '../session-token';

const secret = 'a-test-secret-of-reasonable-length-0123456789';

describe('decodeSessionToken (next-auth decode with the derived key cached)', () => {
  it('reads what next-auth wrote, again and again', async () => {
    const token = await encode({ token: { email: 'support@demo.test', loginAt: 1_700_000_000 }, secret });
    for (let i = 0; i < 3; i++) {
      const payload = await decodeSessionToken({ token, secret });
      expect(payload).toMatchObject({ email: 'support@demo.test', loginAt: 1_700_000_000 });
    }
  });

  it('refuses a token made with another secret, a tampered one, and an expired one', async () => {
    const token = await encode({ token: { email: 'support@demo.test' }, secret });
    await expect(decodeSessionToken({ token, secret: `${secret}x` })).rejects.toThrow();
    const parts = token.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA');
    await expect(decodeSessionToken({ token: parts.join('.'), secret })).rejects.toThrow();
    const expired = await encode({ token: { email: 'support@demo.test' }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
  });

  it('refuses any algorithm but the dir + A256GCM pair next-auth writes', async () => {
    const key = new Uint8Array(16);
    const other = await new EncryptJWT({ email: 'support@demo.test' }).setProtectedHeader({ alg: 'dir', enc: 'A128GCM' }).setExpirationTime('1h').encrypt(key);
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
  });

  it('answers null for no token', async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
