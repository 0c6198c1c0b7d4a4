'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { makeQueryClient } from '@/lib/queries/client';
import { ToastProvider } from '@/components/ui/toast';
import { ConsoleContext, type ConsoleInfo } from './console-context';
import { DegradedBanner, UpstreamStatusProvider } from './upstream-status';

/**
 * One query cache per workspace: the layout keys this on the workspace id, so a
 * switch starts with an empty cache and nothing of one workspace shows in another.
 */
export function ConsoleProviders({ info, header, children }: { info: ConsoleInfo; header: ReactNode; children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <ConsoleContext value={info}>
        <ToastProvider>
          <UpstreamStatusProvider>
            {header}
            <DegradedBanner />
            <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">
              {children}
            </main>
          </UpstreamStatusProvider>
        </ToastProvider>
      </ConsoleContext>
    </QueryClientProvider>
  );
}
