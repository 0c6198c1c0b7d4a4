'use client';

import './globals.css';
import { ErrorView } from '@/components/layout/error-view';

/** When even the root layout failed: a page of its own, with its own html and body. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <main className="p-6">
          <ErrorView {...props} />
        </main>
      </body>
    </html>
  );
}
