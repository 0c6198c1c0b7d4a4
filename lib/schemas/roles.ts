/*
 * The five roles (docs/product.md, "Who uses it"). Staff see every workspace;
 * a customer role sees exactly one, its own. Shared by the server's checks and
 * the pages' labels, so the two cannot disagree.
 */
export const ROLES = ['admin', 'support', 'viewer', 'customer', 'customer-viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles tied to one workspace (a customer's own staff). */
export const CUSTOMER_ROLES = ['customer', 'customer-viewer'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  support: 'Support',
  viewer: 'Viewer (read only)',
  customer: 'Customer',
  'customer-viewer': 'Customer (read only)',
};

export const isCustomerRole = (role: string): boolean => role === 'customer' || role === 'customer-viewer';

/** Staff see every workspace; a customer role exactly one. */
export const isStaffRole = (role: string): boolean => role === 'admin' || role === 'support' || role === 'viewer';

/** The roles that may change accounts and links (the others only look). */
export const mayChangeAccounts = (role: string): boolean => role === 'admin' || role === 'support' || role === 'customer';

/** Who may manage people: an admin anyone, a customer the people of their own workspace. */
export const mayManagePeople = (role: string): boolean => role === 'admin' || role === 'customer';

/** The roles a manager may give: an admin any, a customer only the two customer roles (A37). */
export function grantableRoles(role: string): readonly Role[] {
  if (role === 'admin') return ROLES;
  if (role === 'customer') return CUSTOMER_ROLES;
  return [];
}
