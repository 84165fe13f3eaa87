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
  'incidents.read': ['admin', 'commander', 'operator', 'wall'],
  /** Replay any past moment of the screens (read-only); not a guard's phone. */
  'replay.watch': ['admin', 'commander', 'operator', 'wall'],
  /** Open incidents (from alarms or the map), add notes and calls, attach alarms. */
  'incidents.open': ['admin', 'commander', 'operator'],
  /** Run them: state, owner, level, plan start, close, strike entries. */
  'incidents.run': ['admin', 'commander'],
  'plans.read': ['admin', 'commander', 'operator', 'wall'],
  'plans.edit': ['admin'],
  'dispatch.send': ['admin', 'commander'],
  /** Answer a dispatch: the guard their own; a commander on a guard's behalf (by radio). */
  'dispatch.answer': ['admin', 'commander', 'guard'],
  /** Start, pause, resume and end drills, inject early or ad hoc (participants take part with their own role). */
  'drills.run': ['admin', 'commander'],
  /** Read the site reports and KPIs (数据分析与报告) and export them. */
  'reports.read': ['admin', 'commander', 'operator'],
  /** The audit log (操作日志): who did what and when, and its export. */
  'audit.read': ['admin'],
  /** Hand the shift over (交接班) and acknowledge a handover: the duty officers. */
  'shift.handover': ['admin', 'commander', 'operator'],
  /** Patrol routes (巡更路线): draw, schedule, print labels. */
  'patrols.edit': ['admin'],
  'patrols.read': ['admin', 'commander', 'operator', 'wall', 'guard'],
  /** Check in at a checkpoint: the guard walking the tour. */
  'patrols.checkIn': ['guard'],
  /** Report a hazard (隐患上报), add its photos. */
  'hazards.report': ['admin', 'commander', 'operator', 'guard'],
  /** Assign a hazard and verify its rectification; the assignee rectifies. */
  'hazards.handle': ['admin', 'commander'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
