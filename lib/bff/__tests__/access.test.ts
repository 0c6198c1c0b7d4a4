import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User, Workspace } from '@/lib/config/load';
import { setLogLevel } from '@/lib/log';
import { ROLES, type Role } from '@/lib/schemas/roles';

/*
 * Who sees which workspace and who may change anything (docs/product.md, "Who uses it"; A14 in
 * docs/security.md): staff see every workspace, a customer role exactly its own; a workspace one may not see
 * answers as if it did not exist; the read-only roles are refused a change, and the refusal is logged. The
 * config is the edge replaced here.
 */
vi.mock('@/lib/config/load', () => {
  const ws = (id: string): Workspace => ({ id, name: id, apiKey: 'k', apiSecret: 's', jwt: null, baseUrl: 'http://127.0.0.1:1' });
  return { getConfig: () => ({ workspaces: new Map([ws('acme'), ws('globex'), ws('initech')].map((w) => [w.id, w])), users: new Map() }) };
});

const { may, requirePermission, visibleWorkspaces, workspaceFor } = await import('../access');
const { HttpError } = await import('../problem');

const as = (role: Role, workspace: string | null = null): User => ({
  email: `${role}@t.test`,
  name: role,
  role,
  workspace,
  passwordHash: 'x',
  source: 'config',
});
const STAFF = ['admin', 'support', 'viewer'] as const;
const CUSTOMERS = ['customer', 'customer-viewer'] as const;

/** What `run` throws (or undefined). */
function thrown(run: () => unknown): InstanceType<typeof HttpError> | undefined {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    return e as InstanceType<typeof HttpError>;
  }
  return undefined;
}

/** The log lines (all levels) written while `run` runs, parsed. */
function logged(run: () => unknown): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (s: string | Uint8Array) => (lines.push(String(s)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  setLogLevel('debug');
  try {
    run();
  } catch {
    // the caller looks at what was thrown on its own
  } finally {
    setLogLevel(null);
    vi.restoreAllMocks();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel(null);
});

describe('visibleWorkspaces', () => {
  it.each(STAFF)('shows %s every workspace, in the config’s order', (role) => {
    expect(visibleWorkspaces(as(role)).map((w) => w.id)).toEqual(['acme', 'globex', 'initech']);
  });

  it.each(CUSTOMERS)('shows %s only their own workspace', (role) => {
    expect(visibleWorkspaces(as(role, 'globex'))).toEqual([expect.objectContaining({ id: 'globex', name: 'globex' })]);
  });

  it('shows a customer whose workspace is gone from the config nothing at all', () => {
    expect(visibleWorkspaces(as('customer', 'gone'))).toEqual([]);
  });

  it('shows staff every workspace even when a workspace is (wrongly) set on them', () => {
    expect(visibleWorkspaces(as('support', 'acme'))).toHaveLength(3);
  });
});

describe('workspaceFor', () => {
  it.each(STAFF)('hands %s any workspace that exists', (role) => {
    expect(workspaceFor(as(role), 'globex')).toMatchObject({ id: 'globex', baseUrl: 'http://127.0.0.1:1' });
    expect(workspaceFor(as(role), 'initech').id).toBe('initech');
  });

  it.each(CUSTOMERS)('hands %s their own workspace', (role) => {
    expect(workspaceFor(as(role, 'acme'), 'acme').id).toBe('acme');
  });

  it.each([
    ['a customer asking for another workspace', as('customer', 'acme'), 'globex'],
    ['a customer-viewer asking for another workspace', as('customer-viewer', 'acme'), 'initech'],
    ['staff asking for a workspace that does not exist', as('admin'), 'nope'],
    ['a customer asking for a workspace that does not exist', as('customer', 'acme'), 'nope'],
    ['a customer whose own workspace is gone', as('customer', 'gone'), 'gone'],
    ['anyone asking for no workspace', as('support'), ''],
  ])('answers %s with the same 404, as if it did not exist', (_name, user, id) => {
    const e = thrown(() => workspaceFor(user, id));
    expect(e).toMatchObject({ status: 404, title: 'Workspace not found', detail: 'No such workspace, or you may not see it.' });
  });
});

describe('may', () => {
  it.each(ROLES)('lets %s read', (role) => {
    expect(may(as(role, 'acme'), 'read')).toBe(true);
  });

  it.each([
    ['admin', true],
    ['support', true],
    ['customer', true],
    ['viewer', false],
    ['customer-viewer', false],
  ] as const)('answers whether %s may change something: %s', (role, allowed) => {
    expect(may(as(role, 'acme'), 'write')).toBe(allowed);
  });
});

describe('requirePermission', () => {
  it.each(['admin', 'support', 'customer'] as const)('lets %s change something, logging nothing', (role) => {
    const lines = logged(() => expect(thrown(() => requirePermission(as(role, 'acme'), 'write'))).toBeUndefined());
    expect(lines).toEqual([]);
  });

  it.each(ROLES)('lets %s read, logging nothing', (role) => {
    const lines = logged(() => expect(thrown(() => requirePermission(as(role, 'acme'), 'read'))).toBeUndefined());
    expect(lines).toEqual([]);
  });

  it.each(['viewer', 'customer-viewer'] as const)('refuses %s a change with 403', (role) => {
    const e = thrown(() => requirePermission(as(role, 'acme'), 'write'));
    expect(e).toMatchObject({ status: 403, title: 'Not allowed', detail: 'Your role may look but not change anything.' });
  });

  it('logs the denial once, as a warning naming the role and the action (A14)', () => {
    const lines = logged(() => requirePermission(as('customer-viewer', 'acme'), 'write'));
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'denied', role: 'customer-viewer', action: 'write' })]);
  });

  it('writes the denial to stderr, where warnings go', () => {
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
    setLogLevel('warn');
    expect(thrown(() => requirePermission(as('viewer'), 'write'))?.status).toBe(403);
    expect(err.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'denied', role: 'viewer', action: 'write' }),
    ]);
  });
});
