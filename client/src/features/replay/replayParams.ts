/**
 * Which moment a screen's address asks to replay. `?at=ISO` opens the replay there, an hour
 * either side to play through; `?replay=1&from=ISO&to=ISO` (and `at` within them, else `from`)
 * opens a chosen range. Nothing of these: the screen is live. A time that cannot be read is
 * said so (never shown live instead: a wall that looks live when a replay was asked is wrong).
 */
export type ReplayRequest =
  | { kind: 'live' }
  | { kind: 'replay'; from: number; to: number; at: number; stream?: ReplayStream }
  | { kind: 'invalid'; field: 'at' | 'from' | 'to' | 'stream' };

/** `live`, or a drill's stream `drill:<runId>` (its debrief): `&stream=` on a replay link. */
export type ReplayStream = 'live' | `drill:${string}`;
const DRILL_STREAM = /^drill:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parameters that make a replay; "back to live" drops them and keeps the rest. */
export const REPLAY_PARAMS = ['replay', 'at', 'from', 'to', 'stream'] as const;

/** Around a bare `?at=`, this much before and after is replayable. */
export const AROUND_AT_MS = 60 * 60_000;
/** `?replay=1` without a range: the last hour. */
export const DEFAULT_RANGE_MS = 60 * 60_000;

function timeOf(params: URLSearchParams, field: 'at' | 'from' | 'to'): number | null | 'invalid' {
  const text = params.get(field);
  if (text === null || text === '') return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : 'invalid';
}

export function replayRequest(params: URLSearchParams, wallNow = Date.now()): ReplayRequest {
  const wanted = params.get('replay') === '1' || params.has('at');
  if (!wanted) return { kind: 'live' };
  const at = timeOf(params, 'at');
  const from = timeOf(params, 'from');
  const to = timeOf(params, 'to');
  if (at === 'invalid') return { kind: 'invalid', field: 'at' };
  if (from === 'invalid') return { kind: 'invalid', field: 'from' };
  if (to === 'invalid') return { kind: 'invalid', field: 'to' };
  const stream = params.get('stream') ?? 'live';
  if (stream !== 'live' && !DRILL_STREAM.test(stream)) return { kind: 'invalid', field: 'stream' };
  // Nothing after now can be replayed.
  const end = Math.min(to ?? (at !== null ? at + AROUND_AT_MS : wallNow), wallNow);
  const start = from ?? (at !== null ? at - AROUND_AT_MS : end - DEFAULT_RANGE_MS);
  if (end < start) return { kind: 'invalid', field: to !== null ? 'to' : 'at' };
  const replay = { kind: 'replay' as const, from: start, to: end, at: Math.min(end, Math.max(start, at ?? start)) };
  return stream === 'live' ? replay : { ...replay, stream: stream as ReplayStream };
}

/** The query that replays a drill's stream (its debrief) from its start to its end. */
export function drillReplaySearch(replay: { stream: string; from: string; to: string }): string {
  return `?${new URLSearchParams({ replay: '1', stream: replay.stream, from: replay.from, to: replay.to }).toString()}`;
}

/** An incident's replay starts this long before it was opened (the alarm that led to it). */
export const INCIDENT_LEAD_MS = 2 * 60_000;

/** The query that replays an incident on /command: from just before it opened to its close (or now). */
export function incidentReplaySearch(incident: { id: string; openedAt: string; resolvedAt: string | null; closedAt: string | null }, wallNow = Date.now()): string {
  const from = Date.parse(incident.openedAt) - INCIDENT_LEAD_MS;
  const end = incident.closedAt ?? incident.resolvedAt;
  const to = Math.min(wallNow, end ? Date.parse(end) + INCIDENT_LEAD_MS : wallNow);
  const params = new URLSearchParams({ incident: incident.id, replay: '1', from: new Date(from).toISOString(), to: new Date(Math.max(from, to)).toISOString() });
  return `?${params.toString()}`;
}

/** The same address without the replay's parameters: the live screen. */
export function liveSearch(params: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  for (const name of REPLAY_PARAMS) rest.delete(name);
  const search = rest.toString();
  return search ? `?${search}` : '';
}
