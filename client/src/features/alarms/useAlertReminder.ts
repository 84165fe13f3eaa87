import { priorityBand } from '@vigil/shared';
import { useEffect } from 'react';
import { useAlarmStore } from './alarmStore';
import { playReminderFor } from './alertTone';

/** How often the wall sounds again while an urgent alarm is still unacknowledged. */
export const REMINDER_INTERVAL_MS = 30_000;

/**
 * Escalation at 3 a.m.: while a critical or high alarm is still `new`, its tone repeats every
 * REMINDER_INTERVAL_MS until someone acknowledges it (or mutes the tone for a while). Lower bands
 * sound once, when raised.
 */
export function useAlertReminder(): void {
  useEffect(() => {
    const timer = setInterval(() => {
      const waiting = [...useAlarmStore.getState().live.alarms.values()].filter(
        (alarm) => alarm.state === 'new' && ['critical', 'high'].includes(priorityBand(alarm.priority)),
      );
      playReminderFor(waiting.map((alarm) => alarm.priority));
    }, REMINDER_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);
}
