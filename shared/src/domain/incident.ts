import type { CallParty, IncidentLevel, IncidentType, PlanRun } from './plan.js';
import type { Point } from './types.js';
import type { TextParams } from './texts.js';

/** Incidents (事件), their timelines, and the guards dispatched to them (派遣). Pure types. */

export const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface Person {
  id: string;
  name: string;
}

export interface IncidentLocation {
  position: Point;
  floor: number;
  zoneId: string | null;
}

export const TIMELINE_KINDS = ['auto', 'note', 'call', 'photo', 'report'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One line of an incident's timeline. `auto` entries are written by Vigil as things happen
 * (a code the screen renders in its language); the others are people's words. A correction
 * strikes an entry through (`stricken`) instead of deleting it.
 */
export interface TimelineEntry {
  id: string;
  at: string;
  kind: TimelineKind;
  by: Person | null;
  /** `auto` entries: what happened, as a code with params (`stepDone`, `dispatchAccepted` …). */
  code: string | null;
  params: TextParams;
  /** People's words: a note, what a call said, a guard's report. */
  text: string | null;
  /** `call` entries: who was called and when the call was made. */
  call: { party: CallParty; at: string } | null;
  /** `photo` and `report` entries with a picture: the stored photo's id. */
  photoId: string | null;
  stricken: { at: string; by: Person; reason: string } | null;
}

export interface Incident {
  id: string;
  siteId: string;
  /** Short and human, e.g. `20261202-003`, unique per stream. */
  number: string;
  type: IncidentType;
  level: IncidentLevel;
  title: string;
  state: IncidentState;
  location: IncidentLocation | null;
  alarmIds: string[];
  owner: Person | null;
  openedAt: string;
  openedBy: Person;
  resolvedAt: string | null;
  closedAt: string | null;
  /** The closing summary (结案). */
  summary: string | null;
  plan: PlanRun | null;
  timeline: TimelineEntry[];
}

export const DISPATCH_STATES = ['sent', 'accepted', 'declined', 'en_route', 'on_scene', 'cleared', 'cancelled'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

/** Seconds a dispatch may go unanswered before it is flagged and the next guard suggested. */
export const DISPATCH_ANSWER_SEC = 60;
/** Seconds a top-priority alarm may stay unacknowledged before it escalates to the commander. */
export const ESCALATE_AFTER_SEC = 60;
/** Within this many metres of the incident, on its floor, a guard is on scene. */
export const ARRIVAL_RADIUS_M = 15;

/** A guard sent to an incident, with the time of each step of the answer. */
export interface Dispatch {
  id: string;
  incidentId: string;
  siteId: string;
  guardId: string;
  state: DispatchState;
  instruction: string | null;
  sentAt: string;
  sentBy: Person;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  /** How arrival was known: the guard's fix inside the radius, or the guard pressed it. */
  arrival: 'detected' | 'pressed' | null;
  clearedAt: string | null;
  cancelledAt: string | null;
  /** Set when the dispatch went unanswered past DISPATCH_ANSWER_SEC. */
  unansweredAt: string | null;
}

/** Dispatches still waiting on the guard or under way. */
export const ACTIVE_DISPATCH_STATES: readonly DispatchState[] = ['sent', 'accepted', 'en_route', 'on_scene'];

export const isActiveDispatch = (dispatch: Pick<Dispatch, 'state'>) => ACTIVE_DISPATCH_STATES.includes(dispatch.state);
export const isOpenIncident = (incident: Pick<Incident, 'state'>) => incident.state !== 'resolved' && incident.state !== 'closed';
