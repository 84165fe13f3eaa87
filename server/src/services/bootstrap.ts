import { randomUUID } from 'node:crypto';
import { SHIPPED_PLANS, type Monitor, type Site, type WallPreset } from '@vigil/shared';
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

export interface FirstRun {
  /** Set only when this start created the admin with a generated password. */
  adminPassword?: string;
  /** Set only when this start generated the first ingest key. */
  ingestKey?: string;
}

/** First start: the admin user, an ingest key, the shipped plans, the demo site with its guards, wall and video. Later starts add only what is missing. */
export async function bootstrap(
  db: Db,
  options: {
    adminPassword?: string;
    ingestApiKey?: string;
    demoSite?: Site;
    demoGuards?: NewGuardRow[];
    demoWall?: { monitors: Monitor[]; presets: WallPreset[] };
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
  // The plan library starts with Vigil's own plans, one per incident type, as version 1.
  const plansDeps: Deps = { db, clock: systemClock, stream: 'live', onCommitted: () => undefined };
  await runCommand(plansDeps, { stream: plansDeps.stream }, async ({ tx, now }) => {
    if ((await countPlanTemplates(tx)) === 0) await publishShippedPlans(tx, SHIPPED_PLANS, now);
  });
  const demo = options.demoSite;
  if (demo) {
    // Through the append path like every write, so it serializes with appends; it appends no
    // events (the state tables are what a snapshot is built from, and this runs before any
    // screen connects). Site, roster and wall are not per stream: they belong to the live one.
    const deps: Deps = { db, clock: systemClock, stream: 'live', onCommitted: () => undefined };
    await runCommand(deps, { stream: deps.stream }, async ({ tx }) => {
      if (!(await findSite(tx, demo.id))) {
        await insertSite(tx, demo);
        for (const guard of options.demoGuards ?? []) await guardInsert(tx, guard);
      }
      // Also for a data directory made before the video wall: a wall with no monitors and no
      // presets gets the demo's, and demo cameras without streams get their demo video.
      const wall = options.demoWall;
      if (wall && (await listMonitors(tx)).length === 0 && (await listPresets(tx)).length === 0) {
        for (const monitor of wall.monitors) await monitorUpsert(tx, monitor);
        for (const preset of wall.presets) await presetUpsert(tx, preset);
      }
      await seedDemoVideo(tx, demo.id);
    });
  }
  return firstRun;
}
