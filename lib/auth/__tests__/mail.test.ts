import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** Invitation mail through nodemailer to a real SMTP server on loopback (smtp-server). */
const received: { from: string; to: string[]; data: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let data = '';
    stream.on('data', (c: Buffer) => (data += c.toString()));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        data,
      });
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.MAIL_FROM = 'Console <console@corp.test>';
});
afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

/** The mail module reading this SMTP_URL: env() is read once per module graph, so each test gets a fresh one. */
async function mailThrough(url: string | undefined) {
  if (url === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = url;
  vi.resetModules();
  return import('../mail');
}

/** The body as a reader sees it: quoted-printable soft line breaks and escapes undone. */
const readable = (data: string) =>
  data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('invitation mail', () => {
  it('goes to the invited address with the link and its expiry, from MAIL_FROM', async () => {
    const { sendInvitationMail } = await mailThrough(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`);
    const link = 'http://console.test/invite#AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';
    const expires = new Date('2026-12-03T20:00:00Z');
    expect(await sendInvitationMail('new@acme.test', link, expires, 'Ada (Acme)')).toBe(true);
    expect(received).toHaveLength(1);
    const mail = received[0] && { ...received[0], data: readable(received[0].data) };
    expect(mail!.to).toEqual(['new@acme.test']);
    expect(mail!.from).toBe('console@corp.test');
    expect(mail!.data).toMatch(/Subject: You are invited to the External Accounts Console/);
    expect(mail!.data).toContain(link);
    expect(mail!.data).toContain('Ada (Acme) invited you');
    expect(mail!.data).toContain('Thu, 03 Dec 2026 20:00:00 GMT');
  });

  it('a server that refuses answers false (the inviter still has the link to copy)', async () => {
    const { sendInvitationMail } = await mailThrough('smtp://127.0.0.1:9');
    expect(await sendInvitationMail('x@acme.test', 'http://console.test/invite#x', new Date(), null)).toBe(false);
  });

  it('without SMTP_URL no mail is tried, and the answer is false', async () => {
    const before = received.length;
    const { sendInvitationMail } = await mailThrough(undefined);
    expect(await sendInvitationMail('y@acme.test', 'http://console.test/invite#y', new Date(), null)).toBe(false);
    expect(received).toHaveLength(before);
  });
});
