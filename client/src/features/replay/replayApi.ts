import type { DomainEvent, GuardFix, LiveStateJson } from '@vigil/shared';
import { requestJson } from '../../lib/http';

/*
 * The replay REST contract (GET /api/v1/replay/…), typed here until the server's branch brings
 * its zod schemas to shared/src/schemas/replay.schemas.ts; then these types are swapped for the
 * shared ones, and this file keeps only the calls.
 */

export type ReplayMarkerKind = 'alarm' | 'incident' | 'dispatch' | 'step';

/** Something worth a tick on the timeline bar: an alarm raised, an incident opened, a dispatch, a step done. */
export interface ReplayMarker {
  at: string;
  seq: number;
  kind: ReplayMarkerKind;
  type: string;
  label?: string;
  id: string;
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
  /** The last event folded into `state`, and its time. */
  seq: number;
  at: string;
  /** The state at the moment, scoped to the viewer like a live snapshot. */
  state: LiveStateJson;
  /** Each guard's last fix at the moment. */
  positions: GuardFix[];
}

export interface ReplayEventsResponse {
  events: DomainEvent[];
  /** More events before `untilAt` than `limit`: ask again after the last one's seq. */
  more: boolean;
}

export interface ReplayPositionsResponse {
  /** Fixes in time order. */
  fixes: GuardFix[];
  /** The window held more fixes than the server sends. */
  truncated: boolean;
}

/** What a replay asks the server: GETs only, nothing that changes anything. */
export interface ReplayApi {
  range: (from: string, to: string) => Promise<ReplayRangeResponse>;
  state: (at: string) => Promise<ReplayStateResponse>;
  events: (afterSeq: number, untilAt: string, limit: number) => Promise<ReplayEventsResponse>;
  positions: (siteId: string, from: string, to: string) => Promise<ReplayPositionsResponse>;
}

const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();

/** The replay routes of this server, for one stream (`live` unless a drill's). */
export function httpReplayApi(stream = 'live'): ReplayApi {
  return {
    range: (from, to) => requestJson(`/api/v1/replay/range?${query({ stream, from, to })}`),
    state: (at) => requestJson(`/api/v1/replay/state?${query({ stream, at })}`),
    events: (afterSeq, untilAt, limit) => requestJson(`/api/v1/replay/events?${query({ stream, afterSeq, untilAt, limit })}`),
    positions: async (siteId, from, to) => {
      // The contract says "fixes in time order, bounded": a bare array is taken as well as `{ fixes }`.
      const body = await requestJson<ReplayPositionsResponse | GuardFix[]>(`/api/v1/replay/positions?${query({ stream, siteId, from, to })}`);
      return Array.isArray(body) ? { fixes: body, truncated: false } : body;
    },
  };
}
