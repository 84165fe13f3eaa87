import type { Socket } from 'socket.io';
import {
  AlarmAcknowledgeCommand,
  AlarmHoldCommand,
  AlarmResolveCommand,
  AlarmResumeCommand,
  can,
  parseWith,
  type ClientToServerEvents,
  type CommandName,
  type CommandRefusal,
  type Permission,
  type Role,
  type ServerToClientEvents,
  type SocketData,
  type User,
} from '@vigil/shared';
import type { z } from 'zod';
import { HttpError, refusalOf, validationError } from '../lib/http-error.js';
import { httpErrorForDatabase } from '../lib/db-errors.js';
import { handleAlarm } from '../services/alarms/handle-alarm.js';
import type { Deps } from '../services/deps.js';
import { refuseUnlessDrillRuns } from '../services/drills/drill-gate.js';
import type { SocketSession } from './socket-auth.js';

/** What the server keeps per connection: the contract's data plus the handshake's. */
export interface ServerSocketData extends SocketData {
  lastSeq: number;
  token: string | undefined;
  session: SocketSession;
}

export type VigilSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, ServerSocketData>;

export interface CommandContext {
  deps: Deps;
  /** Re-checks the session at each command: a revoked or expired session stops commanding. */
  currentUser: () => Promise<User | undefined>;
  log: (error: unknown, command: string) => void;
}

/** Commands answered whatever state a drill is in: an SOS, fixes, a read. */
const ALWAYS: ReadonlySet<CommandName> = new Set(['guard.sos', 'position.report', 'dispatch.suggest']);

type Runner<T, R> = (input: T, user: User) => Promise<R>;
type Ack<R> = ({ ok: true } & R) | CommandRefusal;

/**
 * Validates with the shared schema, authorizes by permission (or a list of roles), runs, and
 * answers through the ack: `{ ok: true, ...result }` or `{ ok: false, error, code, params }`.
 */
export function onCommand<T, R extends object = { seq: number }>(
  socket: VigilSocket,
  context: CommandContext,
  name: CommandName,
  schema: z.ZodType<T>,
  permission: Permission | readonly Role[],
  run: Runner<T, R>,
): void {
  const allowed = (role: Role) => (typeof permission === 'string' ? can(role, permission) : permission.includes(role));
  const listener = async (input: unknown, ack: unknown): Promise<void> => {
    const reply = (result: Ack<R>) => {
      if (typeof ack === 'function') (ack as (result: Ack<R>) => void)(result);
    };
    try {
      const user = await context.currentUser();
      if (!user) {
        reply(refusalOf(new HttpError(401, 'unauthorized', 'unauthorized: the session has ended; log in again', { rule: 'sessionEnded' })));
        socket.disconnect(true);
        return;
      }
      if (!allowed(user.role)) {
        reply(refusalOf(new HttpError(403, 'forbidden', `forbidden: the ${user.role} role may not ${name}`, { rule: 'roleMayNot', role: user.role, action: name })));
        return;
      }
      const parsed = parseWith(schema, input);
      if (!parsed.ok) {
        reply(refusalOf(validationError(parsed)));
        return;
      }
      // A paused or ended drill takes no operation (a phone's SOS and fixes, and suggestions, always go).
      if (!ALWAYS.has(name)) await refuseUnlessDrillRuns(context.deps.db, socket.data.stream);
      const result = await run(parsed.value, user);
      reply({ ok: true, ...result });
    } catch (error) {
      if (error instanceof HttpError) {
        reply(refusalOf(error));
        return;
      }
      // A database that is down or frozen answers at once (the pool's timeouts bound the wait).
      const database = httpErrorForDatabase(error);
      if (database) {
        const refusal = refusalOf(database);
        reply(database.code === 'unavailable' ? { ...refusal, error: `unavailable: ${database.message}` } : refusal);
        return;
      }
      context.log(error, name);
      reply(refusalOf(new HttpError(500, 'internal', 'internal error; the command was not carried out', {})));
    }
  };
  (socket as unknown as Socket).on(name, (input: unknown, ack: unknown) => {
    void listener(input, ack);
  });
}

export function registerAlarmCommands(socket: VigilSocket, context: CommandContext): void {
  const { deps } = context;
  onCommand(socket, context, 'alarm.acknowledge', AlarmAcknowledgeCommand, 'alarms.handle', (input, user) =>
    handleAlarm(deps, { command: 'acknowledge', input }, user),
  );
  onCommand(socket, context, 'alarm.hold', AlarmHoldCommand, 'alarms.handle', (input, user) =>
    handleAlarm(deps, { command: 'hold', input }, user),
  );
  onCommand(socket, context, 'alarm.resume', AlarmResumeCommand, 'alarms.handle', (input, user) =>
    handleAlarm(deps, { command: 'resume', input }, user),
  );
  onCommand(socket, context, 'alarm.resolve', AlarmResolveCommand, 'alarms.handle', (input, user) =>
    handleAlarm(deps, { command: 'resolve', input }, user),
  );
}
