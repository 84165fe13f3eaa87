import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'leaflet/dist/leaflet.css';
import '../../src/styles/theme.css';
import '../../src/styles/wall.css';
import '../../src/styles/alarms.css';
import '../../src/styles/map.css';
import '../../src/styles/guards.css';
import '../../src/styles/console.css';
import '../../src/styles/video.css';
import '../../src/styles/monitor.css';
import {
  openRequiredSteps,
  SHIPPED_PLANS,
  startPlanRun,
  type Alarm,
  type CommandName,
  type Dispatch,
  type DomainEvent,
  type Incident,
  type PlanRun,
  type PlanTemplate,
  type Site,
  type StepState,
} from '@vigil/shared';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { useAlarmStore } from '../../src/features/alarms/alarmStore';
import { useSession } from '../../src/features/auth/sessionStore';
import { handlePositionsFrame } from '../../src/features/guards/guardPositions';
import { usePlanLibrary } from '../../src/features/incidents/planLibrary';
import { indexSite } from '../../src/features/sites/siteIndex';
import { useSiteStore } from '../../src/features/sites/siteStore';
import { changeLanguage, i18nReady } from '../../src/i18n';
import { useConnection } from '../../src/realtime/connectionStore';
import { RealtimeContext, type Realtime } from '../../src/realtime/RealtimeContext';
import { CommandView } from '../../src/screens/CommandScreen';
import { MonitorView } from '../../src/screens/MonitorScreen';

/**
 * The commander's screen and the wall's incident tile on live state seeded by hand: a fire plan
 * running for 130 s (steps done, one due soon, one overdue), dispatches answered and not, an
 * escalated alarm. Commands answer from a stand-in; completing a step applies its event through
 * the app's own reducer. `?screen=command|wall|takeover`, `?lang=en|zh-CN`.
 */
const now = Date.now();
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
const commander = { id: 'u-cmd', name: '王主管' };
const operator = { id: 'u-op', name: '李值班' };

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
      id: 'zone-b3',
      siteId: 'site-a',
      name: '3号楼',
      nameEn: 'Building 3',
      kind: 'building',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[220, 120], [340, 120], [340, 240], [220, 240], [220, 120]]] },
    },
  ],
  devices: [
    { id: 'smoke-b3', siteId: 'site-a', zoneId: 'zone-b3', kind: 'smoke_detector', name: '3号楼2层烟感', nameEn: 'Building 3 smoke detector', position: [280, 180], floor: 0, status: 'alarm', camera: null, linkedCameraIds: ['cam-1'] },
    { id: 'cam-1', siteId: 'site-a', zoneId: 'zone-b3', kind: 'camera', name: '3号楼大堂摄像机', nameEn: 'Building 3 lobby camera', position: [250, 130], floor: 0, status: 'online', camera: { heading: 45, angle: 70, range: 40 }, linkedCameraIds: [] },
    { id: 'door-gate', siteId: 'site-a', zoneId: null, kind: 'door', name: '北门', nameEn: 'North gate', position: [60, 270], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
  ],
};

const template = (id: string): PlanTemplate => {
  const input = SHIPPED_PLANS.find((plan) => plan.id === id)!;
  return { ...input, version: 3, publishedAt: ago(86_400), publishedBy: null } as PlanTemplate;
};
const plans = SHIPPED_PLANS.map((plan) => template(plan.id));

const done = (at: number, by: { id: string; name: string } | null, answer = 'done'): StepState => ({
  status: 'done',
  answer,
  by,
  at: ago(at),
  reason: null,
  note: null,
  call: null,
  warnedAt: null,
  overdueAt: null,
});

function fireRun(): PlanRun {
  const run = startPlanRun(template('fire'), ago(130), commander);
  return {
    ...run,
    states: { ...run.states, cameras: done(128, null), assess: done(90, operator, 'yes'), guards: done(89, null) },
  };
}

const alarm = (id: string, patch: Partial<Alarm>): Alarm => ({
  id,
  siteId: 'site-a',
  kind: 'smoke',
  priority: 1,
  state: 'acknowledged',
  source: { deviceId: 'smoke-b3' },
  deviceId: 'smoke-b3',
  zoneId: 'zone-b3',
  location: null,
  message: 'Smoke detected',
  text: null,
  attributes: {},
  occurredAt: ago(140),
  firstAt: ago(140),
  lastAt: ago(140),
  count: 1,
  owner: operator,
  acknowledgedAt: ago(135),
  heldAt: null,
  disposition: null,
  note: null,
  resolvedAt: null,
  resolvedBy: null,
  ...patch,
});

const fire: Incident = {
  id: '11111111-1111-4111-8111-111111111111',
  siteId: 'site-a',
  number: '20261202-003',
  type: 'fire',
  level: 1,
  title: '3号楼2层烟感报警',
  state: 'in_progress',
  location: { position: [280, 180], floor: 0, zoneId: 'zone-b3' },
  alarmIds: ['a-smoke'],
  owner: commander,
  openedAt: ago(132),
  openedBy: operator,
  resolvedAt: null,
  closedAt: null,
  summary: null,
  plan: fireRun(),
  timeline: [
    { id: 'auto-1', at: ago(132), kind: 'auto', by: operator, code: 'incidentOpened', params: { alarms: 1 }, text: null, call: null, photoId: null, stricken: null },
    { id: 'auto-2', at: ago(130), kind: 'auto', by: commander, code: 'planStarted', params: { planId: 'fire', version: 3 }, text: null, call: null, photoId: null, stricken: null },
    { id: 'auto-3', at: ago(90), kind: 'auto', by: operator, code: 'stepDone', params: { stepId: 'assess', answer: 'yes' }, text: null, call: null, photoId: null, stricken: null },
    { id: 'n-1', at: ago(80), kind: 'note', by: operator, code: null, params: {}, text: '2层东侧走廊可见烟雾，无明火', call: null, photoId: null, stricken: null },
    { id: 'n-2', at: ago(70), kind: 'note', by: commander, code: null, params: {}, text: '3层有人被困', call: null, photoId: null, stricken: { at: ago(50), by: commander, reason: '误报：人员已自行撤离' } },
    { id: 'auto-4', at: ago(75), kind: 'auto', by: commander, code: 'dispatchSent', params: { guardId: 'g-a3' }, text: null, call: null, photoId: null, stricken: null },
    { id: 'auto-5', at: ago(60), kind: 'auto', by: null, code: 'dispatchAccepted', params: { guardId: 'g-a1' }, text: null, call: null, photoId: null, stricken: null },
  ],
};

const medical: Incident = {
  ...fire,
  id: '22222222-2222-4222-8222-222222222222',
  number: '20261202-002',
  type: 'medical',
  level: 3,
  title: '北门保安亭老人晕倒',
  state: 'new',
  location: { position: [70, 250], floor: 0, zoneId: null },
  alarmIds: [],
  owner: null,
  openedAt: ago(600),
  plan: null,
  timeline: [],
};

const guard = (id: string, callsign: string, name: string, status: 'available' | 'dispatched' | 'en_route') => ({
  id,
  siteId: 'site-a',
  callsign,
  name,
  status,
  onShift: true,
  userId: null,
  zoneIds: [],
});

const dispatch = (id: string, guardId: string, patch: Partial<Dispatch>): Dispatch => ({
  id,
  incidentId: fire.id,
  siteId: 'site-a',
  guardId,
  state: 'sent' as const,
  instruction: '携灭火器到3号楼2层',
  sentAt: ago(75),
  sentBy: commander,
  acceptedAt: null,
  declinedAt: null,
  declineReason: null,
  enRouteAt: null,
  onSceneAt: null,
  arrival: null,
  clearedAt: null,
  cancelledAt: null,
  unansweredAt: null,
  ...patch,
});

const params = new URLSearchParams(location.search);
const screen = params.get('screen') ?? 'command';

useAlarmStore.getState().applySync({
  kind: 'snapshot',
  stream: 'live',
  seq: 100,
  serverTime: new Date().toISOString(),
  state: {
    seq: 100,
    alarms: {
      'a-smoke': alarm('a-smoke', { incidentId: fire.id }),
      'a-door': alarm('a-door', { kind: 'door_forced', priority: 1, state: 'new', deviceId: 'door-gate', source: { deviceId: 'door-gate' }, zoneId: null, firstAt: ago(95), lastAt: ago(95), owner: null, acknowledgedAt: null, escalatedAt: ago(35) }),
    },
    sites: { 'site-a': site },
    guards: {
      'g-a1': guard('g-a1', 'A1', '张伟', 'en_route'),
      'g-a3': guard('g-a3', 'A3', '刘强', 'dispatched'),
      'g-b2': guard('g-b2', 'B2', '陈明', 'available'),
      'g-c1': guard('g-c1', 'C1', '赵磊', 'available'),
    },
    monitors: {
      'm-incident': { id: 'm-incident', siteId: 'site-a', name: '4号屏', nameEn: 'Screen 4', position: 3, view: { layout: '1', tiles: [{ kind: 'incident', incidentId: null }] }, alarmRule: null, releasedAlarmIds: [] },
      'm-alarm': {
        id: 'm-alarm',
        siteId: 'site-a',
        name: '报警屏',
        nameEn: 'Alarm screen',
        position: 1,
        view: { layout: '1', tiles: [{ kind: 'map', siteId: 'site-a', floor: 0 }] },
        alarmRule: { kinds: ['smoke'], maxPriority: 3, cameraCount: 4, radius: 80 },
        releasedAlarmIds: [],
      },
    },
    presets: {},
    incidents: { [fire.id]: fire, [medical.id]: medical },
    dispatches: {
      'd-1': dispatch('d-1', 'g-a1', { state: 'en_route', acceptedAt: ago(60), enRouteAt: ago(55), sentAt: ago(76) }),
      'd-2': dispatch('d-2', 'g-a3', { unansweredAt: ago(15) }),
    },
  },
});
useSiteStore.setState({ load: { status: 'ready', index: indexSite(site) } });
useConnection.getState().set({ connected: true, synced: true, everSynced: true });
useSession.setState({ status: 'signedIn', user: { id: commander.id, username: 'commander', displayName: commander.name, role: 'commander', siteIds: null } });
usePlanLibrary.setState({ load: { status: 'ready', plans } });
const fix = (guardId: string, position: [number, number]) => ({ guardId, siteId: 'site-a', at: ago(8), position, floor: 0, accuracy: 5, heading: null, speed: null, battery: 80, source: 'simulator' as const });
handlePositionsFrame({ siteId: 'site-a', full: true, fixes: [fix('g-a1', [240, 160]), fix('g-a3', [150, 90]), fix('g-b2', [120, 200]), fix('g-c1', [360, 40])] });

let seq = 100;
function apply(event: Omit<DomainEvent, 'seq' | 'stream' | 'at' | 'siteId' | 'actor'>): void {
  seq += 1;
  useAlarmStore.getState().applyEvent({ ...event, seq, stream: 'live', at: new Date().toISOString(), siteId: 'site-a', actor: { kind: 'user', id: commander.id, name: commander.name } } as DomainEvent);
}

/** The server's part: steps apply their events; resolving is refused while required steps are open. */
const realtime: Realtime = {
  send: (async (name: CommandName, input: Record<string, unknown>) => {
    if (name === 'dispatch.suggest') {
      return {
        ok: true,
        ranked: [
          { guardId: 'g-b2', walkSeconds: 95, walkMetres: 130, straightMetres: 110, fixAgeMs: 8000, reasons: [{ code: 'walk', seconds: 95, metres: 130 }, { code: 'fixAge', seconds: 8 }] },
          { guardId: 'g-c1', walkSeconds: 170, walkMetres: 210, straightMetres: 150, fixAgeMs: 8000, reasons: [{ code: 'walk', seconds: 170, metres: 210 }, { code: 'detour', metres: 60 }, { code: 'fixAge', seconds: 8 }] },
          { guardId: 'g-a1', walkSeconds: 40, walkMetres: 45, straightMetres: 45, fixAgeMs: 8000, reasons: [{ code: 'inZone' }, { code: 'walk', seconds: 40, metres: 45 }, { code: 'fixAge', seconds: 8 }, { code: 'status', status: 'en_route' }] },
        ],
        excluded: [{ guardId: 'g-x9', reason: 'staleFix', fixAgeMs: 300000 }],
      };
    }
    if (name === 'plan.completeStep') {
      apply({ type: 'plan.stepCompleted', payload: { incidentId: input.incidentId, stepId: input.stepId, answer: input.answer, note: null, call: null, by: commander } } as never);
    }
    if (name === 'incident.setState' && input.state === 'resolved') {
      const run = useAlarmStore.getState().live.incidents.get(String(input.incidentId))?.plan;
      const steps = run ? openRequiredSteps(run).map((step) => step.id) : [];
      return { ok: false, error: `state: cannot be resolved while required steps are open: ${steps.join(', ')}`, code: 'steps_open', params: { field: 'state', rule: 'requiredStepsOpen', steps: steps.join(','), count: steps.length } };
    }
    return { ok: true, seq };
  }) as unknown as Realtime['send'],
  reportPositions: () => Promise.resolve({ ok: true, accepted: 0, duplicates: 0 }),
};

interface CommandPage {
  setLanguage(language: 'zh-CN' | 'en'): Promise<void>;
}
(window as Window & { commandPage?: CommandPage }).commandPage = { setLanguage: (language) => changeLanguage(language) };

void i18nReady
  .then(() => changeLanguage(params.get('lang') === 'en' ? 'en' : 'zh-CN'))
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <RealtimeContext.Provider value={realtime}>
        <MemoryRouter initialEntries={[`/command?incident=${fire.id}`]}>
          {screen === 'command' && <CommandView />}
          {screen === 'wall' && <MonitorView monitorId="m-incident" />}
          {screen === 'takeover' && <MonitorView monitorId="m-alarm" />}
        </MemoryRouter>
      </RealtimeContext.Provider>,
    ),
  );
