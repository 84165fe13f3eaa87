import { z } from 'zod';
import { formatZodError } from '@vigil/shared';
import type { DatabaseTarget } from './db/client.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ADMIN_PASSWORD: z.string().min(10, { error: 'must be at least 10 characters' }).optional(),
  INGEST_API_KEY: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  OSMAND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  OSMAND_REQUIRE_TOKEN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  SIMULATOR: z.enum(['on', 'off']).default('on'),
  DEMO_SITE: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  /** A second listener for trackers (OsmAnd protocol at `/`), e.g. 5055 as in Traccar; off when unset. */
  osmandPort: number | undefined;
  /** Trackers must report to their guard's tracker URL (`/osmand/<token>`); off: legacy guards may use the bare id. */
  osmandRequireToken: boolean;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  adminPassword: string | undefined;
  ingestApiKey: string | undefined;
  simulator: boolean;
  demoSite: boolean;
  logLevel: string;
}

/** Reads the environment; a bad value stops the start with the variable's name and the rule. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(defined);
  if (!parsed.success) throw new Error(`invalid configuration: ${formatZodError(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.PORT,
    osmandPort: e.OSMAND_PORT,
    osmandRequireToken: e.OSMAND_REQUIRE_TOKEN === 'on',
    host: e.HOST,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: `${e.DATA_DIR}/pglite` },
    adminPassword: e.ADMIN_PASSWORD,
    ingestApiKey: e.INGEST_API_KEY,
    simulator: e.SIMULATOR === 'on',
    demoSite: e.DEMO_SITE === 'on',
    logLevel: e.LOG_LEVEL,
  };
}
