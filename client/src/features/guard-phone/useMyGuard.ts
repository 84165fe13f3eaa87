import type { GuardLive } from '@vigil/shared';
import { useAlarmStore } from '../alarms/alarmStore';

/** The guard whose phone login this is: the roster entry with the signed-in user's id. */
export function useMyGuard(userId: string): GuardLive | null {
  return useAlarmStore((store) => store.live.guards.find((guard) => guard.userId === userId) ?? null);
}
