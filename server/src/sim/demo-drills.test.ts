import { describe, expect, it } from 'vitest';
import { SHIPPED_PLANS, drillScenarioRefIssues, matchPlans, parseDrillScenario, type DrillScenario } from '@vigil/shared';
import { DEMO_DRILL_SCENARIOS } from './demo-drills.js';
import { demoGuards } from './demo-guards.js';
import { demoSite } from './demo-site.js';

const scenarios = DEMO_DRILL_SCENARIOS.map((raw) => {
  const parsed = parseDrillScenario(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
});

const refs = {
  siteId: demoSite.id,
  deviceIds: new Set(demoSite.devices.map((device) => device.id)),
  zoneIds: new Set(demoSite.zones.map((zone) => zone.id)),
  guardIds: new Set(demoGuards(demoSite.id).map((guard) => guard.id)),
  planIds: new Set(SHIPPED_PLANS.map((plan) => plan.id)),
};

function zoneOf(alarm: Extract<DrillScenario['injects'][number], { kind: 'alarm' }>['alarm']) {
  const zoneId = alarm.zoneId ?? demoSite.devices.find((device) => device.id === alarm.deviceId)?.zoneId ?? null;
  return demoSite.zones.find((zone) => zone.id === zoneId) ?? null;
}

describe('the demo drill scenarios', () => {
  it('ships the four the trainers asked for, each a valid scenario', () => {
    expect(scenarios.map((scenario) => scenario.id)).toEqual(['ev-fire-garage-night', 'perimeter-north', 'elevator-medical', 'basement-flood-power-cut']);
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s names only what the demo site and the plan library have', (_id, scenario) => {
    expect(drillScenarioRefIssues(scenario, refs)).toEqual([]);
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s: its first alarm proposes the plan the team is expected to run, first', (_id, scenario) => {
    const first = scenario.injects.find((inject) => inject.kind === 'alarm');
    if (first?.kind !== 'alarm') throw new Error('no alarm inject');
    const alarm = { kind: first.alarm.kind, priority: first.alarm.priority ?? 3, zoneId: zoneOf(first.alarm)?.id ?? null };
    expect(matchPlans(SHIPPED_PLANS.map((plan) => ({ ...plan, version: 1 })), alarm, zoneOf(first.alarm))[0]?.plan.id).toBe(scenario.planId);
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))('%s walks its guards on the site plan, on floors the site has', (_id, scenario) => {
    const floors = new Set(demoSite.floors.map((floor) => floor.level));
    for (const inject of scenario.injects) {
      if (inject.kind !== 'guard_walk') continue;
      expect(floors.has(inject.floor)).toBe(true);
      for (const [x, y] of inject.path) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(demoSite.plan.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(demoSite.plan.height);
      }
    }
  });
});
