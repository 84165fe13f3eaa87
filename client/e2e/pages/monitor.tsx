import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'leaflet/dist/leaflet.css';
import '../../src/styles/theme.css';
import '../../src/styles/wall.css';
import '../../src/styles/alarms.css';
import '../../src/styles/map.css';
import '../../src/styles/guards.css';
import '../../src/styles/video.css';
import '../../src/styles/monitor.css';
import type { Alarm, DomainEvent, Monitor, Site, WallView } from '@vigil/shared';
import { createRoot } from 'react-dom/client';
import { useAlarmStore } from '../../src/features/alarms/alarmStore';
import { indexSite } from '../../src/features/sites/siteIndex';
import { useSiteStore } from '../../src/features/sites/siteStore';
import { changeLanguage, i18nReady } from '../../src/i18n';
import { useConnection } from '../../src/realtime/connectionStore';
import { MonitorView } from '../../src/screens/MonitorScreen';

/**
 * A monitor of the wall on live state seeded by hand, for the browser test on the stand-in
 * relay: the state changes through the app's own reducer, as events from the server would
 * change it. `?monitor=<id>` picks the monitor.
 */
const CAMERAS = Array.from({ length: 6 }, (_, index) => ({
  id: `cam-${index + 1}`,
  name: `${['北门', '南门', '地库入口', '东侧周界', '大堂', '电梯厅'][index]}摄像机`,
  nameEn: `${['North gate', 'South gate', 'Garage entrance', 'East perimeter', 'Lobby', 'Lift lobby'][index]} camera`,
}));

const site: Site = {
  id: 'site-a',
  name: '翠湖花园',
  nameEn: 'Jade Lake Gardens',
  plan: { width: 400, height: 300 },
  anchor: null,
  backdrop: null,
  floors: [{ level: 0, name: '地面', nameEn: 'Ground' }],
  zones: [
    {
      id: 'zone-garage',
      siteId: 'site-a',
      name: '地库',
      nameEn: 'Garage',
      kind: 'garage',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[200, 150], [380, 150], [380, 280], [200, 280], [200, 150]]] },
    },
  ],
  devices: [
    ...CAMERAS.map((camera, index) => ({
      ...camera,
      siteId: 'site-a',
      zoneId: index === 2 ? 'zone-garage' : null,
      kind: 'camera' as const,
      position: [40 + index * 60, 60 + (index % 2) * 120] as [number, number],
      floor: 0,
      status: 'online' as const,
      camera: { heading: 90, angle: 70, range: 30 },
      linkedCameraIds: [],
    })),
    {
      id: 'door-garage',
      siteId: 'site-a',
      zoneId: 'zone-garage',
      kind: 'door',
      name: '地库门',
      nameEn: 'Garage door',
      position: [260, 200],
      floor: 0,
      status: 'online',
      camera: null,
      linkedCameraIds: ['cam-3'],
    },
  ],
};

const monitor = (id: string, position: number, view: WallView, alarmRule: Monitor['alarmRule'] = null): Monitor => ({
  id,
  siteId: 'site-a',
  name: `${position + 1}号屏`,
  nameEn: `Screen ${position + 1}`,
  position,
  view,
  alarmRule,
  releasedAlarmIds: [],
});

let seq = 0;
const actor = { kind: 'system' as const, id: 'test', name: 'test' };
function apply(event: Omit<DomainEvent, 'seq' | 'stream' | 'at' | 'siteId' | 'actor'>): void {
  seq += 1;
  useAlarmStore.getState().applyEvent({ ...event, seq, stream: 'live', at: new Date().toISOString(), siteId: 'site-a', actor } as DomainEvent);
}

const mainView: WallView = {
  layout: '2x2',
  tiles: [{ kind: 'camera', cameraId: 'cam-1' }, { kind: 'camera', cameraId: 'cam-2' }, { kind: 'tour', cameraIds: ['cam-4', 'cam-5', 'cam-6'], dwellSeconds: 10, startedAt: new Date().toISOString(), pausedAt: null }, { kind: 'empty' }],
};

useAlarmStore.getState().applySync({
  kind: 'snapshot',
  stream: 'live',
  seq: 0,
  serverTime: new Date().toISOString(),
  state: {
    seq: 0,
    alarms: {},
    sites: { 'site-a': site },
    guards: {},
    monitors: {
      'm-main': monitor('m-main', 0, mainView),
      'm-alarm': monitor('m-alarm', 1, { layout: '1', tiles: [{ kind: 'map', siteId: 'site-a', floor: 0 }] }, { kinds: [], maxPriority: 3, cameraCount: 4, radius: 60 }),
    },
    presets: {},
    incidents: {},
    dispatches: {},
  },
});
useSiteStore.setState({ load: { status: 'ready', index: indexSite(site) } });
useConnection.getState().set({ connected: true, synced: true, everSynced: true });

function raiseAlarm(id: string, priority: number): void {
  const now = new Date().toISOString();
  const alarm: Alarm = {
    id,
    siteId: 'site-a',
    kind: 'door_forced',
    priority,
    state: 'new',
    source: { deviceId: 'door-garage' },
    deviceId: 'door-garage',
    zoneId: 'zone-garage',
    location: null,
    message: 'Door forced',
    text: null,
    attributes: {},
    occurredAt: now,
    firstAt: now,
    lastAt: now,
    count: 1,
    owner: null,
    acknowledgedAt: null,
    heldAt: null,
    disposition: null,
    note: null,
    resolvedAt: null,
    resolvedBy: null,
  };
  apply({ type: 'alarm.raised', payload: { alarm } });
}

interface MonitorPage {
  setView(monitorId: string, view: WallView): void;
  raiseAlarm(id: string, priority: number): void;
  resolveAlarm(id: string): void;
  setLanguage(language: 'zh-CN' | 'en'): Promise<void>;
}
(window as Window & { monitorPage?: MonitorPage }).monitorPage = {
  setView: (monitorId, view) => apply({ type: 'wall.viewSet', payload: { monitorId, view, presetId: null } }),
  raiseAlarm,
  resolveAlarm: (alarmId) =>
    apply({ type: 'alarm.resolved', payload: { alarmId, disposition: 'false', note: null, resolvedBy: { id: 'u', name: 'Operator' } } }),
  setLanguage: (language) => changeLanguage(language),
};

const monitorId = new URLSearchParams(location.search).get('monitor') ?? 'm-main';
void i18nReady.then(() => createRoot(document.getElementById('root')!).render(<MonitorView monitorId={monitorId} />));
