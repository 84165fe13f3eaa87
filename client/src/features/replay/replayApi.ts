import type { DomainEvent, GuardFix, LiveStateJson } from '@vigil/shared';
import { requestJson } from '../../lib/http';

/*
 * The replay REST contract (GET /api/v1/replay/…), typed here until the server's branch brings
 * its zod schemas to shared/src/schemas/replay.schemas.ts; then these types are swapped for the
 * shared ones (they have the same shape), and this file keeps only the calls.
 */

/** `positions` spans at most this long (REPLAY_POSITIONS_WINDOW_MS on the server). */
export const REPLAY_POSITIONS_WINDOW_MS = 10 * 60_000;

export type ReplayMarkerKind = 'alarm' | 'incident' | 'dispatch' | 'step';

/** Something worth a tick on the timeline bar: an alarm raised, an incident opened, a dispatch, a step done. */
export interface ReplayMarker {
  at: string;
  seq: number;
  kind: ReplayMarkerKind;
  type: string;
  label?: string;
  /** The alarm, incident or dispatch; for a step, the step. */
  id: string;
  incidentId?: string;
}

export interface ReplayRangeResponse {
  /** The first and last event in the asked range (null when there is none). */
  firstAt: string | null;
  lastAt: string | null;
  markers: ReplayMarker[];
  /** More markers than the server sends: the bar shows the first ones. */
  truncated: boolean;
}

export interface ReplayStateResponse {
  /** The last event folded into `state`, and its time (0 and null before the first). */
  seq: number;
  at: string | null;
  /** The state at the moment, scoped to the viewer like a live snapshot. */
  state: LiveStateJson;
  /** Each guard's last fix at the moment. */
  positions: GuardFix[];
}

export interface ReplayEventsResponse {
  events: DomainEvent[];
  /** More events before `untilAt` than `limit`: ask again after `lastSeq`. */
  more: boolean;
  /** The last seq read, seen by this viewer or not: where the next page starts. */
  lastSeq?: number;
}

export interface ReplayPositionsResponse {
  /** Fixes in time order (then by guard). */
  fixes: GuardFix[];
  /** Set when the answer was cut short: continue from `from`, after `afterGuardId`'s fixes at that time. */
  next: { from: string; afterGuardId: string } | null;
}

/** What a replay asks the server: GETs only, nothing that changes anything. */
export interface ReplayApi {
  range: (from: string, to: string) => Promise<ReplayRangeResponse>;
  state: (at: string) => Promise<ReplayStateResponse>;
  events: (afterSeq: number, untilAt: string, limit: number) => Promise<ReplayEventsResponse>;
  /** At most REPLAY_POSITIONS_WINDOW_MS from `from` to `to`. */
  positions: (siteId: string, from: string, to: string, afterGuardId?: string) => Promise<ReplayPositionsResponse>;
}

const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();

/** The replay routes of this server, for one stream (`live` unless a drill's). */
export function httpReplayApi(stream = 'live'): ReplayApi {
  return {
    range: (from, to) => requestJson(`/api/v1/replay/range?${query({ stream, from, to })}`),
    state: (at) => requestJson(`/api/v1/replay/state?${query({ stream, at })}`),
    events: (afterSeq, untilAt, limit) => requestJson(`/api/v1/replay/events?${query({ stream, afterSeq, untilAt, limit })}`),
    // The positions lane is not a stream's: no `stream` here (the route refuses unknown parameters).
    positions: (siteId, from, to, afterGuardId) =>
      requestJson(`/api/v1/replay/positions?${query({ siteId, from, to, ...(afterGuardId ? { afterGuardId } : {}) })}`),
  };
}
