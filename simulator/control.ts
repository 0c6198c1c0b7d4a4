/** The unauthenticated /_sim control API for tests and demos. Never subject to faults, never logged. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiDeps } from './dispatch';
import type { FaultConfig } from './types';
import { checkFaultConfig } from './faults';
import { readBody, sendJson } from './http-util';

type ControlHandler = (req: IncomingMessage, res: ServerResponse, deps: ApiDeps) => void | Promise<void>;

const routes: Record<string, Record<string, ControlHandler>> = {
  '/_sim/health': { GET: (_q, res) => sendJson(res, 200, { status: 'ok' }) },
  '/_sim/requests': {
    GET: (_q, res, d) => sendJson(res, 200, { requests: d.log.list() }),
    DELETE: (_q, res, d) => {
      d.log.clear();
      sendJson(res, 200, { requests: [] });
    },
  },
  '/_sim/faults': {
    GET: (_q, res, d) => sendJson(res, 200, d.faults.get()),
    PUT: async (req, res, d) => {
      let config: unknown;
      try {
        config = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return sendJson(res, 400, { error: 'body must be JSON' });
      }
      const problem = checkFaultConfig(config);
      if (problem) return sendJson(res, 400, { error: problem });
      d.faults.set(config as FaultConfig);
      sendJson(res, 200, d.faults.get());
    },
    DELETE: (_q, res, d) => {
      d.faults.clear();
      sendJson(res, 200, d.faults.get());
    },
  },
  '/_sim/reset': {
    POST: (_q, res, d) => {
      d.store.reset(d.registry.reload());
      d.faults.clear();
      d.log.clear();
      sendJson(res, 200, { status: 'reset' });
    },
  },
};

export async function handleControl(req: IncomingMessage, res: ServerResponse, deps: ApiDeps, path: string): Promise<void> {
  const methods = routes[path.replace(/\/$/, '')];
  if (!methods) return sendJson(res, 404, { error: 'unknown control route' });
  const handler = methods[(req.method ?? 'GET').toUpperCase()];
  if (!handler) return sendJson(res, 405, { error: 'method not allowed' }, { Allow: Object.keys(methods).join(', ') });
  try {
    await handler(req, res, deps);
  } catch (err) {
    sendJson(res, 500, { error: (err as Error).message });
  }
}
