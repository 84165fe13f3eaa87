import { SILENT_AFTER_MS, type Actor, type AlarmIngestBody, type AlarmKind, type AlarmText, type GuardFix, type GuardLive } from '@vigil/shared';
import { raiseAlarm } from '../alarms/raise-alarm.js';
import type { Deps } from '../deps.js';

/**
 * The alarm's text as a code the screen renders in its language. The zone goes by id, so the
 * screen shows its current name in its own language.
 */
const TEXTS: Record<'sos' | 'guard_silent' | 'restricted_entry', (guard: GuardLive, zoneId?: string) => AlarmText> = {
  sos: (guard) => ({ code: 'guardSos', params: { callsign: guard.callsign, name: guard.name } }),
  guard_silent: (guard) => ({ code: 'guardSilent', params: { callsign: guard.callsign, name: guard.name, minutes: SILENT_AFTER_MS / 60_000 } }),
  restricted_entry: (guard, zoneId) => ({ code: 'restrictedEntry', params: { callsign: guard.callsign, name: guard.name, zoneId: zoneId ?? '' } }),
};

type GuardAlarmKind = Extract<AlarmKind, 'sos' | 'guard_silent' | 'restricted_entry'>;

/** The alarm about a guard: source `guard:<id>`, the guard's id and callsign as attributes. */
export function guardAlarmInput(guard: GuardLive, kind: GuardAlarmKind, fix: GuardFix | undefined, zone?: { id: string; name: string }): AlarmIngestBody {
  return {
    source: { externalId: `guard:${guard.id}` },
    siteId: guard.siteId,
    kind,
    zoneId: zone?.id,
    // Server-made: no words of an integration's own, the text is a code (guardAlarmText).
    message: '',
    occurredAt: fix?.at,
    attributes: { guardId: guard.id, callsign: guard.callsign },
  };
}

export const guardAlarmText = (guard: GuardLive, kind: GuardAlarmKind, zone?: { id: string }): AlarmText => TEXTS[kind](guard, zone?.id);

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
  return raiseAlarm(deps, guardAlarmInput(guard, kind, fix, zone), { actor, location: guardAlarmLocation(fix), text: guardAlarmText(guard, kind, zone) });
}

export const guardActor = (guard: GuardLive): Actor => ({ kind: 'device', id: guard.id, name: guard.callsign });
export const systemActor: Actor = { kind: 'system', id: 'positions', name: 'positions lane' };
