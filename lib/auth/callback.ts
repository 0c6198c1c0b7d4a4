/**
 * Where to go after sign-in: only a path on this site. `//host`, `/\host`
 * (browsers read `\` as `/`), other schemes, control characters and repeated
 * parameters all fall back to the home page, so a sign-in link can never
 * send anyone to another site.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/';
  if (!raw.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  const base = 'http://console.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  return url.origin === base ? url.pathname + url.search + url.hash : '/';
}
