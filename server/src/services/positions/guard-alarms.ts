import type { Actor, AlarmIngestBody, AlarmKind, GuardFix, GuardLive } from '@vigil/shared';
import { raiseAlarm } from '../alarms/raise-alarm.js';
import type { Deps } from '../deps.js';

const MESSAGES: Record<'sos' | 'guard_silent' | 'restricted_entry', (guard: GuardLive, zoneName?: string) => string> = {
  sos: (guard) => `一键报警 ${guard.callsign} · SOS from ${guard.callsign} (${guard.name})`,
  guard_silent: (guard) => `人员失联 ${guard.callsign} · ${guard.callsign} (${guard.name}) sent no position for 3 minutes`,
  restricted_entry: (guard, zoneName) => `闯入禁区 ${guard.callsign} · ${guard.callsign} (${guard.name}) entered ${zoneName ?? 'a restricted zone'}`,
};

type GuardAlarmKind = Extract<AlarmKind, 'sos' | 'guard_silent' | 'restricted_entry'>;

/** The alarm about a guard: source `guard:<id>`, the guard's id and callsign as attributes. */
export function guardAlarmInput(guard: GuardLive, kind: GuardAlarmKind, fix: GuardFix | undefined, zone?: { id: string; name: string }): AlarmIngestBody {
  return {
    source: { externalId: `guard:${guard.id}` },
    siteId: guard.siteId,
    kind,
    zoneId: zone?.id,
    message: MESSAGES[kind](guard, zone?.name),
    occurredAt: fix?.at,
    attributes: { guardId: guard.id, callsign: guard.callsign },
  };
}

export const guardAlarmLocation = (fix: GuardFix | undefined) => (fix ? { position: fix.position, floor: fix.floor } : undefined);

/**
 * An alarm about a guard, at the guard's position. The source is `guard:<id>`, so repeats
 * within the dedupe window raise the open alarm's count instead of a new alarm.
 */
export function raiseGuardAlarm(
  deps: Deps,
  guard: GuardLive,
  kind: GuardAlarmKind,
  fix: GuardFix | undefined,
  actor: Actor,
  zone?: { id: string; name: string },
) {
  return raiseAlarm(deps, guardAlarmInput(guard, kind, fix, zone), { actor, location: guardAlarmLocation(fix) });
}

export const guardActor = (guard: GuardLive): Actor => ({ kind: 'device', id: guard.id, name: guard.callsign });
export const systemActor: Actor = { kind: 'system', id: 'positions', name: 'positions lane' };
