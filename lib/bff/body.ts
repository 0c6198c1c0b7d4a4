import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod/mini';
import { badRequest, HttpError } from './problem';

export const MAX_BODY_BYTES = 16 * 1024;

const tooLarge = () => new HttpError(413, 'Body too large', `A request body is at most ${MAX_BODY_BYTES / 1024} KiB.`);

/** Reads at most 16 KiB, stopping as soon as the body is larger: a large body is never read whole. */
async function readLimited(req: NextRequest): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function readJson<T extends z.ZodMiniType>(req: NextRequest, schema: T): Promise<z.output<T>> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Unsupported content type', 'Send the body as application/json.');
  const bytes = await readLimited(req);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'Invalid body', 'The body is not UTF-8.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Invalid body', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(parsed.error, 'body');
  return parsed.data;
}
