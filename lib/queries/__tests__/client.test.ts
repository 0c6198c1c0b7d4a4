import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { shouldRetry } from '../client';

describe('query retries', () => {
  it('never retries a 4xx', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429]) expect(shouldRetry(0, new ApiError(status, null, null))).toBe(false);
  });
  it('retries a 5xx or a network failure once', () => {
    expect(shouldRetry(0, new ApiError(502, null, null))).toBe(true);
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new ApiError(502, null, null))).toBe(false);
  });
});
