import type { AlarmKind } from '../alarm.js';
import type { ActivationRule, PlanTemplate } from '../plan.js';
import type { Alarm, Zone, ZoneKind } from '../types.js';

/**
 * Which plans an alarm activates (事件分级与启动条件), best first. A rule matches when every
 * list it fills names the alarm's kind, its zone's kind, its zone, and the alarm is at least as
 * urgent as its `maxPriority`; an empty list (or null) asks nothing. Pure.
 */

/** One condition of a rule that the alarm met, for the screen to say in its own language. */
export type MatchedCondition =
  | { on: 'alarmKind'; alarmKind: AlarmKind }
  | { on: 'zoneId'; zoneId: string }
  | { on: 'zoneKind'; zoneKind: ZoneKind }
  | { on: 'priority'; priority: number; maxPriority: number };

export interface PlanMatch<T> {
  plan: T;
  /** The rule that matched, by its index in `plan.activation` (the best, if several did). */
  ruleIndex: number;
  rule: ActivationRule;
  /** The conditions it asked for and the alarm met, the most telling first; empty: a rule for any alarm. */
  matched: MatchedCondition[];
  /** The same in English, for logs: `alarm kind smoke; zone kind garage`. */
  description: string;
}

export type MatchableAlarm = Pick<Alarm, 'kind' | 'priority' | 'zoneId'>;
export type MatchablePlan = Pick<PlanTemplate, 'id' | 'level' | 'activation'>;

/** How telling each condition is: the alarm's kind most, then its very zone, the zone's kind, the priority. */
const WEIGHT: Record<MatchedCondition['on'], number> = { alarmKind: 8, zoneId: 4, zoneKind: 2, priority: 1 };

/** The conditions of `rule` the alarm met, or null when it missed one. */
export function matchRule(rule: ActivationRule, alarm: MatchableAlarm, zone: Pick<Zone, 'id' | 'kind'> | null): MatchedCondition[] | null {
  const matched: MatchedCondition[] = [];
  if (rule.alarmKinds.length > 0) {
    if (!rule.alarmKinds.includes(alarm.kind)) return null;
    matched.push({ on: 'alarmKind', alarmKind: alarm.kind });
  }
  if (rule.zoneIds.length > 0) {
    const zoneId = zone?.id ?? alarm.zoneId;
    if (zoneId === null || !rule.zoneIds.includes(zoneId)) return null;
    matched.push({ on: 'zoneId', zoneId });
  }
  if (rule.zoneKinds.length > 0) {
    if (!zone || !rule.zoneKinds.includes(zone.kind)) return null;
    matched.push({ on: 'zoneKind', zoneKind: zone.kind });
  }
  if (rule.maxPriority !== null) {
    if (alarm.priority > rule.maxPriority) return null;
    matched.push({ on: 'priority', priority: alarm.priority, maxPriority: rule.maxPriority });
  }
  return matched;
}

const score = (matched: readonly MatchedCondition[]) => matched.reduce((sum, condition) => sum + WEIGHT[condition.on], 0);

export function describeMatch(matched: readonly MatchedCondition[]): string {
  if (matched.length === 0) return 'any alarm';
  return matched
    .map((condition) => {
      switch (condition.on) {
        case 'alarmKind':
          return `alarm kind ${condition.alarmKind}`;
        case 'zoneId':
          return `zone ${condition.zoneId}`;
        case 'zoneKind':
          return `zone kind ${condition.zoneKind}`;
        case 'priority':
          return `priority ${condition.priority} (at most ${condition.maxPriority})`;
      }
    })
    .join('; ');
}

/**
 * The plans whose rules the alarm meets, each once with its best rule. Best first: the most
 * telling rule (an alarm-kind-and-zone-kind rule before an alarm-kind one), then the more severe
 * plan (level I first), then the order given.
 */
export function matchPlans<T extends MatchablePlan>(templates: readonly T[], alarm: MatchableAlarm, zone: Pick<Zone, 'id' | 'kind'> | null): PlanMatch<T>[] {
  const found: { match: PlanMatch<T>; score: number; order: number }[] = [];
  templates.forEach((plan, order) => {
    let best: { match: PlanMatch<T>; score: number; order: number } | null = null;
    for (const [ruleIndex, rule] of plan.activation.entries()) {
      const matched = matchRule(rule, alarm, zone);
      if (!matched || (best && best.score >= score(matched))) continue;
      best = { match: { plan, ruleIndex, rule, matched, description: describeMatch(matched) }, score: score(matched), order };
    }
    if (best) found.push(best);
  });
  return found
    .sort((a, b) => b.score - a.score || a.match.plan.level - b.match.plan.level || a.order - b.order)
    .map(({ match }) => match);
}
