import { describe, expect, it } from 'vitest';
import { drillScenarioRefIssues, parseDrillScenario, type DrillScenario } from './drill.schemas.js';

const scenario = () => ({
  format: 'vigil-drill-scenario',
  version: 1,
  id: 'perimeter-north',
  mode: 'live',
  name: { zh: '北侧围界入侵', en: 'North fence intrusion' },
  summary: { zh: '夜间北围墙翻越', en: 'Someone climbs the north fence at night' },
  siteId: 'demo',
  planId: 'intrusion',
  targets: { acknowledge: 60, planStart: 120, dispatch: 180, arrive: 420, finish: 1_200 },
  injects: [
    { id: 'fibre', atSec: 20, kind: 'alarm', alarm: { deviceId: 'demo-fibre-n', kind: 'vibration', priority: 3, message: { zh: '北围墙振动', en: 'North wall vibration' } } },
    { id: 'beam', atSec: 0, kind: 'alarm', alarm: { deviceId: 'demo-beam-n1', kind: 'intrusion', message: { zh: '北侧红外对射报警', en: 'North beam broken' } } },
    { id: 'walk', atSec: 30, kind: 'guard_walk', guardId: 'demo-guard-b1', floor: 0, path: [[200, 100], [200, 280]], speedMps: 1.5 },
    { id: 'hint', atSec: 90, kind: 'note', text: { zh: '提示指挥调看8号摄像机', en: 'Prompt the commander to look at camera 8' } },
  ],
});

const refs = {
  siteId: 'demo',
  deviceIds: new Set(['demo-fibre-n', 'demo-beam-n1']),
  zoneIds: new Set(['demo-z-garage']),
  guardIds: new Set(['demo-guard-b1']),
  planIds: new Set(['intrusion']),
};

const failure = (input: unknown) => {
  const result = parseDrillScenario(input);
  if (result.ok) throw new Error('expected the scenario to be refused');
  return result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};

describe('drill scenarios', () => {
  it('takes a valid scenario, its injects in time order', () => {
    const result = parseDrillScenario(scenario());
    expect(result.ok).toBe(true);
    const value = (result as { value: DrillScenario }).value;
    expect(value.injects.map((inject) => inject.id)).toEqual(['beam', 'fibre', 'walk', 'hint']);
    expect(drillScenarioRefIssues(value, refs)).toEqual([]);
  });

  it('names the inject by index and id, and the field', () => {
    const input = scenario();
    (input.injects[0] as { alarm: { kind: string } }).alarm.kind = 'vibrate';
    (input.injects[2] as { speedMps: number }).speedMps = 20;
    expect(failure(input)).toEqual([
      expect.stringMatching(/^injects\[0\] \(fibre\)\.alarm\.kind: must be one of intrusion, vibration/),
      'injects[2] (walk).speedMps: must be from 0.3 to 8 (metres per second)',
    ]);
  });

  it('refuses an inject id used twice, targets out of order, an alarm with neither device nor zone, and unknown fields', () => {
    const input = scenario() as Record<string, unknown> & ReturnType<typeof scenario>;
    input.injects[1]!.id = 'fibre';
    input.targets = { acknowledge: 60, planStart: 30, dispatch: 180, arrive: 420, finish: 1_200 };
    input.injects.push({ id: 'ghost', atSec: 5, kind: 'alarm', alarm: { kind: 'intrusion', message: { zh: '报警', en: 'Alarm' } } } as never);
    input.colour = 'red';
    expect(failure(input)).toEqual([
      'colour: unknown field',
      'injects[1] (fibre).id: "fibre" is already used by injects[0]',
      'injects[4] (ghost).alarm: must name a deviceId or a zoneId',
      'targets.planStart: must not be before targets.acknowledge (60 s)',
    ]);
  });

  it('refuses device and guard injects in a tabletop, which has neither', () => {
    expect(failure({ ...scenario(), mode: 'tabletop' })).toEqual(['injects[2] (walk).kind: a tabletop drill has no devices or guards: use alarm or note injects']);
  });

  it('refuses an inject after four hours, a NUL in a text, and a file that is not a scenario', () => {
    const input = scenario();
    input.injects[3]!.atSec = 4 * 3_600 + 1;
    (input.injects[3] as { text: { zh: string } }).text.zh = 'a\u0000b';
    expect(failure(input)).toEqual(['injects[3] (hint).atSec: must be an integer from 0 to 14400', 'injects[3] (hint).text.zh: must not contain a NUL character']);
    expect(failure([])).toEqual(['body: must be a drill scenario: an object with format "vigil-drill-scenario"']);
  });

  it('names what the site or the plan library does not have', () => {
    const input = { ...scenario(), planId: 'no-such-plan' };
    input.injects[0] = { ...input.injects[0]!, alarm: { ...(input.injects[0] as { alarm: object }).alarm, deviceId: 'demo-fibre-x' } } as never;
    const result = parseDrillScenario(input);
    expect(result.ok).toBe(true);
    const issues = drillScenarioRefIssues((result as { value: DrillScenario }).value, refs).map((issue) => `${issue.path}: ${issue.message}`);
    expect(issues).toEqual(['planId: no plan "no-such-plan" in the plan library', 'injects[1] (fibre).alarm.deviceId: no device "demo-fibre-x" on this site']);
  });
});
