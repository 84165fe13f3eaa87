import type { ClientToServerEvents, CommandRefusal, Role, DomainEvent, EventType, PlanTemplate, PlanTemplateInput } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { eventsAfter } from '../../src/repositories/events.repository.js';
import { insertSession, insertUser } from '../../src/repositories/users.repository.js';
import { newToken, sha256 } from '../../src/lib/tokens.js';
import { SESSION_COOKIE } from '../../src/plugins/auth.js';
import type { TestClient, TestServer } from './server.js';

let counter = 0;
/** A fresh client-made command id. */
export const commandId = (prefix = 'cmd') => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- acks are checked by the assertions that read them
export type AnyAck = ({ ok: true; seq: number } & Record<string, any>) | CommandRefusal;

/** Sends a socket command and resolves with its ack. */
export function send(client: TestClient, name: keyof ClientToServerEvents, input: Record<string, unknown>): Promise<AnyAck> {
  return client.socket.timeout(10_000).emitWithAck(name, input as never) as Promise<AnyAck>;
}

/**
 * A user of a role (limited to `siteIds` when given) with a live session, written straight into
 * the database: these tests are about incidents, and each scrypt hash of a real sign-up and login
 * costs seconds on a shared machine. The password never verifies (this user cannot log in).
 */
export async function seedUser(server: TestServer, username: string, role: Role, siteIds: string[] | null = null): Promise<{ id: string; cookie: string }> {
  const id = randomUUID();
  await insertUser(server.database.db, { id, username, displayName: username, role, passwordHash: 'scrypt$seeded-for-tests', siteIds });
  const token = newToken();
  await insertSession(server.database.db, { id: sha256(token), userId: id, expiresAt: new Date(Date.now() + 86_400_000) });
  return { id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Every event of the live stream in the log, optionally of one type. */
export async function logEvents(server: TestServer, type?: EventType): Promise<DomainEvent[]> {
  const events = await eventsAfter(server.database.db, 'live', 0, 100_000);
  return type ? events.filter((event) => event.type === type) : events;
}

/** A template as an admin writes it (no version or publishing stamp). */
export function asInput(template: PlanTemplate): PlanTemplateInput {
  const { version: _version, publishedAt: _at, publishedBy: _by, ...input } = template;
  return input;
}
