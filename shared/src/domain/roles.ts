import type { Role } from './types.js';

/** What each role may do. One table, read by the server and by the screens that hide buttons. */
export const PERMISSIONS = {
  'alarms.read': ['admin', 'commander', 'operator', 'wall', 'guard'],
  'alarms.handle': ['admin', 'commander', 'operator'],
  'sites.read': ['admin', 'commander', 'operator', 'wall', 'guard'],
  'sites.edit': ['admin'],
  'wall.watch': ['admin', 'commander', 'operator', 'wall'],
  'wall.control': ['admin', 'commander', 'operator'],
  'wall.configure': ['admin'],
  'users.manage': ['admin'],
  'apiKeys.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
