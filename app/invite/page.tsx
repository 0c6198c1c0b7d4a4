import type { Metadata } from 'next';
import { AcceptInvitation } from './accept-invitation';

export const metadata: Metadata = { title: 'Accept an invitation' };

/*
 * Rendered per request: the CSP (proxy.ts) allows only scripts with this request's nonce, and a page prerendered at
 * build time carries none, so its script never ran and the page stayed on "Opening your invitation…".
 */
export const dynamic = 'force-dynamic';

/** An invitation's link lands here; the token is in the fragment, which only this page's script reads. */
export default function InvitePage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <h1 className="text-2xl font-semibold">External Accounts Console</h1>
      <AcceptInvitation />
    </main>
  );
}
