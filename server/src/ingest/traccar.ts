import type { TraccarForwardBody } from '@vigil/shared';
import { KNOTS_TO_MPS, parseTimestamp, type TrackerParse } from './osmand.js';

const numberAttribute = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Traccar's position forwarding (`forward.type=json`): `device.uniqueId` is the tracker id,
 * speed is in knots, the time is `fixTime` (or `deviceTime`), battery and alarm are attributes.
 */
export function fromTraccarForward(body: TraccarForwardBody, now: Date): TrackerParse {
  const { position, device } = body;
  const rawTime = position.fixTime ?? position.deviceTime;
  const at = rawTime === undefined ? now : parseTimestamp(rawTime);
  if (!at || Number.isNaN(at.getTime())) return { ok: false, error: 'position.fixTime: must be an ISO-8601 time' };
  const attributes = position.attributes ?? {};
  const battery = numberAttribute(attributes.batteryLevel);
  const floor = numberAttribute(attributes.floor);
  return {
    ok: true,
    fixes: [
      {
        trackerId: device.uniqueId,
        at,
        lat: position.latitude,
        lon: position.longitude,
        accuracy: position.accuracy ?? null,
        heading: position.course ?? null,
        speed: position.speed === undefined || position.speed === null ? null : position.speed * KNOTS_TO_MPS,
        altitude: position.altitude ?? null,
        battery: battery === null ? null : Math.min(100, Math.max(0, battery)),
        charging: typeof attributes.charge === 'boolean' ? attributes.charge : null,
        alarm: typeof attributes.alarm === 'string' ? attributes.alarm : null,
        floor: floor !== null && Number.isInteger(floor) ? floor : null,
      },
    ],
  };
}
