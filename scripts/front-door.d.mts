import type { IncomingMessage, ServerResponse } from 'node:http';

export const SECURITY_HEADERS: Record<string, string>;
export function refusal(method: string, target: string): { reason: string; detail: string } | null;
export function refuse(req: IncomingMessage, res: ServerResponse, why: { reason: string; detail: string }): void;
