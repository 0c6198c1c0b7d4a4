'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useLeave } from './use-leave';

/*
 * Its dialog loads on the first click: the header is on every page, and every page's first load counts
 * (docs/performance.md).
 */
const SignOutEverywhereDialog = dynamic(() => import('./sign-out-everywhere-dialog'), { ssr: false });

export function SignOutButton() {
  const leave = useLeave();
  return <Button onClick={() => void leave()}>Sign out</Button>;
}

/** Ends every session of the person: other browsers and devices, and copies of the cookie, are refused at once. */
export function SignOutEverywhereButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      {open ? <SignOutEverywhereDialog onCancel={() => setOpen(false)} /> : null}
    </>
  );
}
