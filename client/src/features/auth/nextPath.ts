import type { Role } from '@vigil/shared';

export const DEFAULT_PATH = '/wall';

/** Where a role lands after signing in when no page asked for it: guards get their phone page. */
export function homePathFor(role: Role | undefined): string {
  return role === 'guard' ? '/guard' : DEFAULT_PATH;
}

/** The signed-in screens, and the roles each is for. */
export const SCREEN_ROLES = {
  wall: ['admin', 'commander', 'operator', 'wall'],
  monitor: ['admin', 'commander', 'operator', 'wall'],
  console: ['admin', 'commander', 'operator'],
  /** The duty commander's incident screen; operators open incidents and tick their steps there too. */
  command: ['admin', 'commander', 'operator'],
  guard: ['admin', 'guard'],
  siteEditor: ['admin'],
  /** Admins manage users there; every other role only changes its own password. */
  users: ['admin', 'commander', 'operator', 'guard', 'wall'],
  /** The plan library: everyone in the control room reads it, admins edit it. */
  plans: ['admin', 'commander', 'operator'],
  /** An incident's closing report (结案报告). */
  report: ['admin', 'commander', 'operator'],
  /** A drill's report and debrief (演练评估 / 复盘): the server lets in its controller, its participants (a guard among them) and the drills.run roles. */
  drillReport: ['admin', 'commander', 'operator', 'guard'],
  /** The alarm history (报警记录): search, timelines and CSV exports. */
  history: ['admin', 'commander', 'operator'],
  /** Reports and KPIs (数据分析与报告): the server's `reports.read`. */
  reports: ['admin', 'commander', 'operator'],
  /** The drill controller's screen (drills.run). */
  drills: ['admin', 'commander'],
  /** The audit log (操作日志): who did what and when. */
  audit: ['admin'],
  /** Patrol routes (巡更路线) and their QR label sheets. */
  patrols: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Screen = keyof typeof SCREEN_ROLES;

/**
 * Where a role that opens a screen lands: the screen itself when it is for that role, else the
 * role's own home (a guard's phone page; the wall for the others). The server holds the same
 * line: a guard's socket gets no wall state and may not send wall commands.
 */
export function pathForScreen(screen: Screen, role: Role): string | null {
  return (SCREEN_ROLES[screen] as readonly Role[]).includes(role) ? null : homePathFor(role);
}

/** Where to go after signing in: only a path on this origin, never `//elsewhere` or a URL. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return DEFAULT_PATH;
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === DEFAULT_PATH ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
