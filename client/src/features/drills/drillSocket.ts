import { applyEvent, applyEvents, drillStream, emptyState, liveStateFromJson, type DomainEvent, type LiveState } from '@vigil/shared';
import { sendCommand, type AckOf, type CommandInput, type CommandOutcome } from '../../realtime/commands';
import { createSocket } from '../../realtime/socket';
import { createSyncGate } from '../../realtime/syncGate';
import type { CommandName } from '@vigil/shared';

/** After the server closed it (the drill ended, or a failed sync), this long before asking again. */
const RETRY_MS = 3_000;

export interface DrillSocket {
  send: <TName extends CommandName>(name: TName, input: CommandInput<TName>) => Promise<CommandOutcome<AckOf<TName>>>;
  stop: () => void;
}

/**
 * A second socket, to one drill's stream, beside the page's own (the guard's phone stays on live
 * for live dispatches): its state kept apart from the page's stores and handed to `onState`.
 * `onClosed` hears when the server closed or refused it (the drill may have ended: the caller
 * reads the run again); it reconnects by itself otherwise.
 */
export function openDrillSocket(runId: string, handlers: { onState: (state: LiveState) => void; onEvent?: (event: DomainEvent) => void; onClosed: () => void }): DrillSocket {
  let state = emptyState();
  const socket = createSocket(() => state.seq, drillStream(runId));
  let retry: ReturnType<typeof setTimeout> | undefined;
  const gate = createSyncGate({
    sync: (message) => {
      state = message.kind === 'snapshot' ? liveStateFromJson(message.state) : applyEvents(state, message.events);
      handlers.onState(state);
    },
    event: (event) => {
      const next = applyEvent(state, event);
      if (next !== state) {
        state = next;
        handlers.onState(state);
      }
      handlers.onEvent?.(event);
    },
  });
  const later = () => {
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), RETRY_MS);
  };
  socket.on('sync', (message) => gate.sync(message));
  socket.on('event', (event) => gate.event(event));
  socket.on('disconnect', (reason) => {
    gate.reset();
    if (reason === 'io server disconnect') {
      handlers.onClosed();
      later();
    }
  });
  socket.on('connect_error', () => {
    gate.reset();
    handlers.onClosed();
    if (!socket.active) later();
  });
  socket.connect();
  return {
    send: (name, input) => sendCommand(socket, name, input),
    stop: () => {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
