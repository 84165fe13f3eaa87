import { priorityBand, type Alarm, type DomainEvent, type LiveState, type SyncMessage } from '@vigil/shared';
import { serverNow } from '../../realtime/serverClock';
import { useAlarmStore } from './alarmStore';
import { playAlertFor } from './alertTone';
import { liveFold } from './liveQueue';
import { tonePriorities } from './stormTone';

/** Alarms raised by these events that are still waiting for someone. */
function raisedAlarms(live: LiveState, events: readonly DomainEvent[]): Alarm[] {
  return events.flatMap((event) => {
    if (event.type !== 'alarm.raised') return [];
    const alarm = live.alarms.get(event.payload.alarm.id);
    return alarm?.state === 'new' ? [alarm] : [];
  });
}

/**
 * What these raised alarms sound, storms considered (see tonePriorities). Critical ones alone need
 * no fold: they always sound, and the fold is skipped on that path.
 */
function sound(before: LiveState, after: LiveState, events: readonly DomainEvent[]): void {
  const raised = raisedAlarms(after, events);
  if (raised.length === 0) return;
  if (raised.every((alarm) => priorityBand(alarm.priority) === 'critical')) {
    playAlertFor(raised.map((alarm) => alarm.priority));
    return;
  }
  const now = serverNow();
  playAlertFor(tonePriorities(raised, liveFold(before, now), liveFold(after, now)));
}

/**
 * The alarm domain's side of a sync. A snapshot sounds nothing (those alarms are not news);
 * events missed while disconnected sound once, as loud as the most urgent of them.
 */
export function handleAlarmSync(message: SyncMessage): void {
  const before = useAlarmStore.getState().live;
  useAlarmStore.getState().applySync(message);
  if (message.kind === 'events') sound(before, useAlarmStore.getState().live, message.events);
}

export function handleAlarmEvent(event: DomainEvent): void {
  const before = useAlarmStore.getState().live;
  useAlarmStore.getState().applyEvent(event);
  const after = useAlarmStore.getState().live;
  if (after.seq !== before.seq) sound(before, after, [event]);
}
