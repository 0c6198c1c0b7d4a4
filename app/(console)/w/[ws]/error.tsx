'use client';

import { ErrorView } from '@/components/layout/error-view';

/** Inside a workspace: the header stays, so the person can still switch workspace or sign out. */
export default function WorkspaceError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} />;
}
