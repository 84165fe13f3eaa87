import { useReplaying } from '../lib/screenClock';
import { canSendCommands, isShowingStale, useConnection } from './connectionStore';

/** Whether the page shows the state of an earlier moment (not live now): screens dim what shows state. */
export function useShowingStale(): boolean {
  return useConnection(isShowingStale);
}

/** Why the command buttons are off: a replay (read-only), or no connection. */
export function useCommandsOffReason(): 'replay.actionsOff' | 'wallOps.stale.commandsOff' {
  return useReplaying() ? 'replay.actionsOff' : 'wallOps.stale.commandsOff';
}

/** Whether commands can be sent now; when not, buttons are disabled and say why. */
export function useCanSendCommands(): boolean {
  const connected = useConnection(canSendCommands);
  // A replay is read-only: every command button is off.
  return useReplaying() ? false : connected;
}
