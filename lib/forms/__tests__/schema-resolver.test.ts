import { describe, expect, it } from 'vitest';
import { createMessengerSchema, updateMessengerSchema } from '@/lib/schemas/account';
import { optional, schemaResolver } from '../schema-resolver';

type Create = { externalId: string; accessToken: string; name: string; applicationId: string };
const FIELDS = ['externalId', 'accessToken', 'name', 'applicationId'] as const;
const toCreate = (v: Create) => ({
  externalId: v.externalId,
  accessToken: v.accessToken,
  ...(optional(v.name) ? { name: optional(v.name) } : {}),
  ...(v.applicationId ? { applicationId: v.applicationId } : {}),
});
const create = schemaResolver(async () => createMessengerSchema, toCreate, FIELDS);
const run = (r: typeof create, values: Create) => r(values, undefined, { fields: {}, shouldUseNativeValidation: false });

describe('schemaResolver', () => {
  it('puts the server schema’s messages on the fields', async () => {
    const { errors, values } = await run(create, { externalId: '12ab', accessToken: '', name: '', applicationId: '' });
    expect(values).toEqual({});
    expect(errors.externalId?.message).toBe('A Facebook Page ID is 1 to 20 digits');
    expect(errors.accessToken?.message).toBe('Enter the Page token');
    expect(errors.name).toBeUndefined();
  });

  it('gives back the body as the server will read it (empty optional fields left out, UUID lower-cased)', async () => {
    const { errors, values } = await run(create, {
      externalId: '1234567890',
      accessToken: ' EAAGtoken ',
      name: '  ',
      applicationId: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
    });
    expect(errors).toEqual({});
    expect(values).toEqual({ externalId: '1234567890', accessToken: 'EAAGtoken', applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' });
  });

  it('an issue with no field of its own goes to root', async () => {
    const r = schemaResolver(
      async () => updateMessengerSchema,
      () => ({ extra: 1 }),
      ['accessToken'],
    );
    const { errors } = await r({ accessToken: '' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(errors.root?.message).toBeTruthy();
  });

  it('leaves the check to the server when the schema cannot be fetched', async () => {
    const offline = schemaResolver<Create, typeof createMessengerSchema>(
      () => Promise.reject(new Error('chunk load failed')),
      toCreate,
      FIELDS,
    );
    const { errors, values } = await run(offline, { externalId: '12ab', accessToken: '', name: '', applicationId: '' });
    expect(errors).toEqual({});
    expect(values).toEqual({ externalId: '12ab', accessToken: '' });
  });
});
