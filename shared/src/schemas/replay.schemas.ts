import { z } from 'zod';
import type { DomainEvent, Stream } from '../domain/events.js';
import type { LiveStateJson } from '../domain/reducer.js';
import type { GuardFix } from '../domain/guard.js';
import { text } from './text.js';

/**
 * The replay API (`/api/v1/replay/…`): read-only, for the roles that watch the wall. A screen
 * seeks with `state` (one checkpoint plus a bounded run of events, scoped to the viewer), plays
 * on with `events` and `positions`, and draws its timeline bar from `range`.
 */

/** Markers in one `range` answer; more sets `truncated`. */
export const REPLAY_MARKERS_MAX = 2_000;
/** Events in one `events` answer. */
export const REPLAY_EVENTS_MAX = 500;
/** `range` spans at most this long. */
export const REPLAY_RANGE_MAX_MS = 7 * 24 * 3_600_000;
/** `positions` spans at most this long (a screen asks for the next window as it plays)… */
export const REPLAY_POSITIONS_WINDOW_MS = 10 * 60_000;
/** …and answers at most this many fixes (`next` says where to continue). */
export const REPLAY_POSITIONS_MAX = 20_000;
/** A guard's last fix counts for a replayed moment when it is at most this old. */
export const REPLAY_FIX_MAX_AGE_MS = 10 * 60_000;

const ISO_RULE = 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z';
/** An ISO date-time with an offset, as epoch ms. */
const Moment = text(ISO_RULE)
  .datetime({ offset: true, error: ISO_RULE })
  .transform((value) => Date.parse(value));

/** A replayable stream: live, or a drill's. */
export const ReplayStream = text('must be one of live, drill:<run id>')
  .max(160, { error: 'must be at most 160 characters' })
  .refine((value) => value === 'live' || /^drill:[\w.:-]{1,128}$/.test(value), { error: 'must be one of live, drill:<run id>' })
  .transform((value) => value as Stream);

const integerFrom = (min: number, max: number) => {
  const rule = `must be an integer from ${min} to ${max}`;
  return z.coerce.number({ error: rule }).int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
};

const SiteId = text('must be a string')
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(/^[\w.:\-@]+$/, { error: 'may contain only letters, digits and . : - _ @' });

/** `from` before `to`, and the span at most `maxMs`; the error names `to`. */
function spanChecked<T extends { from: number; to: number }>(value: T, context: z.core.$RefinementCtx<T>, maxMs: number, span: string): void {
  if (value.to < value.from) context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (value.to - value.from > maxMs) context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${span} after from` });
}

/** `GET /api/v1/replay/range?stream&from&to`: the log's extent and the timeline bar's markers. */
export const ReplayRangeQuery = z
  .object({ stream: ReplayStream.default('live'), from: Moment, to: Moment })
  .strict()
  .superRefine((value, context) => spanChecked(value, context, REPLAY_RANGE_MAX_MS, '7 days'));
export type ReplayRangeQuery = z.infer<typeof ReplayRangeQuery>;

/** `GET /api/v1/replay/state?stream&at`: the picture at a moment. */
export const ReplayStateQuery = z.object({ stream: ReplayStream.default('live'), at: Moment }).strict();
export type ReplayStateQuery = z.infer<typeof ReplayStateQuery>;

/** `GET /api/v1/replay/events?stream&afterSeq&untilAt&limit`: what follows a seek, to play on. */
export const ReplayEventsQuery = z
  .object({
    stream: ReplayStream.default('live'),
    afterSeq: integerFrom(0, Number.MAX_SAFE_INTEGER),
    untilAt: Moment,
    limit: integerFrom(1, REPLAY_EVENTS_MAX).default(REPLAY_EVENTS_MAX),
  })
  .strict();
export type ReplayEventsQuery = z.infer<typeof ReplayEventsQuery>;

/**
 * `GET /api/v1/replay/positions?siteId&from&to[&afterGuardId]`: the positions lane between two
 * moments (at most 10 minutes), by time then guard. `afterGuardId` continues an answer cut at
 * REPLAY_POSITIONS_MAX: fixes at exactly `from` by guards up to it were sent already.
 */
export const ReplayPositionsQuery = z
  .object({ siteId: SiteId, from: Moment, to: Moment, afterGuardId: SiteId.optional() })
  .strict()
  .superRefine((value, context) => spanChecked(value, context, REPLAY_POSITIONS_WINDOW_MS, '10 minutes'));
export type ReplayPositionsQuery = z.infer<typeof ReplayPositionsQuery>;

export type ReplayMarkerKind = 'alarm' | 'incident' | 'dispatch' | 'step';

/** A mark on the timeline bar: an alarm raised, an incident opened or changing state, a dispatch, a plan step. */
export interface ReplayMarker {
  at: string;
  seq: number;
  kind: ReplayMarkerKind;
  /** The event type (`alarm.raised`, `plan.stepCompleted` …). */
  type: DomainEvent['type'];
  /** What to show on hover: the alarm's message, the incident's title; for an incident's state change the new state (a code the screen translates). */
  label?: string;
  /** The alarm, incident or dispatch; for a step, the step. */
  id: string;
  /** The incident a step or dispatch belongs to. */
  incidentId?: string;
}

export interface ReplayRangeResponse {
  stream: Stream;
  /** The first and last event of the stream in [from, to]; null when there is none. */
  firstAt: string | null;
  lastAt: string | null;
  markers: ReplayMarker[];
  /** More markers than REPLAY_MARKERS_MAX fell in the range; ask for a shorter one. */
  truncated: boolean;
}

export interface ReplayStateResponse {
  stream: Stream;
  /** The last event at or before `at` (0 and null before the first). */
  seq: number;
  at: string | null;
  /** The state after `seq`, as the viewer may see it (what a socket snapshot holds). */
  state: LiveStateJson;
  /** The last fix at or before the moment of each guard in `state` (the roster then), when at most REPLAY_FIX_MAX_AGE_MS old. */
  positions: GuardFix[];
  /** The checkpoint the seek started from (0: none) and how many events it folded after it. */
  checkpointSeq: number;
  folded: number;
}

export interface ReplayEventsResponse {
  stream: Stream;
  /** The viewer's events after `afterSeq` up to `untilAt`, in seq order. */
  events: DomainEvent[];
  /** More follow before `untilAt`: ask again after `lastSeq`. */
  more: boolean;
  /** The last seq read (seen or not), to continue from. */
  lastSeq: number;
}

export interface ReplayPositionsResponse {
  siteId: string;
  /** Every fix the site's lane holds, by time then guard; a screen moves the guards its replayed state has. */
  fixes: GuardFix[];
  /** Set when the answer was cut at REPLAY_POSITIONS_MAX: continue with these `from` and `afterGuardId`. */
  next: { from: string; afterGuardId: string } | null;
}
