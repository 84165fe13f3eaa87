import { compareAlarms, isOpen, type Alarm, type LiveState } from '@vigil/shared';
import { foldQueue, type QueueItem } from './stormFold';

/**
 * The one place the queue reads alarms out of the live state. Everything after it (the fold, the
 * tone, the lists) works on plain arrays, so a change of how LiveState holds alarms is made here.
 * Results are kept per state object: the queue's render and the tone's decision for the same
 * event share one pass over the alarms.
 */

export interface LiveAlarms {
  /** Open alarms in queue order (priority, then newest). */
  open: Alarm[];
  /** Resolved alarms the client still keeps, newest first. */
  resolved: Alarm[];
}

let lastAlarms: { source: LiveState['alarms']; value: LiveAlarms } | null = null;

/** What the queue reads of the live state: its alarms, and its sites for the zones of devices. */
export type QueueSource = Pick<LiveState, 'alarms' | 'sites'>;

export function liveAlarms(live: Pick<LiveState, 'alarms'>): LiveAlarms {
  if (lastAlarms?.source === live.alarms) return lastAlarms.value;
  const all = [...live.alarms.values()];
  const value = {
    open: all.filter((alarm) => isOpen(alarm.state)).sort(compareAlarms),
    resolved: all.filter((alarm) => !isOpen(alarm.state)).sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '')),
  };
  lastAlarms = { source: live.alarms, value };
  return value;
}

const zonesBySites = new WeakMap<LiveState['sites'], (alarm: Alarm) => string | null>();

/** An alarm's zone for folding: its own, else its device's in the live site. */
export function zoneResolver(sites: LiveState['sites']): (alarm: Alarm) => string | null {
  const known = zonesBySites.get(sites);
  if (known) return known;
  const deviceZones = new Map<string, string | null>();
  for (const site of Object.values(sites)) for (const device of site.devices) deviceZones.set(device.id, device.zoneId);
  const zoneOf = (alarm: Alarm) => alarm.zoneId ?? (alarm.deviceId ? (deviceZones.get(alarm.deviceId) ?? null) : null);
  zonesBySites.set(sites, zoneOf);
  return zoneOf;
}

/** How finely `now` moves the fold's "arrived lately" counts; membership does not depend on it. */
export const FOLD_CLOCK_STEP_MS = 5_000;

let lastFold: { alarms: LiveState['alarms']; sites: LiveState['sites']; step: number; items: QueueItem[] } | null = null;

/** The queue's items (rows and storm cards) for a live state at server time `now`. */
export function liveFold(live: QueueSource, now: number): QueueItem[] {
  const step = Math.floor(now / FOLD_CLOCK_STEP_MS);
  if (lastFold && lastFold.alarms === live.alarms && lastFold.sites === live.sites && lastFold.step === step) return lastFold.items;
  const items = foldQueue(liveAlarms(live).open, step * FOLD_CLOCK_STEP_MS, { zoneOf: zoneResolver(live.sites) });
  lastFold = { alarms: live.alarms, sites: live.sites, step, items };
  return items;
}
