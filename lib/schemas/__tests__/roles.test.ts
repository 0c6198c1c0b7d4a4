import { describe, expect, it } from 'vitest';
import { grantableRoles, isCustomerRole, isStaffRole, mayChangeAccounts, mayManagePeople, ROLE_LABELS, ROLES } from '../roles';

describe('the five roles (product.md, "Who uses it")', () => {
  it.each([
    ['admin', { staff: true, change: true, people: true, grants: ROLES }],
    ['support', { staff: true, change: true, people: false, grants: [] }],
    ['viewer', { staff: true, change: false, people: false, grants: [] }],
    ['customer', { staff: false, change: true, people: true, grants: ['customer', 'customer-viewer'] }],
    ['customer-viewer', { staff: false, change: false, people: false, grants: [] }],
  ] as const)('%s', (role, want) => {
    expect(isStaffRole(role)).toBe(want.staff);
    expect(isCustomerRole(role)).toBe(!want.staff);
    expect(mayChangeAccounts(role)).toBe(want.change);
    expect(mayManagePeople(role)).toBe(want.people);
    expect(grantableRoles(role)).toEqual(want.grants);
  });
  it('an unknown role may do nothing', () => {
    for (const f of [isStaffRole, isCustomerRole, mayChangeAccounts, mayManagePeople]) expect(f('owner')).toBe(false);
    expect(grantableRoles('owner')).toEqual([]);
  });
});

describe('the words for a role', () => {
  it('the header and the People page name each role so', () => {
    expect(ROLE_LABELS).toEqual({
      admin: 'Admin',
      support: 'Support',
      viewer: 'Viewer (read only)',
      customer: 'Customer',
      'customer-viewer': 'Customer (read only)',
    });
  });
});
