import 'server-only';

/*
 * The process's stopping flag, set by scripts/server.mjs (the same process) on
 * SIGTERM or SIGINT, before it stops taking connections: from then on
 * /api/ready answers 503, so a load balancer that still holds a connection to
 * this instance sends the next request elsewhere.
 */
const slot = globalThis as typeof globalThis & { consoleStopping?: boolean };

export const stopping = (): boolean => slot.consoleStopping === true;
