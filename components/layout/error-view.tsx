'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

/**
 * What a page that failed to render says, in plain words. The digest is the
 * one thing of the server's error that reaches the browser: support can find
 * the server's log line with it.
 */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="alert" className="mx-auto max-w-md space-y-3 p-6">
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        This page could not be shown
      </h1>
      <p>
        The console failed while preparing this page. Nothing was changed. Try again; if it keeps failing, tell support what you were doing
        {error.digest ? ' and give them this reference' : ''}.
      </p>
      {error.digest && (
        <p className="text-sm">
          Reference: <code>{error.digest}</code>
        </p>
      )}
      <div className="flex gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        {/* A full load on purpose, after a failure: nothing of the broken page stays; and no router code in every page's first load. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="inline-flex items-center px-3 py-1.5 text-sm underline">
          Go to your accounts
        </a>
      </div>
    </div>
  );
}
