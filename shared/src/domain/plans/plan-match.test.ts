import { describe, expect, it } from 'vitest';
import { describeMatch, matchPlans, type MatchablePlan } from './plan-match.js';
import { SHIPPED_PLANS } from './library/index.js';
import type { AlarmKind } from '../alarm.js';
import type { ZoneKind } from '../types.js';

const alarm = (kind: AlarmKind, priority = 2, zoneId: string | null = null) => ({ kind, priority, zoneId });
const zone = (kind: ZoneKind, id = 'z1') => ({ id, kind });
const ids = (matches: { plan: { id: string } }[]) => matches.map((match) => match.plan.id);

describe('matchPlans with the shipped library', () => {
  it('a smoke alarm suggests the fire plan, with the rule that matched', () => {
    const [best, ...rest] = matchPlans(SHIPPED_PLANS, alarm('smoke', 2, 'b1-3f'), zone('building', 'b1-3f'));
    expect(best).toMatchObject({ plan: { id: 'fire' }, ruleIndex: 0, matched: [{ on: 'alarmKind', alarmKind: 'smoke' }], description: 'alarm kind smoke' });
    expect(rest).toEqual([]);
  });

  it('smoke in a garage puts the EV charging fire plan first, the fire plan next', () => {
    const matches = matchPlans(SHIPPED_PLANS, alarm('smoke'), zone('garage'));
    expect(ids(matches)).toEqual(['ev-fire', 'fire']);
    expect(matches[0]?.matched).toEqual([
      { on: 'alarmKind', alarmKind: 'smoke' },
      { on: 'zoneKind', zoneKind: 'garage' },
    ]);
    expect(matches[0]?.description).toBe('alarm kind smoke; zone kind garage');
  });

  it('maps each kind to its incident', () => {
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('elevator_entrapment'), null))).toEqual(['elevator-entrapment']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('water_leak', 3), zone('plant_room')))).toEqual(['flooding']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('power_failure', 3), null))).toEqual(['power-cut']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('sos', 1), null))).toEqual(['violence', 'medical']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('intrusion'), zone('perimeter')))).toEqual(['intrusion']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('door_forced'), zone('building')))).toEqual(['theft']);
    expect(ids(matchPlans(SHIPPED_PLANS, alarm('other', 4), null))).toEqual(['other']);
    expect(matchPlans(SHIPPED_PLANS, alarm('device_offline', 5), zone('building'))).toEqual([]);
  });

  it('a priority rule excludes a low-priority alarm: loitering in a public square starts nothing until it is priority 2', () => {
    expect(matchPlans(SHIPPED_PLANS, alarm('loitering', 3), zone('public'))).toEqual([]);
    const [escalated] = matchPlans(SHIPPED_PLANS, alarm('loitering', 2), zone('public'));
    expect(escalated).toMatchObject({ plan: { id: 'intrusion' }, ruleIndex: 3, matched: [{ on: 'alarmKind' }, { on: 'priority', priority: 2, maxPriority: 2 }] });
    // At the fence the zone rule matches whatever the priority.
    expect(matchPlans(SHIPPED_PLANS, alarm('loitering', 3), zone('perimeter'))[0]).toMatchObject({ plan: { id: 'intrusion' }, ruleIndex: 2 });
  });
});

describe('matchPlans rules', () => {
  const rule = (fields: Partial<MatchablePlan['activation'][number]>) => ({ alarmKinds: [], zoneKinds: [], zoneIds: [], maxPriority: null, ...fields });
  const plans: MatchablePlan[] = [
    { id: 'any-urgent', level: 3, activation: [rule({ maxPriority: 1 })] },
    { id: 'north-gate', level: 2, activation: [rule({ alarmKinds: ['intrusion'] }), rule({ alarmKinds: ['intrusion'], zoneIds: ['gate-n'] })] },
    { id: 'perimeter', level: 2, activation: [rule({ alarmKinds: ['intrusion'], zoneKinds: ['perimeter'] })] },
    { id: 'manual', level: 1, activation: [] },
  ];

  it('keeps each plan once, with its most telling rule, best first', () => {
    const matches = matchPlans(plans, alarm('intrusion', 1, 'gate-n'), zone('perimeter', 'gate-n'));
    expect(matches.map((match) => [match.plan.id, match.ruleIndex, match.description])).toEqual([
      ['north-gate', 1, 'alarm kind intrusion; zone gate-n'],
      ['perimeter', 0, 'alarm kind intrusion; zone kind perimeter'],
      ['any-urgent', 0, 'priority 1 (at most 1)'],
    ]);
  });

  it('a zone rule needs the zone, and a priority rule an urgent enough alarm', () => {
    expect(ids(matchPlans(plans, alarm('intrusion', 2), null))).toEqual(['north-gate']);
    expect(ids(matchPlans(plans, alarm('intrusion', 2, 'gate-n'), null))).toEqual(['north-gate']);
    expect(matchPlans(plans, alarm('intrusion', 2, 'gate-n'), null)[0]?.ruleIndex).toBe(1);
  });

  it('a rule with nothing in it matches any alarm', () => {
    expect(ids(matchPlans([{ id: 'catch-all', level: 3, activation: [rule({})] }], alarm('tamper', 9), null))).toEqual(['catch-all']);
    expect(describeMatch([])).toBe('any alarm');
  });
});
