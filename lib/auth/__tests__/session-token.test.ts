import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from '../session-token';

/* The session cookie read with the key derived once must say exactly what next-auth's own decode says. */
const secret = 'a-test-secret-of-enough-length-0123456789';
const token = { sid: 'session-1', email: 'support@demo.test' };

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('decodeSessionToken', () => {
  it('reads a cookie next-auth wrote, as next-auth reads it', async () => {
    const jwe = await encode({ token, secret });
    const ours = await decodeSessionToken({ token: jwe, secret });
    expect(ours).toEqual(await decode({ token: jwe, secret }));
    expect(ours).toMatchObject(token);
  });

  it('has nothing without a token', async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
    expect(await decodeSessionToken({ token: '', secret })).toBeNull();
  });

  it('refuses what next-auth refuses: another secret, a changed header, ciphertext, iv or tag', async () => {
    const jwe = await encode({ token, secret });
    const [h, k, iv, c, t] = jwe.split('.') as [string, string, string, string, string];
    const variants = [
      { token: jwe, secret: `${secret}x` },
      { token: [b64(JSON.stringify({ alg: 'dir', enc: 'A256GCM', kid: 'x' })), k, iv, c, t].join('.'), secret },
      { token: [h, k, iv, flip(c, 3), t].join('.'), secret },
      { token: [h, k, flip(iv, 2), c, t].join('.'), secret },
      { token: [h, k, iv, c, flip(t, 2)].join('.'), secret },
      { token: [h, k, iv, c].join('.'), secret },
      { token: [h, 'abc', iv, c, t].join('.'), secret },
    ];
    for (const v of variants) {
      await expect(decode(v)).rejects.toThrow();
      await expect(decodeSessionToken(v)).rejects.toThrow();
    }
    // Stricter than jose's base64url, which skips a character that is not one: refused here.
    await expect(decodeSessionToken({ token: [h, k, `${iv}!`, c, t].join('.'), secret })).rejects.toThrow();
  });

  it('refuses another algorithm even with the right key', async () => {
    const jwe = await encode({ token, secret });
    const [, k, iv, c, t] = jwe.split('.') as [string, string, string, string, string];
    const other = [b64(JSON.stringify({ alg: 'dir', enc: 'A128GCM' })), k, iv, c, t].join('.');
    await expect(decodeSessionToken({ token: other, secret })).rejects.toThrow();
  });

  it('refuses an expired cookie, with next-auth’s 15 s of clock tolerance', async () => {
    const jwe = await encode({ token, secret, maxAge: 60 });
    const exp = (await decode({ token: jwe, secret }))!.exp as number;
    expect(await decodeSessionToken({ token: jwe, secret }, (exp + 14) * 1000)).toMatchObject(token);
    await expect(decodeSessionToken({ token: jwe, secret }, (exp + 15) * 1000)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });
});
