import { priorityBand, type Alarm, type PriorityBand } from '@vigil/shared';
import { stormOfAlarm, type QueueItem } from './stormFold';

/**
 * Which of the alarms just raised sound, given the queue's fold before and after them.
 *
 * - A critical alarm always sounds: a fire or an SOS never arrives in silence, storm or not.
 * - An alarm shown as its own row sounds, as every new alarm does.
 * - An alarm folded into a storm card sounds only when that card has just formed: one tone says
 *   "a storm has started here"; the 300 alarms after it add to the card's count in silence.
 *   (The reminder still repeats while high or critical ones wait, as one tone for all.)
 *
 * Returns the priorities to sound (playAlertFor plays one tone for the most urgent).
 */
export function tonePriorities(raised: readonly Alarm[], before: readonly QueueItem[], after: readonly QueueItem[]): number[] {
  const stormBefore = new Set(before.flatMap((item) => (item.type === 'storm' ? [item.storm.key] : [])));
  const stormAfter = stormOfAlarm(after);
  const formed = new Set<string>();
  const priorities: number[] = [];
  for (const alarm of raised) {
    const storm = stormAfter.get(alarm.id);
    if (priorityBand(alarm.priority) === 'critical' || storm === undefined) priorities.push(alarm.priority);
    else if (!stormBefore.has(storm) && !formed.has(storm)) {
      formed.add(storm);
      priorities.push(alarm.priority);
    }
  }
  return priorities;
}

const RANK: Record<PriorityBand, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** A tone no more urgent than one started this recently is not started again over it. */
export const TONE_GAP_MS = 1_500;

/**
 * Whether a tone of `band` starts at `now`, after the last one (`last`). Alarms arriving faster than
 * the tone plays (20 rows in the second before a storm folds) make one tone, not 20 overlapping
 * ones; a tone more urgent than the one playing, and any critical one, always starts.
 */
export function startsTone(band: PriorityBand, now: number, last: { band: PriorityBand; at: number } | null): boolean {
  if (band === 'critical' || last === null) return true;
  return RANK[band] < RANK[last.band] || now - last.at >= TONE_GAP_MS || now < last.at;
}
