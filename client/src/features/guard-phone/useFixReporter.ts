import { useEffect } from 'react';
import { newCommandId } from '../../lib/ids';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { useRealtime } from '../../realtime/RealtimeContext';
import { FixQueue, localStorageFor } from './fixQueue';
import { floorStorage, toPhoneFix, type PositionReading } from './phoneFix';
import { usePhoneStore } from './phoneStore';

/** While fixes wait, the queue is tried again this often even if nothing else happens. */
const RETRY_MS = 10_000;

interface BatteryManagerLike {
  level: number;
}
type NavigatorWithBattery = Navigator & { getBattery?: () => Promise<BatteryManagerLike> };

/**
 * Watches the phone's position (high accuracy) and reports every fix through the offline queue:
 * kept in localStorage in order, flushed whenever the link is live, removed only after the ack.
 */
export function useFixReporter(userId: string): void {
  const { reportPositions } = useRealtime();

  useEffect(() => {
    const phone = usePhoneStore.getState();
    phone.set({ floor: floorStorage.load(userId) });
    const queue = new FixQueue(localStorageFor(userId));
    let lastReading: PositionReading | null = null;
    let battery: BatteryManagerLike | null = null;
    void (navigator as NavigatorWithBattery).getBattery?.().then((manager) => {
      battery = manager;
    });
    const isLive = () => connectionStatus(useConnection.getState()) === 'live';
    const flush = () => {
      if (!isLive() || queue.length === 0) return;
      void queue.flush(reportPositions).then(() => phone.set({ queued: queue.length }));
    };
    phone.set({ queued: queue.length });

    const unsubscribeConnection = useConnection.subscribe((now, before) => {
      if (connectionStatus(now) === 'live' && connectionStatus(before) !== 'live') flush();
    });
    // A new floor is reported at once, with the last position read (a phone standing still reads none).
    const unsubscribeFloor = usePhoneStore.subscribe((now, before) => {
      if (now.floor === before.floor || now.floor === null) return;
      floorStorage.save(userId, now.floor);
      if (!lastReading) return;
      // A browser GeolocationPosition keeps its fields on the prototype: no spreading it.
      queue.add(toPhoneFix({ timestamp: Date.now(), coords: lastReading.coords }, newCommandId(), batteryLevel(), now.floor));
      phone.set({ taken: usePhoneStore.getState().taken + 1, queued: queue.length });
      flush();
    });
    const unsubscribe = () => {
      unsubscribeConnection();
      unsubscribeFloor();
    };
    const batteryLevel = () => (battery ? Math.round(battery.level * 100) : null);
    const retry = setInterval(flush, RETRY_MS);

    if (!window.isSecureContext || !('geolocation' in navigator)) {
      phone.set({ location: window.isSecureContext ? 'unsupported' : 'insecure' });
      return () => {
        unsubscribe();
        clearInterval(retry);
      };
    }
    const watchId = navigator.geolocation.watchPosition(
      (reading) => {
        lastReading = reading;
        queue.add(toPhoneFix(reading, newCommandId(), batteryLevel(), usePhoneStore.getState().floor));
        phone.set({ taken: usePhoneStore.getState().taken + 1, location: 'watching', lastFix: { at: new Date(reading.timestamp).toISOString(), accuracy: reading.coords.accuracy, lat: reading.coords.latitude, lon: reading.coords.longitude }, queued: queue.length });
        flush();
      },
      (error) => phone.set({ location: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(watchId);
      unsubscribe();
      clearInterval(retry);
    };
  }, [userId, reportPositions]);
}
