'use client';

import { ErrorView } from '@/components/layout/error-view';

export default function Error(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="p-6">
      <ErrorView {...props} />
    </main>
  );
}
