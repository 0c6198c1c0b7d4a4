'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { Account } from '@/lib/schemas/account';
import { Button } from '@/components/ui/button';
import { useDegraded } from '@/components/layout/upstream-status';

// Only after a click on the button: the form (and react-hook-form with it) is not in the page's first load.
const MessengerEditForm = dynamic(() => import('./messenger-edit-form').then((m) => m.MessengerEditForm), {
  ssr: false,
  loading: () => <p className="text-sm">Opening the form…</p>,
});

/** Rename a Messenger account or give it a new Page token, behind a button that opens the form. */
export function MessengerEdit({ account }: { account: Account }) {
  const degraded = useDegraded();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Closing the form (Cancel or a save) puts the focus back on the button that opened it.
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) button.current?.focus();
    refocus.current = false;
  }, [open]);
  const close = () => {
    refocus.current = true;
    setOpen(false);
  };

  return (
    <section aria-labelledby="edit-heading" className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="edit-heading" className={`${open ? 'mb-3' : 'mb-1'} font-semibold`}>
        Edit
      </h2>
      {open ? (
        <MessengerEditForm account={account} onClose={close} />
      ) : (
        <>
          <p className="mb-3 text-sm">Rename this account or give it a new Page token. The current token is never shown.</p>
          <Button ref={button} onClick={() => setOpen(true)} disabled={degraded}>
            Rename or rotate token
          </Button>
        </>
      )}
    </section>
  );
}
