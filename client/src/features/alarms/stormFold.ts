import { priorityBand, type Alarm, type AlarmKind } from '@vigil/shared';

/**
 * Storm folding (告警风暴): more than STORM_THRESHOLD alarms from one zone, or one site, within
 * STORM_WINDOW_MS show as one card with a count. Folding is display only: every member is still an
 * alarm with its own state, its own actions and its own acknowledgement event.
 *
 * The rules, all derived from the open alarms themselves (every screen folds the same way, a
 * reload folds the same way, and nothing flickers as the clock moves):
 *
 * - Arrivals are alarms' `firstAt` (server time). A repeat of the same source only raises an
 *   alarm's count (the server's dedupe), it is not a new arrival.
 * - A place starts storming at the arrival that makes more than STORM_THRESHOLD in the window
 *   ending at it, i.e. the 21st within 60 s: it and the 20 before it in that window fold together.
 *   Alarms older than the window are not counted and stay rows.
 * - Hysteresis: once storming, each later arrival from the place joins the card while the window
 *   ending at it still holds more than STORM_CALM arrivals. At that rate or below the storm has
 *   subsided: the next arrival is a row again (a fresh alarm after the storm is not buried), and
 *   only more than STORM_THRESHOLD in a window starts folding again. A rate hovering around the
 *   threshold therefore stays folded instead of alternating.
 * - The card stays while its open members still hold a storm. Acknowledging changes its counts;
 *   resolving removes members, and once no STORM_WINDOW_MS of the remaining ones holds more than
 *   STORM_THRESHOLD, the card unfolds into rows. It does not unfold just because the rate dropped:
 *   300 "device offline" rows coming back a minute after a power cut is the flood folding exists
 *   to prevent; the card says the storm has subsided instead.
 * - Zone before site: a zone's storm is folded in that zone's card; the site's remaining alarms
 *   (other zones, no zone) are replayed together, and a site-wide storm (a power cut across every
 *   zone) becomes one site card.
 * - Critical alarms (P1: fire, SOS, panic) never fold and do not count towards a storm. Each stays
 *   its own row at the top of the queue with its own flash, tone and acknowledge: an operator must
 *   see a fire call point going off inside a flood of smoke detectors, and must acknowledge it as
 *   that alarm. The card shows how many critical alarms from the same place are in the queue.
 */

export const STORM_WINDOW_MS = 60_000;
/** More than this many arrivals from one place in STORM_WINDOW_MS is a storm. */
export const STORM_THRESHOLD = 20;
/** A storm goes on while more than this many arrivals are in the window before each new one. */
export const STORM_CALM = 5;

export type StormScope = { kind: 'zone'; siteId: string; zoneId: string } | { kind: 'site'; siteId: string };

export interface Storm {
  /** `zone:<site>:<zone>` or `site:<site>`: one card per place. */
  key: string;
  scope: StormScope;
  /** Every folded alarm, in queue order (priority, then newest). */
  members: Alarm[];
  /** Members still `new` (nobody has acknowledged them). */
  unacknowledged: number;
  highestPriority: number;
  /** Kinds among the members, most frequent first. */
  kinds: { kind: AlarmKind; count: number }[];
  /** Server times of the first and the latest arrival among the members. */
  firstAt: string;
  lastAt: string;
  /** Members that arrived in the STORM_WINDOW_MS before `now`. */
  recent: number;
  /** Still arriving faster than STORM_CALM a window; false once the storm has subsided. */
  active: boolean;
  /** Distinct zones among the members (a site storm says how wide it is). */
  zones: number;
  /** Critical alarms of the same place, open, kept as their own rows. */
  criticalApart: number;
}

export type QueueItem = { type: 'alarm'; alarm: Alarm } | { type: 'storm'; storm: Storm };

export interface FoldOptions {
  /** The zone an alarm belongs to (its own, else its device's); defaults to `alarm.zoneId`. */
  zoneOf?: (alarm: Alarm) => string | null;
}

interface Arrival {
  alarm: Alarm;
  at: number;
  /** Position in the input, to break ties in time without comparing strings. */
  order: number;
}

/**
 * The replay of one place's arrivals (sorted by time) through the rules above: which of them fold.
 * The window ending at arrival i is every arrival in (at_i − STORM_WINDOW_MS, at_i].
 */
export function stormMembers(times: readonly number[]): boolean[] {
  const member = times.map(() => false);
  let storming = false;
  let start = 0;
  for (let i = 0; i < times.length; i++) {
    const at = times[i]!;
    while (times[start]! <= at - STORM_WINDOW_MS) start++;
    const inWindow = i - start + 1;
    if (storming && inWindow > STORM_CALM) {
      member[i] = true;
      continue;
    }
    storming = inWindow > STORM_THRESHOLD;
    if (storming) for (let j = start; j <= i; j++) member[j] = true;
  }
  return member;
}

/**
 * `firstAt` in ms, parsed once per alarm object: the reducer keeps an unchanged alarm's object
 * from one state to the next, and parsing 2,000 dates was most of a fold's own time.
 */
const arrivalTimes = new WeakMap<Alarm, number>();
function arrivalOf(alarm: Alarm): number {
  let at = arrivalTimes.get(alarm);
  if (at === undefined) {
    at = Date.parse(alarm.firstAt);
    arrivalTimes.set(alarm, at);
  }
  return at;
}

function byArrival(a: Arrival, b: Arrival): number {
  return a.at - b.at || a.order - b.order;
}

/**
 * The queue's order (compareAlarms for open alarms: priority, then newest) with plain string
 * comparison: ISO times compare the same, and localeCompare would be most of the fold's cost.
 */
function newerFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function byQueueOrder(a: Alarm, b: Alarm): number {
  return a.priority - b.priority || newerFirst(a.lastAt, b.lastAt);
}

/** Splits a place's arrivals into the folded and the rest. */
function replay(arrivals: Arrival[]): { folded: Arrival[]; rest: Arrival[] } {
  arrivals.sort(byArrival);
  const member = stormMembers(arrivals.map(({ at }) => at));
  const folded: Arrival[] = [];
  const rest: Arrival[] = [];
  arrivals.forEach((arrival, i) => (member[i] ? folded : rest).push(arrival));
  return { folded, rest };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function summarize(key: string, scope: StormScope, folded: Arrival[], zoneOf: (alarm: Alarm) => string | null, now: number, criticalApart: number): Storm {
  const members = folded.map(({ alarm }) => alarm).sort(byQueueOrder);
  const kinds = new Map<AlarmKind, number>();
  const zones = new Set<string>();
  let unacknowledged = 0;
  let recent = 0;
  for (const { alarm, at } of folded) {
    kinds.set(alarm.kind, (kinds.get(alarm.kind) ?? 0) + 1);
    const zone = zoneOf(alarm);
    if (zone !== null) zones.add(zone);
    if (alarm.state === 'new') unacknowledged++;
    // No upper bound: `now` may be a step behind the latest arrival (see liveFold).
    if (at > now - STORM_WINDOW_MS) recent++;
  }
  return {
    key,
    scope,
    members,
    unacknowledged,
    highestPriority: members[0]!.priority,
    kinds: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    // `folded` is in arrival order.
    firstAt: folded[0]!.alarm.firstAt,
    lastAt: folded.reduce((latest, { alarm }) => (alarm.lastAt > latest ? alarm.lastAt : latest), folded[0]!.alarm.lastAt),
    recent,
    active: recent > STORM_CALM,
    zones: zones.size,
    criticalApart,
  };
}

function itemPriority(item: QueueItem): number {
  return item.type === 'alarm' ? item.alarm.priority : item.storm.highestPriority;
}

function itemLastAt(item: QueueItem): string {
  return item.type === 'alarm' ? item.alarm.lastAt : item.storm.lastAt;
}

/** Queue order: priority (1 first), then newest; a card sits where its most urgent member would. */
export function compareItems(a: QueueItem, b: QueueItem): number {
  return itemPriority(a) - itemPriority(b) || newerFirst(itemLastAt(a), itemLastAt(b));
}

/**
 * Open alarms and the server's time to the queue's items: single alarms and storm cards, in queue
 * order. `now` only says how many arrived lately (`recent`, `active`); which alarms fold depends
 * on the alarms alone. Alarms not open are ignored.
 */
export function foldQueue(open: readonly Alarm[], now: number, options: FoldOptions = {}): QueueItem[] {
  const zoneOf = options.zoneOf ?? ((alarm: Alarm) => alarm.zoneId);
  const items: QueueItem[] = [];
  const byZone = new Map<string, Arrival[]>();
  const noZone = new Map<string, Arrival[]>();
  const critical = new Map<string, number>();
  let order = 0;
  for (const alarm of open) {
    order++;
    if (alarm.state === 'resolved') continue;
    const zone = zoneOf(alarm);
    if (priorityBand(alarm.priority) === 'critical') {
      items.push({ type: 'alarm', alarm });
      for (const key of [`site:${alarm.siteId}`, ...(zone === null ? [] : [`zone:${alarm.siteId}:${zone}`])]) critical.set(key, (critical.get(key) ?? 0) + 1);
      continue;
    }
    const arrival = { alarm, at: arrivalOf(alarm), order };
    if (zone === null) push(noZone, alarm.siteId, arrival);
    else push(byZone, `${alarm.siteId}\u0000${zone}`, arrival);
  }

  // Zones first; what a zone does not fold goes on to its site's replay.
  const siteRest = noZone;
  for (const [place, arrivals] of byZone) {
    const [siteId = '', zoneId = ''] = place.split('\u0000');
    const { folded, rest } = replay(arrivals);
    if (folded.length > 0) {
      const key = `zone:${siteId}:${zoneId}`;
      items.push({ type: 'storm', storm: summarize(key, { kind: 'zone', siteId, zoneId }, folded, zoneOf, now, critical.get(key) ?? 0) });
    }
    for (const arrival of rest) push(siteRest, siteId, arrival);
  }
  for (const [siteId, arrivals] of siteRest) {
    const { folded, rest } = replay(arrivals);
    if (folded.length > 0) {
      const key = `site:${siteId}`;
      items.push({ type: 'storm', storm: summarize(key, { kind: 'site', siteId }, folded, zoneOf, now, critical.get(key) ?? 0) });
    }
    for (const { alarm } of rest) items.push({ type: 'alarm', alarm });
  }
  return items.sort(compareItems);
}

/** The alarms in the order the queue shows them, with each card's members where the card is. */
export function queueAlarms(items: readonly QueueItem[]): Alarm[] {
  return items.flatMap((item) => (item.type === 'alarm' ? [item.alarm] : item.storm.members));
}

/** Which card, if any, each folded alarm is in. */
export function stormOfAlarm(items: readonly QueueItem[]): Map<string, string> {
  const stormOf = new Map<string, string>();
  for (const item of items) if (item.type === 'storm') for (const alarm of item.storm.members) stormOf.set(alarm.id, item.storm.key);
  return stormOf;
}

/** A storm as seen from part of the queue (one zone's details, the alarms not yet in an incident). */
export interface StormPart {
  storm: Storm;
  /** The storm's members among the alarms asked about. */
  members: Alarm[];
}

export type PartItem = { type: 'alarm'; alarm: Alarm } | { type: 'storm'; part: StormPart };

/**
 * Some of the open alarms as the queue folds them: each alarm that is a row stays one, the ones
 * in a storm card become one line per card (with how many of them are here), in queue order.
 * It folds by the whole queue, so a site-wide storm reads the same in every zone it touches.
 */
export function foldPart(items: readonly QueueItem[], alarms: readonly Alarm[]): PartItem[] {
  const wanted = new Set(alarms.map(({ id }) => id));
  return items.flatMap((item): PartItem[] => {
    if (item.type === 'alarm') return wanted.has(item.alarm.id) ? [item] : [];
    const members = item.storm.members.filter(({ id }) => wanted.has(id));
    return members.length > 0 ? [{ type: 'storm', part: { storm: item.storm, members } }] : [];
  });
}
