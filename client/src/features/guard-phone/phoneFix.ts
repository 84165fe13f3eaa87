import type { PhoneFix } from '@vigil/shared';

/** The fields of a browser GeolocationPosition this page uses (the DOM type, minus what tests cannot build). */
export interface PositionReading {
  timestamp: number;
  coords: {
    latitude: number;
    longitude: number;
    accuracy: number;
    altitude: number | null;
    heading: number | null;
    speed: number | null;
  };
}

/**
 * A browser position as a fix for `position.report`, with an id made here so resends are
 * harmless, and the floor the guard picked (GPS knows none; null = not picked, ground).
 */
export function toPhoneFix(reading: PositionReading, id: string, battery: number | null, floor: number | null = null): PhoneFix {
  const { coords } = reading;
  const fix: PhoneFix = {
    id,
    at: new Date(reading.timestamp).toISOString(),
    lat: coords.latitude,
    lon: coords.longitude,
    accuracy: coords.accuracy,
  };
  if (coords.heading !== null && Number.isFinite(coords.heading)) fix.heading = coords.heading;
  if (coords.speed !== null && Number.isFinite(coords.speed)) fix.speed = coords.speed;
  if (coords.altitude !== null && Number.isFinite(coords.altitude)) fix.altitude = coords.altitude;
  if (battery !== null) fix.battery = battery;
  if (floor !== null) fix.floor = floor;
  return fix;
}

/** The floor this phone's guard last picked, kept across reloads (per login). */
export const floorStorage = {
  key: (userId: string) => `vigil.guardFloor.${userId}`,
  load(userId: string): number | null {
    try {
      const value = localStorage.getItem(this.key(userId));
      return value !== null && /^-?\d+$/.test(value) ? Number(value) : null;
    } catch {
      return null;
    }
  },
  save(userId: string, floor: number): void {
    try {
      localStorage.setItem(this.key(userId), String(floor));
    } catch {
      // private mode or full: the pick lasts until the page closes
    }
  },
};
