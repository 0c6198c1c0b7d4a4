import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/*
 * Invitation mail, when SMTP_URL is set (nodemailer). The link is always shown
 * to the inviter too, so a mail that fails loses nothing: the answer says
 * whether it went.
 */
export async function sendInvitationMail(to: string, link: string, expiresAt: Date, invitedBy: string | null): Promise<boolean> {
  const url = env().SMTP_URL;
  if (!url) return false;
  try {
    const { createTransport } = await import('nodemailer');
    const transport = createTransport(url);
    const who = invitedBy ?? 'An administrator';
    await transport.sendMail({
      from: env().MAIL_FROM,
      to,
      subject: 'You are invited to the External Accounts Console',
      text:
        `${who} invited you to the External Accounts Console.\n\n` +
        `Open this link to choose your password (it works once, until ${expiresAt.toUTCString()}):\n${link}\n\n` +
        'If you did not expect this, ignore this mail.\n',
    });
    transport.close();
    return true;
  } catch (e) {
    // The error names the server, never the link or a password.
    log('warn', 'invitation mail not sent', { error: e instanceof Error ? e.message.slice(0, 200) : 'unknown' });
    return false;
  }
}
