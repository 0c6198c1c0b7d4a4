import { encode } from 'next-auth/jwt';
import type * as Jose from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/* A cookie opened once is not decrypted again: counted at jose's jwtDecrypt, which every real opening goes through. */
const decrypts = vi.hoisted(() => ({ count: 0 }));
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof Jose>();
  return {
    ...jose,
    jwtDecrypt: (...args: Parameters<typeof jose.jwtDecrypt>) => {
      decrypts.count += 1;
      return jose.jwtDecrypt(...args);
    },
  };
});
const { decodeSessionToken, OPENED_LIMIT } = await import('../session-token');

const secret = 'a-test-secret-of-enough-length-0123456789';
const token = { sid: 'session-1', email: 'support@demo.test' };

describe('decodeSessionToken remembers the cookies it opened', () => {
  beforeEach(() => {
    decrypts.count = 0;
  });

  it('opens a cookie once; the next requests get the same claims without decrypting', async () => {
    const jwe = await encode({ token, secret });
    const first = await decodeSessionToken({ token: jwe, secret });
    const again = await decodeSessionToken({ token: jwe, secret });
    expect(again).toEqual(first);
    expect(again).toMatchObject(token);
    expect(decrypts.count).toBe(1);
  });

  it('hands out copies: a caller changing its claims does not change the next request’s', async () => {
    const jwe = await encode({ token, secret });
    const first = (await decodeSessionToken({ token: jwe, secret }))!;
    first.sid = 'someone-else';
    expect((await decodeSessionToken({ token: jwe, secret }))!.sid).toBe('session-1');
  });

  it('still refuses a remembered cookie once it has expired, and under another secret', async () => {
    const jwe = await encode({ token, secret, maxAge: 60 });
    const opened = (await decodeSessionToken({ token: jwe, secret }))!;
    const exp = opened.exp as number;
    expect(await decodeSessionToken({ token: jwe, secret }, (exp + 14) * 1000)).toMatchObject(token);
    await expect(decodeSessionToken({ token: jwe, secret }, (exp + 15) * 1000)).rejects.toThrow(/"exp" claim timestamp check failed/);
    await decodeSessionToken({ token: jwe, secret });
    await expect(decodeSessionToken({ token: jwe, secret: `${secret}x` })).rejects.toThrow();
  });

  it('does not remember a refused cookie: each attempt is decrypted, and refused, again', async () => {
    const jwe = await encode({ token, secret });
    const [h, k, iv, c, t] = jwe.split('.') as [string, string, string, string, string];
    const forged = [h, k, iv, c, t.slice(0, -2) + (t.endsWith('AA') ? 'BB' : 'AA')].join('.');
    await expect(decodeSessionToken({ token: forged, secret })).rejects.toThrow();
    await expect(decodeSessionToken({ token: forged, secret })).rejects.toThrow();
    expect(decrypts.count).toBe(2);
  });

  it(`keeps at most ${OPENED_LIMIT} cookies: the oldest is opened again after that many others`, async () => {
    const jwes = await Promise.all(
      Array.from({ length: OPENED_LIMIT + 1 }, (_, i) => encode({ token: { ...token, sid: `s${i}` }, secret })),
    );
    for (const jwe of jwes) await decodeSessionToken({ token: jwe, secret });
    expect(decrypts.count).toBe(OPENED_LIMIT + 1);
    await decodeSessionToken({ token: jwes[OPENED_LIMIT]!, secret });
    expect(decrypts.count).toBe(OPENED_LIMIT + 1);
    expect((await decodeSessionToken({ token: jwes[0]!, secret }))!.sid).toBe('s0');
    expect(decrypts.count).toBe(OPENED_LIMIT + 2);
  });
});
