import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the component, true after. Pages now carry their rows in
 * the first HTML, so a button can be seen, and clicked, before its handler is attached: until then it is disabled
 * rather than dead (a click waits, as Playwright's does, instead of doing nothing).
 */
export const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
