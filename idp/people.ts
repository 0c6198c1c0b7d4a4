import { createHash, timingSafeEqual } from 'node:crypto';

/** Someone who may sign in at the demo identity provider. */
export interface Person {
  email: string;
  name: string;
  groups: string[];
  password: string;
  /** A TOTP secret (RFC 6238, base32): the login form then asks for a one-time code, and `amr` says `otp`. */
  totpSecret?: string;
}

/**
 * The demo's people (idp/README.md). Passwords are in clear on purpose: this
 * is a demo server whose people are published in the README.
 */
export const PEOPLE: readonly Person[] = [
  { email: 'sso-support@demo.test', name: 'Sunny (SSO support)', groups: ['support-staff'], password: 'demo' },
  { email: 'sso-outsider@demo.test', name: 'Oscar (SSO outsider)', groups: ['marketing'], password: 'demo' },
  {
    email: 'sso-mfa@demo.test',
    name: 'Mia (SSO, with a second factor)',
    groups: ['support-staff'],
    password: 'demo',
    totpSecret: 'JBSWY3DPEHPK3PXP',
  },
];

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The person with this email and password, or null; the same work whether or not the email exists. */
export function checkPassword(people: readonly Person[], email: string, password: string): Person | null {
  const person = people.find((p) => p.email === email.trim().toLowerCase());
  const ok = timingSafeEqual(digest(person?.password ?? '\0no person'), digest(password));
  return person && ok ? person : null;
}
