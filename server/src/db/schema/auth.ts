import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@vigil/shared';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').$type<Role>().notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  /** The sites this login sees; null is every site. */
  siteIds: jsonb('site_ids').$type<string[]>(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastLoginAt: tz('last_login_at'),
});

/** Sessions by the SHA-256 of their token: a stolen table opens nothing. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    /** Updated at most once a minute per session (see SEEN_EVERY_MS). */
    lastSeenAt: tz('last_seen_at'),
    address: text('address'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/**
 * Login throttles, one row per `account:<username>` or `address:<ip>`, in the database so a
 * restart or another node does not reset them. An account locks after too many failures in a
 * window, for a period that doubles with each lockout; an address spends a token per attempt
 * from a bucket that refills over time. Rows idle for a day are pruned.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    /** Attempts counted against the account in the current window (failures and those in flight). */
    failures: integer('failures').notNull().default(0),
    windowStartedAt: tz('window_started_at').notNull(),
    lockedUntil: tz('locked_until'),
    lockouts: integer('lockouts').notNull().default(0),
    /** The address bucket: tokens left when last refilled. */
    tokens: doublePrecision('tokens').notNull().default(0),
    refilledAt: tz('refilled_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (table) => [index('login_throttles_updated_idx').on(table.updatedAt)],
);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: tz('created_at').notNull().defaultNow(),
  revokedAt: tz('revoked_at'),
});

/** Answers already given to an `Idempotency-Key`, per API key. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').$type<unknown>().notNull(),
    /** SHA-256 of the request's canonical body: the same key with another body is a conflict. Null on rows stored before it. */
    requestHash: text('request_hash'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] })],
);

/** Socket commands already carried out, by their client-made id. */
export const commands = pgTable('commands', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});
