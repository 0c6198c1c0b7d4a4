import 'server-only';

export const MIN_PASSWORD_LENGTH = 12;
const COMMON_COUNT = 10_000;

let common: Promise<ReadonlySet<string>> | null = null;

/** The 10,000 most common passwords, from zxcvbn-ts's maintained list (ordered by frequency). */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set((dictionary['passwords-common'] ?? []).slice(0, COMMON_COUNT).map((p) => p.toLowerCase())),
  );
  return common;
}

/** Why a chosen password is refused, in words for the person choosing it; null when it is fine. */
export async function passwordProblem(password: string, email: string | null): Promise<string | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return 'Use at most 200 characters.';
  const lower = password.toLowerCase();
  if ((await commonPasswords()).has(lower)) return 'This password is among the most common ones. Choose another.';
  if (email && lower.includes(email.split('@')[0]!.toLowerCase()) && email.split('@')[0]!.length >= 4)
    return 'Do not use your email address in the password.';
  return null;
}
