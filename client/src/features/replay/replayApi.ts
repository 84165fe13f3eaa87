import type { ReplayEventsResponse, ReplayPositionsResponse, ReplayRangeResponse, ReplayStateResponse } from '@vigil/shared';

/* The replay REST contract (GET /api/v1/replay/…) is shared/src/schemas/replay.schemas.ts; this file holds the calls. */
export { REPLAY_POSITIONS_WINDOW_MS } from '@vigil/shared';
export type { ReplayEventsResponse, ReplayMarker, ReplayMarkerKind, ReplayPositionsResponse, ReplayRangeResponse, ReplayStateResponse } from '@vigil/shared';
import { requestJson } from '../../lib/http';

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
