import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** A 4xx will not change on a second try, and the BFF already retries reads upstream: one retry, for the rest only. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
