/** Deterministic generators for seed data: the same tenant always gets the same ids. */
import { createHash } from 'node:crypto';
import type { ApplicationCapabilities, Webhook } from './types';

export function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** A UUID in v4 shape (version nibble 4, RFC 4122 variant) derived from a hash, so it is stable. */
export function uuidFrom(s: string): string {
  const b = sha256(s);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `n` decimal digits derived from a hash; the first digit is never 0. */
export function digitsFrom(s: string, n: number): string {
  const hex = sha256(s).toString('hex') + sha256(`${s}#2`).toString('hex');
  let out = '';
  for (let i = 0; out.length < n; i += 2) {
    const d = parseInt(hex.slice(i, i + 2), 16) % 10;
    out += out === '' && d === 0 ? '1' : String(d);
  }
  return out;
}

/** A fake but realistic-looking Facebook Page token ("EAAG" + base62-ish characters). */
export function fakePageToken(s: string): string {
  const raw = Buffer.concat([sha256(`token:${s}`), sha256(`token2:${s}`)]).toString('base64');
  return `EAAG${raw.replace(/[^A-Za-z0-9]/g, '').slice(0, 56)}`;
}

const post = (address: string): Webhook => ({ address, http_method: 'POST' });

export function messagesCapability(base: string): ApplicationCapabilities {
  return { messages: { webhooks: { inbound_url: post(`${base}/inbound`), status_url: post(`${base}/status`) } } };
}

export function voiceCapability(base: string): ApplicationCapabilities {
  return { voice: { webhooks: { answer_url: post(`${base}/answer`), event_url: post(`${base}/event`) } } };
}

export function rtcCapability(base: string): ApplicationCapabilities {
  return { rtc: { webhooks: { event_url: post(`${base}/rtc-event`) } } };
}
