import type { AlarmKind, DeviceKind } from '@vigil/shared';
import type { FastifyBaseLogger } from 'fastify';
import { listAlarms } from '../repositories/alarms.repository.js';
import { listSiteRows, type DeviceRow } from '../repositories/sites.repository.js';
import { raiseAlarm } from '../services/alarms/raise-alarm.js';
import type { Deps } from '../services/deps.js';

/** What each kind of device plausibly reports, with a message in both languages. */
const SCENARIOS: Partial<Record<DeviceKind, { kind: AlarmKind; message: string; weight: number }[]>> = {
  perimeter_beam: [{ kind: 'intrusion', message: '红外对射被遮挡 · Perimeter beam interrupted', weight: 6 }],
  vibration_fibre: [{ kind: 'vibration', message: '围墙振动报警 · Fence vibration detected', weight: 3 }],
  door: [
    { kind: 'door_held', message: '门长时间未关 · Door held open', weight: 4 },
    { kind: 'door_forced', message: '门被强行打开 · Door forced open', weight: 1 },
  ],
  smoke_detector: [{ kind: 'smoke', message: '烟感报警 · Smoke detected', weight: 2 }],
  heat_detector: [{ kind: 'heat', message: '温感报警 · Heat detected', weight: 1 }],
  call_point: [{ kind: 'fire', message: '手动报警按钮被按下 · Manual call point activated', weight: 1 }],
  fire_panel: [{ kind: 'fire', message: '消防主机火警 · Fire panel alarm', weight: 1 }],
  elevator: [{ kind: 'elevator_entrapment', message: '电梯困人 · Passenger trapped in lift', weight: 1 }],
  panic_button: [{ kind: 'panic', message: '岗亭紧急按钮 · Panic button pressed', weight: 1 }],
  water_sensor: [{ kind: 'water_leak', message: '水浸报警 · Water detected', weight: 2 }],
  camera: [
    { kind: 'loitering', message: '可疑人员徘徊 · Person loitering', weight: 3 },
    { kind: 'device_offline', message: '摄像机视频丢失 · Camera video lost', weight: 1 },
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
      { source: { deviceId: device.id }, kind: scenario.kind, message: scenario.message },
      { actor: { kind: 'simulator', id: 'simulator', name: 'Simulator 模拟器' } },
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
