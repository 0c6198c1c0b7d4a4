import { describe, expect, it } from 'vitest';
import { signIn } from '../../scripts/session';
import { call, stack, type Answer } from '../support/api';

/**
 * A form post to next-auth's credentials callback, as the sign-in form makes it. The flood comes from many
 * clients and emails (a botnet's spray), so that what stops it is the CPU guard, not the per-client or
 * per-email throttle (tests/integration/people.test.ts).
 */
async function attemptWith(email: string, password: string) {
  const csrfRes = await fetch(`${stack().consoleUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const rawBody = new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString();
  return (n: number) =>
    call('anonymous', 'POST', '/api/auth/callback/credentials', {
      rawBody: rawBody.replace(encodeURIComponent(email), encodeURIComponent(email.replace('@', `+${n}@`))),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.18.${n >> 8}.${n & 255}` },
    });
}

describe('a sign-in flood (A30: the CPU guard)', () => {
  it('gets some 429 with Retry-After and plain words, while a signed-in call still answers', async () => {
    const attempt = await attemptWith('flood@nowhere.test', 'wrong password');
    const flood: Answer[] = [];
    let signedIn: Answer | undefined;
    let signInsDoneBeforeIt = 0;
    // Waves of 60 sign-ins at once until some are turned away (the first wave, unless a machine checks
    // passwords faster than they arrive); a signed-in call goes out while each wave is queued.
    for (let wave = 0; wave < 5 && !flood.some((r) => r.status === 429); wave++) {
      let done = 0;
      const attempts = Array.from({ length: 60 }, (_, i) => attempt(wave * 60 + i).finally(() => done++));
      signedIn = await call('support', 'GET', '/api/workspaces/acme/accounts?pageSize=1');
      signInsDoneBeforeIt = done;
      flood.push(...(await Promise.all(attempts)));
    }

    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.headers.get('content-type')).toBe('application/problem+json');
    expect(refused[0]!.json.detail).toMatch(/^Too many sign-ins right now\. Try again in \d+ seconds?\.$/);
    // The others had their password checked: a wrong password is refused as usual.
    expect(flood.filter((r) => r.status !== 429).every((r) => r.status === 401)).toBe(true);

    // Signed-in people are not queued behind the password checks.
    expect(signedIn?.status).toBe(200);
    expect(signInsDoneBeforeIt).toBeLessThan(60);

    // Once the flood is over, signing in works again.
    expect(await signIn(stack().consoleUrl, 'viewer@demo.test')).toMatch(/^next-auth\.session-token=/);
  });
});
