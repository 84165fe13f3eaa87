import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'leaflet/dist/leaflet.css';
import '../../src/styles/theme.css';
import '../../src/styles/wall.css';
import '../../src/styles/alarms.css';
import '../../src/styles/map.css';
import '../../src/styles/guards.css';
import '../../src/styles/sos.css';
import type { CommandName, Dispatch, DomainEvent, GuardLive, Incident, PlanStep, Site } from '@vigil/shared';
import { startPlanRun } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { ConnectionBanner } from '../../src/components/ConnectionBanner';
import { LanguageSwitch } from '../../src/components/LanguageSwitch';
import { useAlarmStore } from '../../src/features/alarms/alarmStore';
import { GuardPost } from '../../src/features/guard-phone/GuardPost';
import { changeLanguage, i18nReady } from '../../src/i18n';
import { useConnection } from '../../src/realtime/connectionStore';
import { RealtimeContext, type Realtime } from '../../src/realtime/RealtimeContext';

/**
 * The guard's phone page body on live state seeded by hand, with a stand-in for the socket: a
 * command is answered as the server would (`ok`, the event applied through the app's reducer),
 * or times out, or the link is down. The real page on the real server: guard-dispatch.e2e.test.ts.
 */
const SITE_ID = 'site-a';
const USER_ID = 'u-guard';
const GUARD_ID = 'g-1';

const site: Site = {
  id: SITE_ID,
  name: '翠湖花园',
  nameEn: 'Jade Lake Gardens',
  plan: { width: 420, height: 300 },
  anchor: {
    controlPoints: [
      { plan: [0, 0], lat: 30.2741, lon: 120.1551 },
      { plan: [420, 0], lat: 30.2741, lon: 120.159474 },
      { plan: [0, 300], lat: 30.276798, lon: 120.1551 },
    ],
  },
  backdrop: null,
  floors: [
    { level: 0, name: '地面', nameEn: 'Ground' },
    { level: -1, name: '地下车库', nameEn: 'Underground garage' },
  ],
  zones: [
    {
      id: 'zone-b3',
      siteId: SITE_ID,
      name: '3号楼',
      nameEn: 'Building 3',
      kind: 'building',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[160, 120], [240, 120], [240, 190], [160, 190], [160, 120]]] },
    },
    {
      id: 'zone-road',
      siteId: SITE_ID,
      name: '主干道',
      nameEn: 'Main road',
      kind: 'road',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[0, 90], [420, 90], [420, 110], [0, 110], [0, 90]]] },
    },
    {
      id: 'zone-gate',
      siteId: SITE_ID,
      name: '北门',
      nameEn: 'North gate',
      kind: 'gate',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[90, 280], [130, 280], [130, 300], [90, 300], [90, 280]]] },
    },
  ],
  devices: [],
};

const guard: GuardLive = { id: GUARD_ID, siteId: SITE_ID, callsign: 'A3', name: '王强', status: 'available', onShift: true, userId: USER_ID, zoneIds: [] };
const commander = { id: 'u-cmd', name: '李主管' };

function step(id: string, patch: Partial<PlanStep>): PlanStep {
  return {
    id,
    kind: 'confirm',
    title: { zh: id, en: id },
    detail: null,
    role: 'commander',
    dueAfterSec: 300,
    warnAtSec: 240,
    required: false,
    next: {},
    options: [],
    party: null,
    action: null,
    guards: null,
    ...patch,
  };
}

const STEPS: PlanStep[] = [
  step('assess', { kind: 'yes_no', role: 'operator', title: { zh: '确认火情', en: 'Confirm the fire' }, dueAfterSec: 60, warnAtSec: 45, next: { no: 'false_alarm' } }),
  step('cordon', { role: 'responder', title: { zh: '设置警戒，疏散围观人员', en: 'Cordon off the area, move onlookers away' }, dueAfterSec: 120, warnAtSec: 90 }),
  step('first_fire', {
    role: 'responder',
    title: { zh: '使用灭火器初期扑救', en: 'First firefighting with an extinguisher' },
    detail: { zh: '火势过大立即撤离', en: 'Leave at once if the fire is too big' },
    dueAfterSec: 420,
    warnAtSec: 300,
  }),
  step('evacuate', { role: 'responder', title: { zh: '引导住户从楼梯疏散', en: 'Guide residents out by the stairs' }, dueAfterSec: 600, warnAtSec: 480 }),
  step('report', { title: { zh: '上报物业经理', en: 'Report to the property manager' }, dueAfterSec: 1800, warnAtSec: 1500, next: { done: null } }),
  step('false_alarm', { role: 'responder', title: { zh: '误报：复位烟感', en: 'False alarm: reset the detector' }, next: { done: null } }),
];

let seq = 0;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function apply(event: Omit<DomainEvent, 'seq' | 'stream' | 'at' | 'siteId' | 'actor'>): void {
  seq += 1;
  useAlarmStore
    .getState()
    .applyEvent({ ...event, seq, stream: 'live', at: new Date().toISOString(), siteId: SITE_ID, actor: { kind: 'user', id: commander.id, name: commander.name } } as DomainEvent);
}

function incident(): Incident {
  const run = startPlanRun(
    {
      id: 'fire',
      version: 1,
      incidentType: 'fire',
      level: 1,
      name: { zh: '火灾应急预案', en: 'Fire response plan' },
      summary: { zh: '', en: '' },
      activation: [],
      roles: ['commander', 'operator', 'responder'],
      steps: STEPS,
      publishedAt: minutesAgo(600),
      publishedBy: null,
    },
    minutesAgo(2.5),
    commander,
  );
  run.states.assess = { ...run.states.assess!, status: 'done', answer: 'yes', by: commander, at: minutesAgo(2) };
  return {
    id: 'inc-1',
    siteId: SITE_ID,
    number: '20261202-003',
    type: 'fire',
    level: 1,
    title: '3号楼大堂烟感报警',
    state: 'in_progress',
    location: { position: [200, 130], floor: 0, zoneId: 'zone-b3' },
    alarmIds: [],
    owner: commander,
    openedAt: minutesAgo(3),
    openedBy: commander,
    resolvedAt: null,
    closedAt: null,
    summary: null,
    plan: run,
    timeline: [],
  };
}

function dispatch(id: string, instruction: string | null): Dispatch {
  return {
    id,
    incidentId: 'inc-1',
    siteId: SITE_ID,
    guardId: GUARD_ID,
    state: 'sent',
    instruction,
    sentAt: new Date(Date.now() - 12_000).toISOString(),
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
  };
}

useAlarmStore.getState().applySync({
  kind: 'snapshot',
  stream: 'live',
  seq: 0,
  serverTime: new Date().toISOString(),
  state: { seq: 0, alarms: {}, sites: { [SITE_ID]: site }, guards: { [GUARD_ID]: guard }, monitors: {}, presets: {}, incidents: {}, dispatches: {} },
});
// `?link=down`: the page opens in a dead spot (a reload without signal).
const linkUp = new URLSearchParams(location.search).get('link') !== 'down';
useConnection.getState().set({ connected: linkUp, synced: linkUp, everSynced: true });

type Mode = 'ok' | 'timeout' | 'refuse';
let mode: Mode = 'ok';
const sent: { name: string; input: unknown }[] = [];

const ANSWER_EVENTS = { accept: 'dispatch.accepted', en_route: 'dispatch.enRoute', arrive: 'dispatch.arrived', clear: 'dispatch.cleared', decline: 'dispatch.declined' } as const;
/** Command ids already applied: a repeat is answered ok and changes nothing, as on the server. */
const applied = new Set<string>();

/** The states each answer may follow, as the server has them (srvdisp's ANSWER_FROM). */
const ANSWER_FROM: Record<keyof typeof ANSWER_EVENTS, readonly string[]> = {
  accept: ['sent'],
  decline: ['sent', 'accepted', 'en_route'],
  en_route: ['sent', 'accepted'],
  arrive: ['sent', 'accepted', 'en_route'],
  clear: ['on_scene'],
};

/** Applies an answer as the server would; false when the dispatch's state refuses it. */
function answer(input: { commandId: string; dispatchId: string; action: keyof typeof ANSWER_EVENTS; reason?: string }): boolean {
  if (applied.has(input.commandId)) return true;
  const state = useAlarmStore.getState().live.dispatches.get(input.dispatchId)?.state;
  if (!state || !ANSWER_FROM[input.action].includes(state)) return false;
  applied.add(input.commandId);
  const ref = { dispatchId: input.dispatchId, incidentId: 'inc-1', guardId: GUARD_ID };
  const type = ANSWER_EVENTS[input.action];
  const payload = type === 'dispatch.arrived' ? { ...ref, arrival: 'pressed' } : type === 'dispatch.declined' ? { ...ref, reason: input.reason ?? '' } : ref;
  apply({ type, payload } as Omit<DomainEvent, 'seq' | 'stream' | 'at' | 'siteId' | 'actor'>);
  return true;
}

const realtime: Realtime = {
  send: (async (name: CommandName, input: unknown) => {
    if (!useConnection.getState().connected) return { ok: false, error: 'offline', offline: true };
    sent.push({ name, input });
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (mode === 'timeout') return { ok: false, error: 'timeout', timedOut: true };
    if (mode === 'refuse') return { ok: false, error: 'action: cannot accept a dispatch that is cancelled', code: 'conflict', params: {} };
    if (name === 'dispatch.answer' && !answer(input as Parameters<typeof answer>[0])) return { ok: false, error: 'action: not from this state', code: 'conflict', params: {} };
    return { ok: true, seq };
  }) as Realtime['send'],
  reportPositions: async (fixes) => ({ ok: true, accepted: fixes.length, duplicates: 0 }),
};

interface GuardDispatchPage {
  sendDispatch(id: string, instruction: string | null): void;
  completeStep(stepId: string): void;
  detectArrival(id: string): void;
  cancel(id: string): void;
  flagUnanswered(id: string): void;
  setMode(next: Mode): void;
  setLink(up: boolean): void;
  sent(): { name: string; input: unknown }[];
  setLanguage(language: 'zh-CN' | 'en'): Promise<void>;
}
(window as Window & { guardDispatchPage?: GuardDispatchPage }).guardDispatchPage = {
  sendDispatch: (id, instruction) => apply({ type: 'dispatch.sent', payload: { dispatch: dispatch(id, instruction), incident: incident() } }),
  completeStep: (stepId) => apply({ type: 'plan.stepCompleted', payload: { incidentId: 'inc-1', stepId, answer: 'done', note: null, call: null, by: commander } }),
  detectArrival: (id) => apply({ type: 'dispatch.arrived', payload: { dispatchId: id, incidentId: 'inc-1', guardId: GUARD_ID, arrival: 'detected' } }),
  cancel: (id) => apply({ type: 'dispatch.cancelled', payload: { dispatchId: id, incidentId: 'inc-1', guardId: GUARD_ID, reason: null } }),
  flagUnanswered: (id) => apply({ type: 'dispatch.unanswered', payload: { dispatchId: id, incidentId: 'inc-1', guardId: GUARD_ID } }),
  setMode: (next) => {
    mode = next;
  },
  setLink: (up) => useConnection.getState().set({ connected: up, synced: up }),
  sent: () => sent,
  setLanguage: (language) => changeLanguage(language),
};

function Page() {
  const { t } = useTranslation();
  return (
    <RealtimeContext.Provider value={realtime}>
      <div className="guard-page" data-testid="guard-page">
        <header className="guard-page__header">
          <h1 className="guard-page__title">{t('guardPage.title')}</h1>
          <ConnectionBanner />
          <LanguageSwitch />
        </header>
        <GuardPost userId={USER_ID} />
      </div>
    </RealtimeContext.Provider>
  );
}

void i18nReady.then(() => createRoot(document.getElementById('root')!).render(<Page />));
