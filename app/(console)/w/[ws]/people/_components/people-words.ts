import { ApiError } from '@/lib/queries/api';
import { describeError } from '@/lib/queries/describe-error';

export interface Choice {
  id: string;
  name: string;
}

/** The server's own words for a refused change about people; else the general words. */
export function peopleError(error: unknown): string {
  if (error instanceof ApiError && error.problem?.detail && error.status < 500) return error.problem.detail;
  return describeError(error, 'load');
}
