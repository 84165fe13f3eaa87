import type { DomainEvent, SyncMessage } from '@vigil/shared';
import { useAlarmStore } from './alarmStore';
import { playAlertFor } from './alertTone';

/** Alarms raised by these events that are still waiting for someone. */
function raisedPriorities(events: readonly DomainEvent[]): number[] {
  const { alarms } = useAlarmStore.getState().live;
  return events.flatMap((event) =>
    event.type === 'alarm.raised' && alarms.get(event.payload.alarm.id)?.state === 'new' ? [event.payload.alarm.priority] : [],
  );
}

/**
 * The alarm domain's side of a sync. A snapshot sounds nothing (those alarms are not news);
 * events missed while disconnected sound once, as loud as the most urgent of them.
 */
export function handleAlarmSync(message: SyncMessage): void {
  useAlarmStore.getState().applySync(message);
  if (message.kind === 'events') playAlertFor(raisedPriorities(message.events));
}

export function handleAlarmEvent(event: DomainEvent): void {
  const before = useAlarmStore.getState().live.seq;
  useAlarmStore.getState().applyEvent(event);
  const applied = useAlarmStore.getState().live.seq !== before;
  if (applied) playAlertFor(raisedPriorities([event]));
}
