import { z } from 'zod';
import { formatZodError } from '@vigil/shared';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTarget, type DatabaseTimeouts } from './db/client.js';
import { parseAllowedOrigins } from './realtime/origin-check.js';

/** A timeout: 100 ms to 10 minutes. */
const milliseconds = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(100, { error: 'must be at least 100 ms' })
    .max(600_000, { error: 'must be at most 600000 ms (10 minutes)' })
    .default(fallback);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TRUST_PROXY: z
    .string()
    .regex(/^(off|on|[0-9a-fA-F.:/,\s]+)$/, { error: 'must be off, on, or proxy addresses (comma-separated, CIDR allowed)' })
    .default('off'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'must be 1-64 letters, digits or _ . : -' })
    .default('vigil'),
  ADMIN_PASSWORD: z.string().min(10, { error: 'must be at least 10 characters' }).optional(),
  INGEST_API_KEY: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  OSMAND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HTTPS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)], { error: "must be a port number or 'off'" })
    .default(3443),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  TLS_NAMES: z.string().optional(),
  HTTPS_URL: z
    .string()
    .url()
    .refine((url) => url.startsWith('https://'), { error: 'must be an https:// URL' })
    .optional(),
  OSMAND_REQUIRE_TOKEN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  SIMULATOR: z.enum(['on', 'off']).default('on'),
  DEMO_SITE: z.enum(['on', 'off']).default('on'),
  DB_CONNECT_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DB_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const parsed = parseAllowedOrigins(value);
      if (parsed.ok) return parsed.origins;
      context.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }),
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).regex(/^\S+$/, { error: 'must not contain spaces' }).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(1_000, { error: 'must be at least 1000 ms' })
    .max(120_000, { error: 'must be at most 120000 ms (2 minutes)' })
    .default(10_000),
  VIGIL_DUTY_TIMERS: z.enum(['normal', 'test'], { error: 'must be normal or test' }).default('normal'),
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
  /**
   * Several nodes on one PostgreSQL (REDIS_URL set): the Socket.IO adapter's Redis and the prefix
   * of its keys (one prefix per deployment sharing a Redis). Null: one node, as without a cluster.
   */
  cluster: { redisUrl: string; redisPrefix: string } | null;
  /** PostgreSQL's connect/acquire, statement and idle-in-transaction timeouts (PGlite has no network). */
  databaseTimeouts: DatabaseTimeouts;
  adminPassword: string | undefined;
  ingestApiKey: string | undefined;
  simulator: boolean;
  demoSite: boolean;
  logLevel: string;
  /** Whose X-Forwarded-* headers to believe: none (off), any (on), or these addresses. */
  trustProxy: boolean | string;
  /** Browser origins besides the app's own that may open its sockets. */
  allowedOrigins: string[];
  https: HttpsConfig;
  /** Bearer token for /metrics; null: loopback scrapers only (METRICS_TOKEN). */
  metricsToken: string | null;
  /** How long a SIGTERM may take before the process exits regardless (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** VIGIL_DUTY_TIMERS: `test` makes the duties' and the election's timers short (failover tests only). */
  dutyTimers: 'normal' | 'test';
}

export interface HttpsConfig {
  /** The HTTPS listener's port; null when HTTPS_PORT=off (a proxy in front serves HTTPS, or none). */
  port: number | null;
  /** The admin's certificate; when absent a local CA in `<dataDir>/tls` makes one. */
  certFile: string | undefined;
  keyFile: string | undefined;
  /** More names for the generated certificate (TLS_NAMES, comma-separated), e.g. `vigil.lan`. */
  extraNames: string[];
  /** Where phones are sent for HTTPS when a proxy serves it (HTTPS_URL); else this host on `port`. */
  publicUrl: string | undefined;
}

/** Reads the environment; a bad value stops the start with the variable's name and the rule. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(defined);
  if (!parsed.success) throw new Error(`invalid configuration: ${formatZodError(parsed.error)}`);
  const e = parsed.data;
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new Error(`invalid configuration: ${e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: must be set together with ${e.TLS_CERT_FILE ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'}`);
  }
  if (e.REDIS_URL && !e.DATABASE_URL) {
    // Every node must read one log: the embedded database lives inside one process.
    throw new Error('invalid configuration: REDIS_URL: several nodes need a shared PostgreSQL (DATABASE_URL); the embedded database serves one node only');
  }
  return {
    port: e.PORT,
    osmandPort: e.OSMAND_PORT,
    osmandRequireToken: e.OSMAND_REQUIRE_TOKEN === 'on',
    host: e.HOST,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: `${e.DATA_DIR}/pglite` },
    cluster: e.REDIS_URL ? { redisUrl: e.REDIS_URL, redisPrefix: e.REDIS_PREFIX } : null,
    databaseTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    adminPassword: e.ADMIN_PASSWORD,
    ingestApiKey: e.INGEST_API_KEY,
    simulator: e.SIMULATOR === 'on',
    demoSite: e.DEMO_SITE === 'on',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'off' ? false : e.TRUST_PROXY === 'on' ? true : e.TRUST_PROXY,
    https: {
      port: e.HTTPS_PORT === 'off' ? null : e.HTTPS_PORT,
      certFile: e.TLS_CERT_FILE,
      keyFile: e.TLS_KEY_FILE,
      extraNames: (e.TLS_NAMES ?? '').split(',').map((name) => name.trim()).filter(Boolean),
      publicUrl: e.HTTPS_URL?.replace(/\/+$/, ''),
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    metricsToken: e.METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    dutyTimers: e.VIGIL_DUTY_TIMERS,
  };
}
