/** The login pages: plain server-rendered HTML, no script. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — Demo SSO</title>
<style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:flex;flex-direction:column;gap:.25rem;margin:.75rem 0}input{font:inherit;padding:.4rem}button{font:inherit;padding:.5rem 1rem;margin-top:.5rem}.error{color:#b91c1c}</style>
</head><body><h1>Demo SSO</h1>${body}</body></html>`;
}

export function loginPage(uid: string, opts: { clientId: string; email?: string; error?: string }): string {
  return page(
    'Sign in',
    `<p>Sign in to continue to <strong>${esc(opts.clientId)}</strong>.</p>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label>Email<input name="email" type="email" autocomplete="username" required value="${esc(opts.email ?? '')}"></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function otpPage(uid: string, opts: { error?: string }): string {
  return page(
    'One-time code',
    `<p>Enter the 6-digit code from your authenticator app.</p>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/otp">
<label>One-time code<input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required></label>
<button type="submit">Continue</button>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page('Error', `<p class="error" role="alert">${esc(message)}</p>`);
}
