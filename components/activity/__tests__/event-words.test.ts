import { describe, expect, it } from 'vitest';
import { changeLines } from '../event-words';

describe('changeLines', () => {
  it('names applications the page knows, and shows the id of one it does not', () => {
    const names = { a1: 'Acme Support Bot', a2: 'Acme IVR' };
    expect(changeLines({ before: { applicationId: 'a1' }, after: { applicationId: 'a2' } }, names)).toEqual([
      'Application: Acme Support Bot → Acme IVR',
    ]);
    expect(changeLines({ before: undefined, after: { applications: ['a1', 'gone'] } }, names)).toEqual([
      'Applications: Acme Support Bot, gone',
    ]);
    expect(changeLines({ before: { applicationId: null }, after: { applicationId: 'a1' } }, names)).toEqual([
      'Application: none → Acme Support Bot',
    ]);
  });

  it('never names anything but an application: a name that happens to be an id stays as it is', () => {
    expect(changeLines({ before: { name: 'a1' }, after: { name: 'a2', tokenHint: 'AB12' } }, { a1: 'X', a2: 'Y' })).toEqual([
      'Name: a1 → a2',
      'Page token: …AB12',
    ]);
  });

  it('an export with no filter says none', () => {
    expect(changeLines({ before: undefined, after: { filters: {} } })).toEqual(['Filters: none']);
    expect(changeLines({ before: undefined, after: { filters: { action: 'account.link' } } })).toEqual([
      'Filters: {"action":"account.link"}',
    ]);
  });

  it('an id that is also a name of every object (constructor, __proto__) is shown as it is', () => {
    expect(changeLines({ before: undefined, after: { applications: ['constructor', '__proto__', 'toString'] } }, {})).toEqual([
      'Applications: constructor, __proto__, toString',
    ]);
  });

  it('without names, ids are shown as they are', () => {
    expect(changeLines({ before: { applicationId: 'a1' }, after: {} })).toEqual(['Application: was a1']);
  });
});
