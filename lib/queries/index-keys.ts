/** Views built on the account index; under the workspace like every key, so a change there refreshes them all. */
export const indexKeys = {
  all: (ws: string) => ['ws', ws, 'index'] as const,
  status: (ws: string) => [...indexKeys.all(ws), 'status'] as const,
  overview: (ws: string) => [...indexKeys.all(ws), 'overview'] as const,
  applications: (ws: string, page: number) => [...indexKeys.all(ws), 'applications', page] as const,
  application: (ws: string, id: string) => [...indexKeys.all(ws), 'application', id] as const,
  search: (ws: string, q: string) => [...indexKeys.all(ws), 'search', q] as const,
};
