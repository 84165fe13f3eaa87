import type { DrillInjectInput } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { firedNotes, forTabletop, injectRows } from './injectList';
import type { DrillInjectDone } from './drillsApi';

const alarm = (id: string, atSec: number): DrillInjectInput => ({ id, atSec, kind: 'alarm', alarm: { zoneId: 'z', kind: 'smoke', message: { zh: '烟', en: 'Smoke' } } });
const note = (id: string, atSec: number): DrillInjectInput => ({ id, atSec, kind: 'note', text: { zh: '问', en: 'Ask' } });
const scenario = { injects: [alarm('smoke', 0), alarm('heat', 40), note('ask', 90)] };
const at = (sec: number) => new Date(Date.parse('2026-12-04T02:00:00Z') + sec * 1000).toISOString();

describe("the controller's inject list", () => {
  it('marks the scripted injects fired, next and pending, with when each fired and whether early', () => {
    const done: DrillInjectDone[] = [
      { injectId: 'smoke', at: at(0), early: false, adHoc: false },
      { injectId: 'heat', at: at(12), early: true, adHoc: false },
    ];
    const rows = injectRows(scenario, done, 2, false);
    expect(rows.map((row) => [row.inject.id, row.state, row.firedAt, row.early])).toEqual([
      ['smoke', 'fired', at(0), false],
      ['heat', 'fired', at(12), true],
      ['ask', 'next', null, false],
    ]);
  });
  it('puts an ad hoc inject where it fired among the others; once ended, those to come never fired', () => {
    const done: DrillInjectDone[] = [
      { injectId: 'smoke', at: at(0), early: false, adHoc: false },
      { injectId: 'extra', at: at(5), early: false, adHoc: true, inject: note('extra', 0) },
    ];
    const rows = injectRows(scenario, done, 1, true);
    expect(rows.map((row) => [row.inject.id, row.state, row.adHoc, row.atSec])).toEqual([
      ['smoke', 'fired', false, 0],
      ['extra', 'fired', true, null],
      ['heat', 'unfired', false, 40],
      ['ask', 'unfired', false, 90],
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });
  it('lists the fired notes newest first, and walks a scenario at the table without its devices and guards', () => {
    const done: DrillInjectDone[] = [
      { injectId: 'ask', at: at(90), early: false, adHoc: false },
      { injectId: 'extra', at: at(100), early: false, adHoc: true, inject: note('extra', 0) },
    ];
    expect(firedNotes(injectRows(scenario, done, 3, false)).map((entry) => entry.firedAt)).toEqual([at(100), at(90)]);
    expect(forTabletop(scenario)).toEqual({ scenario, leftOut: 0 });
    const withDevices = { injects: [...scenario.injects, { id: 'cam', atSec: 5, kind: 'device_state', deviceId: 'c', status: 'fault' } as DrillInjectInput] };
    expect(forTabletop(withDevices)).toEqual({ scenario: { injects: scenario.injects }, leftOut: 1 });
  });
});
