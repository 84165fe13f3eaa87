import { isEscalatedUntaken } from '@vigil/shared';
import { useEffect } from 'react';
import { useAlarmStore } from '../alarms/alarmStore';
import { playAlertFor, playReminderFor } from '../alarms/alertTone';
import { REMINDER_INTERVAL_MS } from '../alarms/useAlertReminder';

/**
 * A top-priority alarm nobody acknowledged in time escalates to the commander: the alert sounds
 * when `alarm.escalated` arrives (a critical tone sounds through a mute, like any new critical
 * alarm), then repeats while it is still unacknowledged. Silent until the page may make sound
 * (the existing unlock button). Escalations already there when the page loads are shown, not sounded.
 */
export function useEscalationTone(): void {
  useEffect(() => {
    const unsubscribe = useAlarmStore.subscribe((store, previous) => {
      if (store.live.alarms === previous.live.alarms) return;
      const fresh = [...store.live.alarms.values()].filter(
        (alarm) => isEscalatedUntaken(alarm) && !previous.live.alarms.get(alarm.id)?.escalatedAt && previous.live.seq > 0,
      );
      if (fresh.length > 0) playAlertFor(fresh.map((alarm) => alarm.priority));
    });
    const timer = setInterval(() => {
      const waiting = [...useAlarmStore.getState().live.alarms.values()].filter(isEscalatedUntaken);
      playReminderFor(waiting.map((alarm) => alarm.priority));
    }, REMINDER_INTERVAL_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, []);
}
