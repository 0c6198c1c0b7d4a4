import { describe, expect, it } from 'vitest';
import { clientAddress } from '../client-address';

const headers = (h: Record<string, string>) => new Headers(h);

describe('the client address a sign-in is counted against', () => {
  it('is the socket’s when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(headers({ 'x-console-client-ip': '10.1.1.1', 'x-forwarded-for': '203.0.113.9' }), 0)).toBe('10.1.1.1');
  });
  it('with one trusted proxy, is the entry that proxy appended; what the client wrote before it is ignored', () => {
    const h = headers({ 'x-console-client-ip': '10.0.0.2', 'x-forwarded-for': '1.2.3.4, 203.0.113.9' });
    expect(clientAddress(h, 1)).toBe('203.0.113.9');
    expect(clientAddress(h, 2)).toBe('1.2.3.4');
  });
  it('falls back to the socket when the header is missing, short or not an address', () => {
    expect(clientAddress(headers({ 'x-console-client-ip': '10.0.0.2' }), 1)).toBe('10.0.0.2');
    expect(clientAddress(headers({ 'x-console-client-ip': '10.0.0.2', 'x-forwarded-for': '203.0.113.9' }), 2)).toBe('10.0.0.2');
    expect(clientAddress(headers({ 'x-console-client-ip': '10.0.0.2', 'x-forwarded-for': 'evil, <script>' }), 1)).toBe('10.0.0.2');
  });
});
