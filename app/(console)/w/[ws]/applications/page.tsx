import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ApplicationsView } from './_components/applications-view';

export const metadata: Metadata = { title: 'Applications' };

export default function ApplicationsPage() {
  return (
    <Suspense>
      <ApplicationsView />
    </Suspense>
  );
}
