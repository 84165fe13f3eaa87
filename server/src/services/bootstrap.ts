import { randomUUID } from 'node:crypto';
import { SHIPPED_PLANS, type Monitor, type PatrolRoute, type Site, type WallPreset } from '@vigil/shared';
import { findRouteAnyState, routeInsert } from '../repositories/patrols.repository.js';
import type { Db } from '../db/client.js';
import { hashPassword } from '../lib/passwords.js';
import { newPassword } from '../lib/tokens.js';
import { countUsers, insertUser } from '../repositories/users.repository.js';
import { listApiKeys } from '../repositories/api-keys.repository.js';
import { findSite, insertSite } from '../repositories/sites.repository.js';
import { guardInsert, type NewGuardRow } from '../repositories/guards.repository.js';
import { listMonitors, listPresets, monitorUpsert, presetUpsert } from '../repositories/wall.repository.js';
import { createApiKey } from './auth/api-keys.js';
import { seedDemoVideo } from '../sim/demo-video.js';
import { systemClock } from '../lib/clock.js';
import { runCommand } from './append.js';
import { countPlanTemplates } from '../repositories/plan-templates.repository.js';
import { publishShippedPlans } from './plans/plan-library.service.js';
import type { Deps } from './deps.js';
import { BOOTSTRAP_ACTOR, logStoredGuard, logStoredSite, logUnloggedReference } from './reference-log.js';

export interface FirstRun {
  /** Set only when this start created the admin with a generated password. */
  adminPassword?: string;
  /** Set only when this start generated the first ingest key. */
  ingestKey?: string;
}

/**
 * First start: the admin user, an ingest key, the shipped plans, the demo site with its guards,
 * wall and video. Later starts add only what is missing. Site, guards and wall are logged as
 * events (reference-log.ts), and a database from before that gets its reference rows logged once.
 */
export async function bootstrap(
  db: Db,
  options: {
    adminPassword?: string;
    ingestApiKey?: string;
    demoSite?: Site;
    demoGuards?: NewGuardRow[];
    demoWall?: { monitors: Monitor[]; presets: WallPreset[] };
    demoPatrolRoutes?: PatrolRoute[];
  },
): Promise<FirstRun> {
  const firstRun: FirstRun = {};
  if ((await countUsers(db)) === 0) {
    const password = options.adminPassword ?? newPassword();
    await insertUser(db, {
      id: randomUUID(),
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    if (!options.adminPassword) firstRun.adminPassword = password;
  }
  if (options.ingestApiKey) {
    await createApiKey(db, 'INGEST_API_KEY', options.ingestApiKey);
  } else if ((await listApiKeys(db)).length === 0) {
    firstRun.ingestKey = (await createApiKey(db, 'generated at first start')).key;
  }
  // Writes through the append path, on the live stream (nothing connects yet: no broadcaster to wake).
  const deps: Deps = { db, clock: systemClock, stream: 'live', onCommitted: () => undefined };
  // The plan library starts with Vigil's own plans, one per incident type, as version 1.
  await runCommand(deps, { stream: deps.stream }, async ({ tx, now }) => {
    if ((await countPlanTemplates(tx)) === 0) await publishShippedPlans(tx, SHIPPED_PLANS, now);
  });
  const demo = options.demoSite;
  if (demo) {
    // Through the append path like every write, with the events the site editor, roster and
    // wall services append for the same rows (reference-log.ts), so a fold of the log from
    // seq 0 equals the state tables. Site, roster and wall are not per stream: they belong to
    // the live one.
    await runCommand(deps, { stream: deps.stream }, async (log) => {
      const { tx } = log;
      if (!(await findSite(tx, demo.id))) {
        await insertSite(tx, demo);
        await logStoredSite(log, demo.id, BOOTSTRAP_ACTOR);
        for (const guard of options.demoGuards ?? []) {
          const [inserted] = await guardInsert(tx, guard);
          await logStoredGuard(log, inserted!.id, BOOTSTRAP_ACTOR);
        }
      }
      // Also for a data directory made before the video wall: a wall with no monitors and no
      // presets gets the demo's, and demo cameras without streams get their demo video.
      const wall = options.demoWall;
      if (wall && (await listMonitors(tx)).length === 0 && (await listPresets(tx)).length === 0) {
        for (const monitor of wall.monitors) {
          await log.append(monitorUpsert(tx, monitor), { type: 'wall.monitorSaved', siteId: monitor.siteId, actor: BOOTSTRAP_ACTOR, payload: { monitor } });
        }
        for (const preset of wall.presets) {
          await log.append(presetUpsert(tx, preset), { type: 'wall.presetSaved', siteId: preset.siteId, actor: BOOTSTRAP_ACTOR, payload: { preset } });
        }
      }
      // Stream URLs are not in the live state, nor in events (they may hold secrets).
      await seedDemoVideo(tx, demo.id);
      // The demo's patrol round, once (also for a data directory made before patrols).
      for (const route of options.demoPatrolRoutes ?? []) {
        if (await findRouteAnyState(tx, route.id)) continue;
        const { schedule } = route;
        await log.append(
          routeInsert(tx, {
            ...route,
            timeZone: schedule.timeZone,
            startTime: schedule.start,
            endTime: schedule.end,
            everyMinutes: schedule.everyMinutes,
            updatedAt: log.now,
          }),
          { type: 'patrol.routeSaved', siteId: route.siteId, actor: BOOTSTRAP_ACTOR, payload: { route } },
        );
      }
    });
  }
  // A database made before seeds wrote events: describe its reference rows in the log, once.
  await logUnloggedReference(deps);
  return firstRun;
}
