import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { applicationIdSchema } from '@/lib/schemas/ids';
import { ApplicationView } from './_components/application-view';

export const metadata: Metadata = { title: 'Application' };

export default async function ApplicationPage({ params }: PageProps<'/w/[ws]/applications/[applicationId]'>) {
  const id = applicationIdSchema.safeParse((await params).applicationId);
  if (!id.success) notFound();
  return <ApplicationView applicationId={id.data} />;
}
