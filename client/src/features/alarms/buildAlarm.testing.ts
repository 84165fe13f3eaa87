import type { Alarm } from '@vigil/shared';

/** Server time the storm tests count from. */
export const T0 = Date.parse('2026-12-02T03:00:00.000Z');

/**
 * An open "device offline" alarm (P5) from the north perimeter, first seen `seconds` after T0;
 * each call gets its own id and device unless told.
 */
let next = 0;
export function buildAlarm(seconds: number, overrides: Partial<Alarm> = {}): Alarm {
  next += 1;
  const at = new Date(T0 + seconds * 1000).toISOString();
  const deviceId = `dev-${next}`;
  return {
    id: `alarm-${next}`,
    siteId: 'demo',
    kind: 'device_offline',
    priority: 5,
    state: 'new',
    source: { deviceId },
    deviceId,
    location: null,
    zoneId: 'north',
    message: 'Device offline',
    text: null,
    attributes: {},
    occurredAt: at,
    firstAt: at,
    lastAt: at,
    count: 1,
    owner: null,
    acknowledgedAt: null,
    heldAt: null,
    disposition: null,
    note: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

/** `count` alarms one `everySeconds` apart from `fromSeconds`. */
export function burst(count: number, fromSeconds: number, everySeconds: number, overrides: Partial<Alarm> = {}): Alarm[] {
  return Array.from({ length: count }, (_, i) => buildAlarm(fromSeconds + i * everySeconds, overrides));
}
