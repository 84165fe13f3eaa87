import type { ClientToServerEvents } from '@vigil/shared';
import { addGuard } from './positions.js';
import { TestClient, api, createUser, type TestServer } from './server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- acks are checked by the assertions that read them
export type AnyAck = any;

let users = 0;

/** Emits a socket command and resolves with its ack. */
export function command(client: TestClient, name: keyof ClientToServerEvents, body: unknown): Promise<AnyAck> {
  return new Promise((resolve) => (client.socket.emit as (n: string, b: unknown, a: (r: unknown) => void) => void)(name, body, resolve));
}

/** A guard on the test site's roster (on shift unless told) with a phone login; the phone not yet connected. */
export async function guardWithLogin(server: TestServer, admin: string, fields: Record<string, unknown> = {}) {
  users += 1;
  const username = `dispatch-guard-${users}-${Math.random().toString(36).slice(2, 6)}`;
  const cookie = await createUser(server, admin, username, 'guard');
  const list = await api(server, 'GET', '/api/v1/users', { cookie: admin });
  const userId = list.body.users.find((u: { username: string }) => u.username === username).id as string;
  const guard = await addGuard(server, admin, { userId, onShift: true, ...fields });
  return { guard, cookie, userId };
}

/** A connected phone for a guard with a login. */
export async function phoneOf(server: TestServer, cookie: string, lastSeq?: number): Promise<TestClient> {
  const phone = new TestClient(server, cookie, { lastSeq });
  await phone.connected();
  return phone;
}

export const commandId = (what: string) => `${what}-${Math.random().toString(36).slice(2, 10)}`;
