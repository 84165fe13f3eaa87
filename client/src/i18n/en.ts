import { reportsEn } from './reports.en';
import { recordsEn } from './records.en';
import { historyEn } from './history.en';
import { stormEn } from './storm.en';
import { reportEn } from './report.en';
import { drillReportEn } from './drill-report.en';
import { plansEn } from './plans.en';
import { adminUsersEn } from './admin-users.en';
import { consoleEn } from './console.en';
import { guardsEn } from './guards.en';
import { siteEditorEn } from './site-editor.en';
import type { Messages } from './messages';
import { videoEn } from './video.en';
import { phoneSetupEn } from './phone-setup.en';
import { wallOpsEn } from './wall-ops.en';
import { replayEn } from './replay.en';
import { textsEn } from './texts.en';
import { sosEn } from './sos.en';
import { patrolEn } from './patrol.en';
import { wallPatrolsEn } from './wall-patrols.en';
import { incidentsEn } from './incidents.en';
import { dispatchPhoneEn } from './dispatch-phone.en';
import { drillsEn } from './drills.en';

export const en: Messages = {
  app: {
    name: 'Vigil',
    tagline: 'Security control room',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
    switchTo: 'Switch to {{language}}',
    names: { 'zh-CN': '中文', en: 'English' },
  },
  login: {
    title: 'Operator sign-in',
    subtitle: 'Sign in with your duty account',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    errors: {
      invalidCredentials: 'Wrong username or password',
      required: 'Enter your username and password',
      network: 'Cannot reach the server. Check the network and try again',
      tooMany: 'Too many failed sign-ins. Wait a few minutes, then try again',
      unknown: 'Sign-in failed: {{message}}',
    },
  },
  user: {
    logout: 'Sign out',
  },
  role: {
    admin: 'Administrator',
    commander: 'Duty commander',
    operator: 'Operator',
    guard: 'Guard',
    wall: 'Video wall',
  },
  connection: {
    live: 'LIVE',
    connecting: 'CONNECTING',
    reconnecting: 'RECONNECTING',
    offline: 'OFFLINE',
    hint: {
      live: 'Connected, updating in real time',
      connecting: 'Connecting to the server…',
      reconnecting: 'Connection lost, reconnecting: data may be out of date',
      offline: 'Network down: showing data from before the loss',
    },
  },
  sound: {
    enable: 'Click to enable sound',
    enableHint: 'The browser has muted alert tones until you click',
  },
  wall: {
    loadingSite: 'Loading the site plan…',
    siteError: 'Cannot load the site: {{message}}',
    noSite: 'No site is configured yet',
    retry: 'Retry',
  },
  map: {
    floors: 'Floors',
    floorAlarms: '{{count}} alarms',
    legend: 'Legend',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitSite: 'Whole site',
    deviceTooltip: '{{kind}} · {{status}}',
  },
  alarms: {
    queueTitle: 'Alarm queue',
    openCount: '{{count}} open',
    newCount: '{{count}} new',
    empty: 'No open alarms',
    emptyHint: 'All quiet',
    repeat: '×{{count}}',
    repeatTitle: 'Repeated {{count}} times',
    owner: 'Owner: {{name}}',
    unknownSource: 'Unknown source',
    notOnMap: 'No location',
    otherFloor: 'Floor: {{floor}}',
    recentlyResolved: 'Recently resolved ({{count}})',
    resolvedLine: '{{name}} · {{disposition}}',
    actions: {
      acknowledge: 'Acknowledge',
      hold: 'Hold',
      resume: 'Resume',
      resolve: 'Resolve',
      retry: 'Retry',
      dismiss: 'Dismiss',
      pending: 'Sending…',
    },
    errors: {
      timeout: 'No answer from the server (5 s timeout). Try again',
      rejected: 'Failed: {{error}}',
    },
    resolveDialog: {
      title: 'Resolve alarm',
      disposition: 'Disposition',
      note: 'Note',
      notePlaceholder: 'What was found, what was done, who was told…',
      confirm: 'Resolve',
      cancel: 'Cancel',
    },
  },
  priority: {
    label: 'P{{priority}} {{band}}',
    band: {
      critical: 'Critical',
      high: 'High',
      medium: 'Medium',
      low: 'Low',
    },
  },
  alarmKind: {
    intrusion: 'Perimeter intrusion',
    vibration: 'Fence vibration',
    door_forced: 'Door forced',
    door_held: 'Door held open',
    fire: 'Fire',
    smoke: 'Smoke',
    heat: 'Heat',
    panic: 'Panic button',
    sos: 'Guard SOS',
    elevator_entrapment: 'Lift entrapment',
    water_leak: 'Water leak',
    power_failure: 'Power failure',
    tamper: 'Tamper',
    device_fault: 'Device fault',
    device_offline: 'Device offline',
    loitering: 'Loitering',
    guard_silent: 'Guard silent',
    restricted_entry: 'Restricted area entered',
    patrol_missed: 'Patrol checkpoint missed',
    other: 'Other alarm',
  },
  alarmState: {
    new: 'New',
    acknowledged: 'Acknowledged',
    on_hold: 'On hold',
    resolved: 'Resolved',
  },
  disposition: {
    confirmed: 'Confirmed',
    false: 'False alarm',
    duplicate: 'Duplicate',
    fault: 'Device fault',
    drill: 'Drill',
  },
  deviceKind: {
    camera: 'Camera',
    perimeter_beam: 'Perimeter beam',
    vibration_fibre: 'Vibration fibre',
    door: 'Access door',
    smoke_detector: 'Smoke detector',
    heat_detector: 'Heat detector',
    fire_panel: 'Fire panel',
    call_point: 'Manual call point',
    elevator: 'Lift',
    panic_button: 'Panic button',
    speaker: 'Speaker',
    checkpoint: 'Patrol checkpoint',
    supplies: 'Emergency supplies',
    aed: 'AED',
    water_sensor: 'Water sensor',
    gate_barrier: 'Barrier gate',
  },
  deviceStatus: {
    online: 'Online',
    offline: 'Offline',
    fault: 'Fault',
    alarm: 'Alarm',
    disabled: 'Disabled',
  },
  zoneKind: {
    perimeter: 'Perimeter',
    building: 'Building',
    garage: 'Garage',
    public: 'Public area',
    plant_room: 'Plant room',
    gate: 'Gate',
    road: 'Road',
    green: 'Green',
    water: 'Water',
    restricted: 'Restricted',
  },
  ...guardsEn,
  ...siteEditorEn,
  ...consoleEn,
  ...adminUsersEn,
  ...videoEn,
  ...phoneSetupEn,
  ...wallOpsEn,
  ...replayEn,
  ...drillsEn,
  ...stormEn,
  ...textsEn,
  ...sosEn,
  ...patrolEn,
  ...wallPatrolsEn,
  ...incidentsEn,
  ...plansEn,
  ...reportEn,
  ...drillReportEn,
  ...historyEn,
  ...reportsEn,
  ...recordsEn,
  ...dispatchPhoneEn,
};
