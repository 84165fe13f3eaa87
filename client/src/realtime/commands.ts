import type { ClientToServerEvents, CommandAck, CommandName, PhoneFix, PositionReportAck } from '@vigil/shared';
import type { VigilSocket } from './socket';

export const COMMAND_TIMEOUT_MS = 5_000;

export type CommandInput<TName extends CommandName> = Parameters<ClientToServerEvents[TName]>[0];
/** What the server answers to this command (most answer `CommandAck`; some carry more, e.g. the incident's id). */
export type AckOf<TName extends CommandName> = Parameters<Parameters<ClientToServerEvents[TName]>[1]>[0];

/** No connection when the command was pressed: it was not sent (the operator may press it again). */
export type OfflineOutcome = { ok: false; error: 'offline'; offline: true };

export const NOT_SENT_OFFLINE: OfflineOutcome = { ok: false, error: 'offline', offline: true };

/** The server's answer, `timeout` when none came within COMMAND_TIMEOUT_MS, or `offline` when it was not sent. */
export type CommandOutcome<TAck = CommandAck> = TAck | { ok: false; error: 'timeout'; timedOut: true } | OfflineOutcome;

/** A timed emit for one command: the ack gets an error instead of an answer after the timeout. */
type TimedEmit = <TName extends CommandName>(
  name: TName,
  input: CommandInput<TName>,
  ack: (error: Error | null, result: AckOf<TName>) => void,
) => void;

export function sendCommand<TName extends CommandName>(
  socket: VigilSocket,
  name: TName,
  input: CommandInput<TName>,
): Promise<CommandOutcome<AckOf<TName>>> {
  // Disconnected, socket.io would buffer the emit and send it on reconnect, long after the
  // timeout told the operator it failed: refuse now, and say why.
  if (!socket.connected) return Promise.resolve(NOT_SENT_OFFLINE);
  const timed = socket.timeout(COMMAND_TIMEOUT_MS);
  // socket.io's typings cannot match a generic event name to its payload; this signature can, and
  // callers of sendCommand are checked against it.
  const emit = timed.emit.bind(timed) as TimedEmit;
  return new Promise((resolve) => {
    emit(name, input, (error, result) => {
      resolve(error ? { ok: false, error: 'timeout', timedOut: true } : result);
    });
  });
}

export type PositionReportOutcome = PositionReportAck | { ok: false; error: 'timeout'; timedOut: true };

/** Sends a batch of the phone's fixes; its ack says how many were new and how many repeats. */
export function sendPositionReport(socket: VigilSocket, fixes: PhoneFix[]): Promise<PositionReportOutcome> {
  return new Promise((resolve) => {
    socket.timeout(COMMAND_TIMEOUT_MS).emit('position.report', { fixes }, (error: Error | null, result: PositionReportAck) => {
      resolve(error ? { ok: false, error: 'timeout', timedOut: true } : result);
    });
  });
}
