import { useCallback } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { logout } from './authApi';
import { useSession } from './sessionStore';

/**
 * Ends the session on the server and forgets this user's live state. The screen's <RequireAuth>
 * then sends the browser to the login screen, with the way back to where it was.
 */
export function useSignOut(): () => Promise<void> {
  return useCallback(async () => {
    await logout().catch(() => undefined);
    useAlarmStore.getState().reset();
    useSession.getState().signedOut();
  }, []);
}
