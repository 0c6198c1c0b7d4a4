import 'server-only';
import type { Dispatcher } from 'undici';
import { UpstreamError } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads an answer's body while it streams and stops at the cap: a 400 MB answer
 * costs no more than a 1 MiB one. The request's AbortSignal (the deadline)
 * ends the read too.
 */
export async function readCapped(body: Dispatcher.ResponseData['body'], cap = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > cap) {
      body.destroy();
      throw new UpstreamError('bad_response', 'upstream body too large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
