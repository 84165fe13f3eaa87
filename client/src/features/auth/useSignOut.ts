import { useCallback } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { forgetReportsOf } from '../guard-dispatch/useReportOutbox';
import { logout } from './authApi';
import { useSession } from './sessionStore';

/**
 * Ends the session on the server and forgets this user's live state, and the dispatch reports
 * a guard's phone still holds (another guard may sign in on it next). The screen's <RequireAuth>
 * then sends the browser to the login screen, with the way back to where it was.
 */
export function useSignOut(): () => Promise<void> {
  return useCallback(async () => {
    const userId = useSession.getState().user?.id;
    if (userId) await forgetReportsOf(userId).catch(() => undefined);
    await logout().catch(() => undefined);
    useAlarmStore.getState().reset();
    useSession.getState().signedOut();
  }, []);
}
