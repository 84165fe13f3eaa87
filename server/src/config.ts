import { z } from 'zod';
import { formatZodError } from '@vigil/shared';
import type { DatabaseTarget } from './db/client.js';
import { parseAllowedOrigins } from './realtime/origin-check.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ADMIN_PASSWORD: z.string().min(10, { error: 'must be at least 10 characters' }).optional(),
  INGEST_API_KEY: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  OSMAND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SIMULATOR: z.enum(['on', 'off']).default('on'),
  DEMO_SITE: z.enum(['on', 'off']).default('on'),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const parsed = parseAllowedOrigins(value);
      if (parsed.ok) return parsed.origins;
      context.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  /** A second listener for trackers (OsmAnd protocol at `/`), e.g. 5055 as in Traccar; off when unset. */
  osmandPort: number | undefined;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  adminPassword: string | undefined;
  ingestApiKey: string | undefined;
  simulator: boolean;
  demoSite: boolean;
  logLevel: string;
  /** Browser origins besides the app's own that may open its sockets. */
  allowedOrigins: string[];
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
    allowedOrigins: e.ALLOWED_ORIGINS,
  };
}
