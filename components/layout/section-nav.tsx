'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { paths } from '@/lib/paths';

/** The workspace's sections; the one shown is marked for screen readers too. */
export function SectionNav({ ws, people = false }: { ws: string; people?: boolean }) {
  const pathname = usePathname();
  const sections = [
    ['Overview', paths.overview(ws)],
    ['Accounts', paths.accounts(ws)],
    ['Applications', paths.applications(ws)],
    ['Activity', paths.activity(ws)],
    ...(people ? [['People', paths.people(ws)]] : []),
  ].map(([label, href]) => ({ label: label!, href: href!, current: pathname.startsWith(href!) }));
  return (
    <nav aria-label="Sections" className="flex gap-1 text-sm">
      {sections.map((s) => (
        <Link
          key={s.label}
          href={s.href}
          aria-current={s.current ? 'page' : undefined}
          className="rounded px-2 py-1 underline-offset-2 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline"
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
