import { randomUUID } from 'node:crypto';
import type { Monitor, Site, WallPreset } from '@vigil/shared';
import type { Db } from '../db/client.js';
import { hashPassword } from '../lib/passwords.js';
import { newPassword } from '../lib/tokens.js';
import { countUsers, insertUser } from '../repositories/users.repository.js';
import { listApiKeys } from '../repositories/api-keys.repository.js';
import { findSite, insertSite } from '../repositories/sites.repository.js';
import { guardInsert, type NewGuardRow } from '../repositories/guards.repository.js';
import { monitorUpsert, presetUpsert } from '../repositories/wall.repository.js';
import { createApiKey } from './auth/api-keys.js';
import { seedDemoVideo } from '../sim/demo-video.js';

export interface FirstRun {
  /** Set only when this start created the admin with a generated password. */
  adminPassword?: string;
  /** Set only when this start generated the first ingest key. */
  ingestKey?: string;
}

/** First start: the admin user, an ingest key, the demo site with its guards and wall. Later starts change nothing. */
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
  const demo = options.demoSite;
  if (demo && !(await findSite(db, demo.id))) {
    await db.transaction(async (tx) => {
      await insertSite(tx, demo);
      for (const guard of options.demoGuards ?? []) await guardInsert(tx, guard);
      for (const monitor of options.demoWall?.monitors ?? []) await monitorUpsert(tx, monitor);
      for (const preset of options.demoWall?.presets ?? []) await presetUpsert(tx, preset);
      await seedDemoVideo(tx, demo);
    });
  }
  return firstRun;
}
