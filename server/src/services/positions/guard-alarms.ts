import { SILENT_AFTER_MS, type Actor, type AlarmKind, type AlarmText, type GuardFix, type GuardLive } from '@vigil/shared';
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

/**
 * An alarm about a guard, at the guard's position. The source is `guard:<id>`, so repeats
 * within the dedupe window raise the open alarm's count instead of a new alarm.
 */
export function raiseGuardAlarm(
  deps: Deps,
  guard: GuardLive,
  kind: Extract<AlarmKind, 'sos' | 'guard_silent' | 'restricted_entry'>,
  fix: GuardFix | undefined,
  actor: Actor,
  zone?: { id: string; name: string },
) {
  return raiseAlarm(
    deps,
    {
      source: { externalId: `guard:${guard.id}` },
      siteId: guard.siteId,
      kind,
      zoneId: zone?.id,
      // Server-made: no words of an integration's own, the text is a code.
      message: '',
      occurredAt: fix?.at,
      attributes: { guardId: guard.id, callsign: guard.callsign },
    },
    { actor, location: fix ? { position: fix.position, floor: fix.floor } : undefined, text: TEXTS[kind](guard, zone?.id) },
  );
}

export const guardActor = (guard: GuardLive): Actor => ({ kind: 'device', id: guard.id, name: guard.callsign });
export const systemActor: Actor = { kind: 'system', id: 'positions', name: 'positions lane' };
