import { describe, expect, it } from 'vitest';
import { checkDraft, draftFieldOf, emptyDraft, injectOf, placeIssues } from './adHocInject';

describe('the ad hoc inject form', () => {
  it('builds the inject the server reads from what was typed', () => {
    const draft = { ...emptyDraft('extra-1'), alarmPlace: 'zone:demo-z-garage', priority: '2', messageZh: '烟', messageEn: 'Smoke' };
    expect(injectOf(draft)).toEqual({ id: 'extra-1', atSec: 0, kind: 'alarm', alarm: { zoneId: 'demo-z-garage', kind: 'smoke', priority: 2, message: { zh: '烟', en: 'Smoke' } } });
    expect(checkDraft(draft)).toEqual({});
    expect(injectOf({ ...emptyDraft('n'), kind: 'note', noteZh: '问', noteEn: 'Ask' })).toEqual({ id: 'n', atSec: 0, kind: 'note', text: { zh: '问', en: 'Ask' } });
  });
  it('refuses an empty alarm naming each input: the place, the texts, the priority, the id', () => {
    const issues = checkDraft({ ...emptyDraft(''), priority: '12' });
    expect(Object.keys(issues).sort()).toEqual(['alarmPlace', 'id', 'messageEn', 'messageZh', 'priority']);
    expect(issues.priority?.[0]?.params).toMatchObject({ field: 'alarm.priority' });
  });
  it("places the server's issues by their field, the rest at the form's top", () => {
    expect(draftFieldOf('inject.alarm.zoneId')).toBe('alarmPlace');
    expect(draftFieldOf('inject.deviceId')).toBe('deviceId');
    expect(draftFieldOf('state')).toBe('form');
    const placed = placeIssues([{ code: 'validation', params: { field: 'inject.text.en' } }, { code: 'conflict', params: {} }]);
    expect(Object.keys(placed).sort()).toEqual(['form', 'noteEn']);
  });
});
