/**
 * Conformance: every implemented operation, every status it documents, validated against the copied
 * OpenAPI files with openapi-backend. Coverage of (operationId, status) pairs is asserted at the end.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import OpenAPIBackend, { type Document } from 'openapi-backend';
import { ACME, ACME_APP_ID, APPS, basic, call, EA, GLOBEX, jwt, makeTenants, reset, start, type Keys } from './helpers';

const SPEC_DIR = path.resolve(import.meta.dirname, '../spec');
type Sim = Awaited<ReturnType<typeof start>>;

let ea: OpenAPIBackend;
let apps: OpenAPIBackend;
let sim: Sim;
let keys: Keys;
/** The (operationId, status) pairs each test declares; the coverage test holds them to the spec. */
const declared = new Set<string>();
/** What the running test has checked: it must be exactly what it declared. */
let covered = new Set<string>();

/** A test that checks exactly the `pairs` it names ("GetAllAccounts 200"), so that coverage needs no other test to run first. */
function conforms(title: string, pairs: string[], fn: () => Promise<void>) {
  for (const p of pairs) declared.add(p);
  it(title, async () => {
    covered = new Set();
    await fn();
    expect([...covered].sort()).toEqual([...new Set(pairs)].sort());
  });
}

/**
 * Spec bug: GetAllAccountResponse is `allOf` of the three account types (so every item would need
 * `access_token`). Items are one type each, told apart by `provider`; rcs has no own type, so it uses AccountResponse.
 */
type Schema = NonNullable<NonNullable<Document['components']>['schemas']>[string];

function patchListItemSchema(doc: Document): void {
  const schemas = doc.components!.schemas!;
  const byProvider = (ref: string, provider: string): Schema => ({
    allOf: [{ $ref: `#/components/schemas/${ref}` }, { properties: { provider: { type: 'string', enum: [provider] } } }],
  });
  schemas.GetAllAccountResponse = {
    anyOf: [
      byProvider('MessengerAccountResponse', 'messenger'),
      byProvider('VSMAccountResponse', 'viber_service_msg'),
      byProvider('WAAccountResponse', 'whatsapp'),
      byProvider('AccountResponse', 'rcs'),
    ],
  };
}

async function load(file: string, patch?: (d: Document) => void): Promise<OpenAPIBackend> {
  const loader = new OpenAPIBackend({ definition: path.join(SPEC_DIR, file) });
  const doc = await loader.loadDocument();
  patch?.(doc);
  // The Application API is given by path so its relative $refs (common/common_errors.yml) resolve;
  // the External Accounts file has internal refs only, so the patched parsed object is enough.
  const api = new OpenAPIBackend({ definition: file.startsWith('application') ? path.join(SPEC_DIR, file) : doc, strict: true });
  return api.init();
}

function documentedStatuses(api: OpenAPIBackend, operationId: string): string[] {
  const op = api.getOperation(operationId);
  return Object.keys(op?.responses ?? {});
}

/** Makes a request and checks status, documentation and body for `operationId`. */
async function check(
  api: OpenAPIBackend,
  operationId: string,
  expected: number,
  method: string,
  urlPath: string,
  opts: Parameters<typeof call>[3] = {},
) {
  const prefix = api === ea ? EA : APPS;
  const rel = urlPath.split('?')[0]!;
  const matched = api.matchOperation({ method, path: rel === '' ? '/' : rel, headers: {} });
  // A wrong-method request has no operation of its own: its answer is checked against `operationId`.
  if (expected !== 405) expect(matched?.operationId).toBe(operationId);
  const res = await call(sim.url, method, prefix + urlPath, opts);
  expect(res.status, res.text).toBe(expected);
  expect(documentedStatuses(api, operationId)).toContain(String(expected));
  const op = api.getOperation(operationId)!;
  const response = (op.responses as Record<string, { content?: Record<string, unknown> }>)[String(expected)];
  if (response?.content?.['application/json']) {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const v = api.validator.validateResponse(res.json(), operationId, expected);
    expect(v.errors ?? [], JSON.stringify(res.json())).toEqual([]);
  } else {
    expect(res.text).toBe('');
  }
  covered.add(`${operationId} ${expected}`);
  return res;
}

beforeAll(async () => {
  const made = await makeTenants();
  keys = made.keys;
  [ea, apps, sim] = await Promise.all([
    load('external-accounts.v0.1.6.yml', patchListItemSchema),
    load('application.v2.yml'),
    start(made.tenants),
  ]);
});
afterAll(() => sim?.close());
beforeEach(() => reset(sim.url));

const A = () => ({ auth: basic(ACME) });
const PAGE = '998877665544332';
/** The Messenger account the read, update, link, unlink and delete cases use, made by each of them. */
async function makePage() {
  const res = await call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body: { external_id: PAGE, access_token: 'EAAGtoken' } });
  expect(res.status).toBe(201);
}
const bad = { auth: basic({ ...ACME, apiSecret: 'nope' }) };
/** A JWT whose acl only covers the Application API: the spec's 403Response on External Accounts. */
const aclDenied = async () => ({ auth: `Bearer ${await jwt(keys.acme, { acl: { paths: { '/*/applications/**': {} } } })}` });

describe('validator sanity (a test that cannot fail is worthless)', () => {
  it('rejects a list item without api_key and a messenger item without access_token', () => {
    const item = { external_id: '1', api_key: 'k', provider: 'messenger', access_token: 't', applications: [] };
    const ok = ea.validator.validateResponse({ page_number: 1, page_size: 1, _embedded: [item] }, 'GetAllAccounts', 200);
    expect(ok.valid).toBe(true);
    const without = (field: string) => Object.fromEntries(Object.entries(item).filter(([k]) => k !== field));
    expect(ea.validator.validateResponse({ _embedded: [without('api_key')] }, 'GetAllAccounts', 200).valid).toBe(false);
    const noToken = without('access_token');
    expect(ea.validator.validateResponse({ _embedded: [noToken] }, 'GetAllAccounts', 200).valid).toBe(false);
    expect(ea.validator.validateResponse({ _embedded: [{ ...item, provider: 'sms' }] }, 'GetAllAccounts', 200).valid).toBe(false);
    expect(apps.validator.validateResponse({ total_items: 'six' }, 'listApplication', 200).valid).toBe(false);
  });
});

describe('External Accounts API', () => {
  conforms('GetAllAccounts 200 / 401', ['GetAllAccounts 200', 'GetAllAccounts 401'], async () => {
    await check(ea, 'GetAllAccounts', 200, 'GET', '', A());
    await check(ea, 'GetAllAccounts', 200, 'GET', '?page_size=50', A());
    await check(ea, 'GetAllAccounts', 200, 'GET', '?provider=rcs&page_number=1&page_size=5', A());
    await check(ea, 'GetAllAccounts', 200, 'GET', '?page_number=99', A());
    await check(ea, 'GetAllAccounts', 200, 'GET', '/', { auth: `Bearer ${await jwt(keys.acme)}` });
    await check(ea, 'GetAllAccounts', 401, 'GET', '', bad);
  });

  conforms(
    'CreateMessengerAccount 201 / 400 / 401 / 403',
    ['CreateMessengerAccount 201', 'CreateMessengerAccount 400', 'CreateMessengerAccount 401', 'CreateMessengerAccount 403'],
    async () => {
      await check(ea, 'CreateMessengerAccount', 201, 'POST', '/messenger', {
        ...A(),
        body: { external_id: '998877665544332', access_token: 'EAAGtoken' },
      });
      await check(ea, 'CreateMessengerAccount', 400, 'POST', '/messenger', { ...A(), body: { name: 'x' } });
      await check(ea, 'CreateMessengerAccount', 401, 'POST', '/messenger', { body: { external_id: '1', access_token: 't' } });
      await check(ea, 'CreateMessengerAccount', 403, 'POST', '/messenger', {
        ...A(),
        body: { external_id: '123451234512345', access_token: 't', applications: ['00000000-0000-4000-8000-000000000000'] },
      });
    },
  );

  conforms(
    'GetMessengerAccount / GetVSMAccount / GetWAAccount 200 / 401 / 404',
    [
      'GetMessengerAccount 200',
      'GetMessengerAccount 401',
      'GetMessengerAccount 404',
      'GetVSMAccount 200',
      'GetVSMAccount 401',
      'GetVSMAccount 404',
      'GetWAAccount 200',
      'GetWAAccount 401',
      'GetWAAccount 404',
    ],
    async () => {
      await makePage();
      await check(ea, 'GetMessengerAccount', 200, 'GET', '/messenger/998877665544332', A());
      await check(ea, 'GetMessengerAccount', 401, 'GET', '/messenger/998877665544332');
      await check(ea, 'GetMessengerAccount', 404, 'GET', '/messenger/1', A());
      const list = (await call(sim.url, 'GET', `${EA}?page_size=100`, A())).json() as {
        _embedded: { provider: string; external_id: string }[];
      };
      const idOf = (p: string) => list._embedded.find((a) => a.provider === p)!.external_id;
      await check(ea, 'GetVSMAccount', 200, 'GET', `/viber_service_msg/${idOf('viber_service_msg')}`, A());
      await check(ea, 'GetVSMAccount', 401, 'GET', '/viber_service_msg/1', bad);
      await check(ea, 'GetVSMAccount', 404, 'GET', '/viber_service_msg/1', A());
      await check(ea, 'GetWAAccount', 200, 'GET', `/whatsapp/${idOf('whatsapp')}`, A());
      await check(ea, 'GetWAAccount', 401, 'GET', '/whatsapp/1', bad);
      await check(ea, 'GetWAAccount', 404, 'GET', '/whatsapp/1', A());
    },
  );

  conforms(
    'UpdateMessengerAccount 200 / 400 / 401 / 403 / 404',
    [
      'UpdateMessengerAccount 200',
      'UpdateMessengerAccount 400',
      'UpdateMessengerAccount 401',
      'UpdateMessengerAccount 403',
      'UpdateMessengerAccount 404',
    ],
    async () => {
      await makePage();
      const p = '/messenger/998877665544332';
      await check(ea, 'UpdateMessengerAccount', 200, 'PATCH', p, { ...A(), body: { name: 'Renamed' } });
      await check(ea, 'UpdateMessengerAccount', 400, 'PATCH', p, { ...A(), body: { external_id: '42' } });
      await check(ea, 'UpdateMessengerAccount', 401, 'PATCH', p, { body: { name: 'x' } });
      await check(ea, 'UpdateMessengerAccount', 403, 'PATCH', p, { ...A(), body: { applications: ['nope'] } });
      await check(ea, 'UpdateMessengerAccount', 404, 'PATCH', '/messenger/1', { ...A(), body: { name: 'x' } });
    },
  );

  conforms(
    'LinkApplication 200 / 401 / 403 / 409',
    ['LinkApplication 200', 'LinkApplication 401', 'LinkApplication 403', 'LinkApplication 409'],
    async () => {
      await makePage();
      const p = '/messenger/998877665544332/applications';
      await check(ea, 'LinkApplication', 200, 'POST', p, { ...A(), body: { application: ACME_APP_ID } });
      await check(ea, 'LinkApplication', 401, 'POST', p, { body: { application: ACME_APP_ID } });
      await check(ea, 'LinkApplication', 403, 'POST', p, { ...A(), body: { application: 'no-such-app' } });
      await check(ea, 'LinkApplication', 409, 'POST', p, { ...A(), body: { application: ACME_APP_ID } });
    },
  );

  conforms(
    'UnliWithoutApplicationnkApplication (unlink) 204 / 401 / 403 / 409',
    [
      'UnliWithoutApplicationnkApplication 204',
      'UnliWithoutApplicationnkApplication 401',
      'UnliWithoutApplicationnkApplication 403',
      'UnliWithoutApplicationnkApplication 409',
    ],
    async () => {
      await makePage();
      const linked = await call(sim.url, 'POST', `${EA}/messenger/${PAGE}/applications`, { ...A(), body: { application: ACME_APP_ID } });
      expect(linked.status).toBe(200);
      const p = `/messenger/998877665544332/applications/${ACME_APP_ID}`;
      await check(ea, 'UnliWithoutApplicationnkApplication', 401, 'DELETE', p, bad);
      await check(ea, 'UnliWithoutApplicationnkApplication', 403, 'DELETE', p, await aclDenied());
      await check(ea, 'UnliWithoutApplicationnkApplication', 204, 'DELETE', p, A());
      await check(ea, 'UnliWithoutApplicationnkApplication', 409, 'DELETE', p, A());
    },
  );

  conforms(
    'DeleteMessengerAccount 204 / 401 / 403 / 404',
    ['DeleteMessengerAccount 204', 'DeleteMessengerAccount 401', 'DeleteMessengerAccount 403', 'DeleteMessengerAccount 404'],
    async () => {
      await makePage();
      const p = '/messenger/998877665544332';
      await check(ea, 'DeleteMessengerAccount', 401, 'DELETE', p);
      await check(ea, 'DeleteMessengerAccount', 403, 'DELETE', p, await aclDenied());
      await check(ea, 'DeleteMessengerAccount', 204, 'DELETE', p, A());
      await check(ea, 'DeleteMessengerAccount', 404, 'DELETE', p, A());
    },
  );
});

describe('Application API', () => {
  conforms(
    'listApplication 200 / 400 / 401 / 405 / 406',
    ['listApplication 200', 'listApplication 400', 'listApplication 401', 'listApplication 405', 'listApplication 406'],
    async () => {
      await check(apps, 'listApplication', 200, 'GET', '', A());
      await check(apps, 'listApplication', 200, 'GET', '?page=2&page_size=3', A());
      await check(apps, 'listApplication', 200, 'GET', '', { auth: basic(GLOBEX) });
      await check(apps, 'listApplication', 400, 'GET', '?page_size=101', A());
      await check(apps, 'listApplication', 401, 'GET', '', { auth: `Bearer ${await jwt(keys.acme)}` });
      await check(apps, 'listApplication', 405, 'DELETE', '', A());
      await check(apps, 'listApplication', 406, 'GET', '', { ...A(), headers: { Accept: 'text/html' } });
    },
  );

  conforms(
    'getApplication 200 / 401 / 404 / 405 / 406',
    ['getApplication 200', 'getApplication 401', 'getApplication 404', 'getApplication 405', 'getApplication 406'],
    async () => {
      await check(apps, 'getApplication', 200, 'GET', `/${ACME_APP_ID}`, A());
      await check(apps, 'getApplication', 401, 'GET', `/${ACME_APP_ID}`);
      await check(apps, 'getApplication', 404, 'GET', '/00000000-0000-4000-8000-000000000000', A());
      await check(apps, 'getApplication', 405, 'PATCH', `/${ACME_APP_ID}`, A());
      await check(apps, 'getApplication', 406, 'GET', `/${ACME_APP_ID}`, { ...A(), headers: { Accept: 'application/xml' } });
    },
  );
});

describe('coverage', () => {
  it('the tests above declare every documented status of every implemented operation', () => {
    const implemented: [OpenAPIBackend, string][] = [
      ...[
        'GetAllAccounts',
        'CreateMessengerAccount',
        'GetMessengerAccount',
        'UpdateMessengerAccount',
        'DeleteMessengerAccount',
        'GetVSMAccount',
        'GetWAAccount',
        'LinkApplication',
        'UnliWithoutApplicationnkApplication',
      ].map((o): [OpenAPIBackend, string] => [ea, o]),
      [apps, 'listApplication'],
      [apps, 'getApplication'],
    ];
    // Every External Accounts operation of the spec is implemented.
    expect(
      ea
        .getOperations()
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(
      implemented
        .filter(([a]) => a === ea)
        .map(([, o]) => o)
        .sort(),
    );
    const missing = implemented
      .flatMap(([api, op]) => documentedStatuses(api, op).map((s) => `${op} ${s}`))
      .filter((k) => !declared.has(k));
    expect(missing).toEqual([]);
  });
});
