/** Field checks shared by the External Accounts handlers; each returns an invalid_params entry or null. */
import type { InvalidParam } from './errors';

export function requiredString(body: Record<string, unknown>, name: string): InvalidParam | null {
  const v = body[name];
  if (v === undefined || v === null) return { name, reason: `Missing \`${name}\` field` };
  if (typeof v !== 'string' || v.trim() === '') return { name, reason: `\`${name}\` must be a non-empty string` };
  return null;
}

export function optionalString(body: Record<string, unknown>, name: string): InvalidParam | null {
  const v = body[name];
  if (v === undefined) return null;
  return typeof v === 'string' ? null : { name, reason: `\`${name}\` must be a string` };
}

export function optionalNonEmpty(body: Record<string, unknown>, name: string): InvalidParam | null {
  return body[name] === undefined ? null : requiredString(body, name);
}

/** `applications`: an array of at most one application id (one application per account). */
export function applicationsField(body: Record<string, unknown>): InvalidParam | null {
  const v = body.applications;
  if (v === undefined) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
    return { name: 'applications', reason: '`applications` must be an array of application ids' };
  }
  if (v.length > 1) return { name: 'applications', reason: 'There is just one application allowed per an account' };
  return null;
}

export function positiveInt(raw: string | null, name: string, max?: number): InvalidParam | number | null {
  if (raw === null) return null;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return { name, reason: `\`${name}\` must be an integer greater than 0` };
  if (max !== undefined && Number(raw) > max) return { name, reason: `\`${name}\` must not be greater than ${max}` };
  return Number(raw);
}
