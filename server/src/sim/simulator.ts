import type { AlarmKind, AlarmTextCode, DeviceKind } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import { listAlarms } from '../repositories/alarms.repository.js';
import { listSiteRows, type DeviceRow } from '../repositories/sites.repository.js';
import { raiseAlarm } from '../services/alarms/raise-alarm.js';
import type { Deps } from '../services/deps.js';

/** What each kind of device plausibly reports; the text is a code each screen renders in its language. */
const SCENARIOS: Partial<Record<DeviceKind, { kind: AlarmKind; text: AlarmTextCode; weight: number }[]>> = {
  perimeter_beam: [{ kind: 'intrusion', text: 'beamInterrupted', weight: 6 }],
  vibration_fibre: [{ kind: 'vibration', text: 'fenceVibration', weight: 3 }],
  door: [
    { kind: 'door_held', text: 'doorHeld', weight: 4 },
    { kind: 'door_forced', text: 'doorForced', weight: 1 },
  ],
  smoke_detector: [{ kind: 'smoke', text: 'smokeDetected', weight: 2 }],
  heat_detector: [{ kind: 'heat', text: 'heatDetected', weight: 1 }],
  call_point: [{ kind: 'fire', text: 'callPoint', weight: 1 }],
  fire_panel: [{ kind: 'fire', text: 'firePanel', weight: 1 }],
  elevator: [{ kind: 'elevator_entrapment', text: 'liftEntrapment', weight: 1 }],
  panic_button: [{ kind: 'panic', text: 'panicButton', weight: 1 }],
  water_sensor: [{ kind: 'water_leak', text: 'waterDetected', weight: 2 }],
  camera: [
    { kind: 'loitering', text: 'loitering', weight: 3 },
    { kind: 'device_offline', text: 'videoLost', weight: 1 },
  ],
};

const MAX_OPEN = 12;

function pick<T>(items: readonly T[], weight: (item: T) => number, random: () => number): T | undefined {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let roll = random() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll <= 0) return item;
  }
  return items.at(-1);
}

/** Raises realistic alarms now and then through the same use case as real integrations. */
export function startSimulator(deps: Deps, log: FastifyBaseLogger, random: () => number = Math.random): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastDevice: DeviceRow | undefined;

  const tick = async () => {
    const open = await listAlarms(deps.db, { stream: deps.stream, state: 'open', limit: MAX_OPEN });
    if (open.length >= MAX_OPEN) return;
    const { devices } = await listSiteRows(deps.db);
    // Now and then the same source repeats within the dedupe window, as real sensors do.
    const device =
      lastDevice && random() < 0.2
        ? lastDevice
        : pick(devices.filter((d) => SCENARIOS[d.kind]), (d) => (SCENARIOS[d.kind] ?? []).reduce((s, x) => s + x.weight, 0), random);
    if (!device) return;
    const scenario = pick(SCENARIOS[device.kind] ?? [], (s) => s.weight, random);
    if (!scenario) return;
    lastDevice = device;
    await raiseAlarm(
      deps,
      { source: { deviceId: device.id }, kind: scenario.kind, message: '' },
      { actor: { kind: 'simulator', id: 'simulator', name: 'Simulator' }, text: { code: scenario.text, params: {} } },
    );
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => log.warn({ err: error }, 'simulator tick failed'))
        .finally(() => schedule(20_000 + random() * 55_000));
    }, delay);
    timer.unref();
  };
  schedule(5_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
