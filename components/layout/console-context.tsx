'use client';

import { createContext, useContext } from 'react';

export interface ConsoleInfo {
  ws: string;
  wsName: string;
  /** False for a viewer: no control that changes anything is shown. */
  canChange: boolean;
  /** Staff (not a customer): may see every workspace's activity. */
  isStaff: boolean;
}

export const ConsoleContext = createContext<ConsoleInfo | null>(null);

export function useConsole(): ConsoleInfo {
  const info = useContext(ConsoleContext);
  if (!info) throw new Error('useConsole outside a workspace page');
  return info;
}
