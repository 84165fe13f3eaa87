import type { DomainEvent, Stream } from '../domain/events.js';
import type { LiveStateJson } from '../domain/reducer.js';
import type { GuardStatus, PositionsFrame } from '../domain/guard.js';
import type { User } from '../domain/types.js';
import type { CodedError } from '../domain/texts.js';
import type {
  AlarmAcknowledgeCommand,
  AlarmHoldCommand,
  AlarmResolveCommand,
  AlarmResumeCommand,
} from '../schemas/alarm.schemas.js';
import type {
  DispatchAnswerCommand,
  DispatchCancelCommand,
  DispatchSendCommand,
  DispatchSuggestCommand,
  IncidentAddEntryCommand,
  IncidentAttachAlarmCommand,
  IncidentCloseCommand,
  IncidentOpenCommand,
  IncidentRaiseLevelCommand,
  IncidentSetOwnerCommand,
  IncidentSetStateCommand,
  IncidentStartPlanCommand,
  IncidentStrikeEntryCommand,
  PlanCompleteStepCommand,
  PlanSkipStepCommand,
} from '../schemas/incident.schemas.js';
import type { GuardRanking } from '../domain/walking/index.js';
import type {
  WallApplyPresetCommand,
  WallAssignCommand,
  WallReleaseCommand,
  WallRemovePresetCommand,
  WallSavePresetCommand,
  WallSetLayoutCommand,
  WallTourCommand,
} from '../schemas/wall.schemas.js';

/** Bumped when the wire format changes incompatibly. */
export const PROTOCOL_VERSION = 1;

/** Past this many missed events a reconnecting client gets a fresh snapshot instead. */
export const MAX_CATCH_UP_EVENTS = 1000;

/** What a client sends in the Socket.IO handshake (`auth`). */
export interface HandshakeAuth {
  protocol: number;
  /** The session token; browsers send the session cookie instead. */
  token?: string;
  stream?: Stream;
  /** The seq of the last event this client applied; omitted or 0 on a first connect. */
  lastSeq?: number;
}

/**
 * Sent once after every connect, before any live `event` is applied: either the full state
 * at `seq`, or exactly the events the client missed since its `lastSeq`, in order. `serverTime`
 * lets screens keep the server's clock (tours, "last fix 2 min ago") whatever their own says.
 */
export type SyncMessage =
  | { kind: 'snapshot'; stream: Stream; seq: number; state: LiveStateJson; serverTime: string }
  | { kind: 'events'; stream: Stream; events: DomainEvent[]; serverTime: string };

/**
 * A command the server refused: `error` is the English sentence (logs, integrations), `code`
 * and `params` are what a screen renders in its own language.
 */
export type CommandRefusal = { ok: false; error: string } & CodedError;

export type CommandAck = { ok: true; seq: number } | CommandRefusal;
type Command<TInput, TAck = CommandAck> = (input: TInput, ack: (result: TAck) => void) => void;

/** A fix from the guard's phone, with a phone-made id so a flushed offline queue stores each once. */
export interface PhoneFix {
  id: string;
  at: string;
  lat: number;
  lon: number;
  accuracy?: number;
  heading?: number;
  speed?: number;
  altitude?: number;
  battery?: number;
  /** The floor level the guard picked on the phone (GPS knows none); ground when absent. */
  floor?: number;
}

export type PositionReportAck = { ok: true; accepted: number; duplicates: number } | CommandRefusal;

export type IncidentOpenAck = { ok: true; seq: number; incidentId: string } | CommandRefusal;
export type DispatchSendAck = { ok: true; seq: number; dispatchIds: string[] } | CommandRefusal;
/** Guards ranked for an incident by walking time, with the reasons; nothing is changed. */
export type DispatchSuggestAck = ({ ok: true } & GuardRanking) | CommandRefusal;

export interface ServerToClientEvents {
  sync: (message: SyncMessage) => void;
  event: (event: DomainEvent) => void;
  /** The positions lane: a full frame after each sync, then changed guards, ≤4 frames/s per site. */
  positions: (frame: PositionsFrame) => void;
}

export interface ClientToServerEvents {
  'alarm.acknowledge': Command<AlarmAcknowledgeCommand>;
  'alarm.hold': Command<AlarmHoldCommand>;
  'alarm.resume': Command<AlarmResumeCommand>;
  'alarm.resolve': Command<AlarmResolveCommand>;
  /** The guard's phone: fixes in the order taken, possibly a queue kept while offline. */
  'position.report': Command<{ fixes: PhoneFix[] }, PositionReportAck>;
  /** The guard's own status (available, busy, off duty …) from the phone. */
  'guard.setStatus': Command<{ commandId: string; status: GuardStatus }>;
  /** 一键报警: raises a top-priority SOS alarm at the guard's last position. */
  'guard.sos': Command<{ commandId: string }>;
  /** The video wall, from the operator console: every change is a `wall.*` event. */
  'wall.setLayout': Command<WallSetLayoutCommand>;
  'wall.assign': Command<WallAssignCommand>;
  'wall.applyPreset': Command<WallApplyPresetCommand>;
  'wall.savePreset': Command<WallSavePresetCommand>;
  'wall.removePreset': Command<WallRemovePresetCommand>;
  'wall.tour': Command<WallTourCommand>;
  /** Sends an alarm's cameras off a monitor before the alarm is resolved. */
  'wall.release': Command<WallReleaseCommand>;
  /** Incidents (事件): operators open them and note; commanders run them. */
  'incident.open': Command<IncidentOpenCommand, IncidentOpenAck>;
  'incident.attachAlarm': Command<IncidentAttachAlarmCommand>;
  'incident.startPlan': Command<IncidentStartPlanCommand>;
  'incident.setState': Command<IncidentSetStateCommand>;
  'incident.close': Command<IncidentCloseCommand>;
  'incident.setOwner': Command<IncidentSetOwnerCommand>;
  'incident.raiseLevel': Command<IncidentRaiseLevelCommand>;
  'incident.addEntry': Command<IncidentAddEntryCommand>;
  'incident.strikeEntry': Command<IncidentStrikeEntryCommand>;
  /** The running checklist: a step answered (the answer picks the branch) or skipped with a reason. */
  'plan.completeStep': Command<PlanCompleteStepCommand>;
  'plan.skipStep': Command<PlanSkipStepCommand>;
  /** Dispatch (派遣): commanders send and cancel; the guard (or a commander for them) answers. */
  'dispatch.suggest': Command<DispatchSuggestCommand, DispatchSuggestAck>;
  'dispatch.send': Command<DispatchSendCommand, DispatchSendAck>;
  'dispatch.cancel': Command<DispatchCancelCommand>;
  'dispatch.answer': Command<DispatchAnswerCommand>;
}

export type CommandName = keyof ClientToServerEvents;

export interface SocketData {
  user: User;
  stream: Stream;
}

/**
 * Room names, built in one place. A socket of an all-sites viewer joins `stream`, of a viewer
 * limited to some sites one `site` room per site; a guard's phone joins only `phone` and gets
 * its own events one by one (scope.ts). Every socket of a login, on every namespace, joins `user`
 * (to end them all at logout).
 */
export const rooms = {
  stream: (stream: Stream) => `stream:${stream}`,
  site: (siteId: string, stream: Stream) => `site:${siteId}:${stream}`,
  user: (userId: string) => `user:${userId}`,
  phone: (userId: string, stream: Stream) => `phone:${userId}:${stream}`,
  /** The screens of a stream whose users may run drills: a drill's note injects go there only. */
  facilitators: (stream: Stream) => `facilitators:${stream}`,
  monitor: (monitorId: string) => `monitor:${monitorId}`,
};
