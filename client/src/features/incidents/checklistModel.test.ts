import type { PlanRun, StepState } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { buildIncident, commander } from '../../../../shared/src/testing/incident-fixtures';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { checklistRows, formatSeconds, stepClock } from './checklistModel';

/** The fixture's fire-like plan, started at 03:00:00: assess (yes/no) → call 119 → evacuate → report; "no" → false alarm. */
const START = Date.parse('2026-12-02T03:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const baseRun = (): PlanRun => buildIncident().plan!;

function withStates(run: PlanRun, states: Record<string, Partial<StepState>>): PlanRun {
  const next = { ...run.states };
  for (const [id, patch] of Object.entries(states)) next[id] = { ...next[id]!, by: commander, ...patch };
  return { ...run, states: next };
}

const stateOf = (run: PlanRun) => Object.fromEntries(checklistRows(run).map((row) => [row.step.id, row.state]));
const words = (template: string, time: string) => template.replace('{{time}}', time);

describe('the checklist rows', () => {
  it('at the start: the branch question is current, everything beyond it not reached yet', () => {
    expect(stateOf(baseRun())).toEqual({ assess: 'current', call_119: 'unreached', evacuate: 'unreached', report: 'unreached', false_alarm: 'unreached' });
  });

  it('after "yes": assess done, call 119 current, the rest of the path open, the false-alarm branch bypassed', () => {
    const run = withStates(baseRun(), { assess: { status: 'done', answer: 'yes', at: at(30) } });
    expect(stateOf(run)).toEqual({ assess: 'done', call_119: 'current', evacuate: 'open', report: 'open', false_alarm: 'bypassed' });
  });

  it('a skipped step reads skipped and the next open one becomes current', () => {
    const run = withStates(baseRun(), {
      assess: { status: 'done', answer: 'yes', at: at(30) },
      call_119: { status: 'skipped', reason: 'Fire brigade already on site', at: at(50) },
    });
    const rows = checklistRows(run);
    expect(stateOf(run)).toMatchObject({ call_119: 'skipped', evacuate: 'current' });
    expect(rows.find((row) => row.step.id === 'call_119')?.stepState.reason).toBe('Fire brigade already on site');
  });

  it('after "no": only the false-alarm step remains, the fire steps are bypassed', () => {
    const run = withStates(baseRun(), { assess: { status: 'done', answer: 'no', at: at(20) } });
    expect(stateOf(run)).toEqual({ assess: 'done', call_119: 'bypassed', evacuate: 'bypassed', report: 'bypassed', false_alarm: 'current' });
  });
});

describe('the step clock, from server time', () => {
  const run = withStates(baseRun(), { assess: { status: 'done', answer: 'yes', at: at(30) } });
  const step = (id: string) => run.steps.find((candidate) => candidate.id === id)!;

  it('runs neutral before the warning time', () => {
    expect(stepClock(run, step('evacuate'), START + 105_000)).toMatchObject({ tone: 'ok', key: 'dueIn', time: '3:15' });
  });

  it('turns amber at the warning time, with the time left', () => {
    const clock = stepClock(run, step('call_119'), START + 105_000);
    expect(clock).toMatchObject({ tone: 'warning', key: 'warning', time: '0:15' });
  });

  it('turns red once overdue and says by how much, in both languages', () => {
    const clock = stepClock(run, step('call_119'), START + 165_000);
    expect(clock).toMatchObject({ tone: 'overdue', key: 'overdue', time: '0:45', secondsLeft: -45 });
    expect(words(en.incidents.checklist.overdue, clock.time)).toBe('overdue 0:45');
    expect(words(zhCN.incidents.checklist.overdue, clock.time)).toBe('超时 0:45');
  });

  it('stops at the answer: a step done in time has no clock words, one done late says how late', () => {
    expect(stepClock(run, step('assess'), START + 500_000)).toMatchObject({ tone: 'done', key: null });
    const late = withStates(baseRun(), { assess: { status: 'done', answer: 'yes', at: at(70) } });
    expect(stepClock(late, step('assess'), START + 500_000)).toMatchObject({ tone: 'late', key: 'doneLate', time: '0:10' });
  });

  it('formats minutes and hours', () => {
    expect(formatSeconds(-45)).toBe('0:45');
    expect(formatSeconds(725)).toBe('12:05');
    expect(formatSeconds(3723)).toBe('1:02:03');
  });
});
