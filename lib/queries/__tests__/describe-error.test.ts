import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { describeError, fieldErrors, isUnconfirmed } from '../describe-error';

const problem = (status: number, extra: object = {}) => ({ type: 'about:blank', title: 't', status, instance: 'r1', ...extra });
const err = (status: number, retryAfter: number | null = null, extra: object = {}) =>
  new ApiError(status, problem(status, extra), retryAfter);

describe('describeError', () => {
  it('409 on a link tells the user to unlink first; on an unlink, that it is no longer linked; on create, that the page exists', () => {
    expect(describeError(err(409), 'link')).toBe('Another application is already linked to this account. Unlink it first, or use Replace.');
    expect(describeError(err(409), 'unlink')).toMatch(/no longer linked/);
    expect(describeError(err(409), 'create')).toMatch(/already exists/);
  });

  it('422 says the application cannot take messages', () => {
    expect(describeError(err(422), 'link')).toMatch(/^That application cannot take messages/);
  });

  it('429 says when to retry, in seconds, and that nothing changed', () => {
    expect(describeError(err(429, 7), 'link')).toBe('Too many requests. Try again in 7 seconds. Nothing was changed.');
    expect(describeError(err(429, 1), 'update')).toBe('Too many requests. Try again in 1 second. Nothing was changed.');
    expect(describeError(err(429), 'load')).toBe('Too many requests. Try again in a moment.');
  });

  it('502, 503 and 504 say Vonage is failing or slow; a change says nothing was changed or confirmed', () => {
    expect(describeError(err(502), 'delete')).toBe('Vonage is failing right now. Nothing was changed; try again in a minute.');
    expect(describeError(err(502), 'load')).toBe('Vonage is failing right now. Try again in a minute.');
    expect(describeError(err(503, 3), 'link')).toMatch(/pauses calls .* Nothing was changed; try again in 3 seconds\.$/);
    expect(describeError(err(504), 'link')).toMatch(
      /^Vonage is too slow: it did not answer in time, so the console does not know whether the change was made/,
    );
    expect(describeError(err(504), 'load')).toMatch(/Try again in a moment\.$/);
  });

  it('points a 400 with field errors at the fields, and otherwise passes the BFF detail', () => {
    expect(describeError(err(400, null, { invalidParams: [{ name: 'externalId', reason: 'x' }] }), 'create')).toBe(
      'Check the highlighted fields.',
    );
    expect(describeError(err(400, null, { detail: 'Body is not JSON.' }), 'create')).toBe('Body is not JSON.');
  });

  it('speaks of the session, the role and missing things in plain words', () => {
    expect(describeError(err(401), 'load')).toMatch(/Sign in again/);
    expect(describeError(err(403), 'link')).toMatch(/may look .* but not change/);
    expect(describeError(err(404), 'load')).toMatch(/no such account/);
  });

  it('a network failure is not blamed on Vonage', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'link')).toMatch(/console’s server could not be reached/);
  });
});

describe('an unconfirmed change', () => {
  const unconfirmed = (status: number) => err(status, null, { type: '/problems/unconfirmed' });

  it('says it does not know, never that nothing was changed', () => {
    for (const status of [502, 504]) {
      expect(describeError(unconfirmed(status), 'unlink')).toMatch(/does not know whether the change was made/);
      expect(describeError(unconfirmed(status), 'unlink')).not.toMatch(/nothing was changed/i);
    }
    expect(isUnconfirmed(unconfirmed(504))).toBe(true);
    expect(isUnconfirmed(err(502))).toBe(false);
  });

  it('a change whose request never got an answer from the console’s server is not "nothing was changed" either', () => {
    expect(describeError(new TypeError('Failed to fetch'), 'delete')).toMatch(/not known whether the change was made/);
  });
});

describe('fieldErrors', () => {
  it('maps the server’s invalidParams to field names', () => {
    expect(
      fieldErrors(
        err(400, null, {
          invalidParams: [
            { name: 'externalId', reason: 'Vonage rejected this value' },
            { name: 'name', reason: 'Too long' },
          ],
        }),
      ),
    ).toEqual({ externalId: 'Vonage rejected this value', name: 'Too long' });
    expect(fieldErrors(err(502))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
