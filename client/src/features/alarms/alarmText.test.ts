import { describe, expect, it } from 'vitest';
import { alarmTextOf, localizedParams } from './alarmText';

const base = { text: null, source: {}, zoneId: null };

describe('alarmTextOf', () => {
  it('keeps the code of an alarm the server made', () => {
    const text = { code: 'guardSilent' as const, params: { callsign: 'X9', name: '保安甲', minutes: 3 } };
    expect(alarmTextOf({ ...base, message: '', text })).toEqual(text);
  });

  it('reads an old row’s bilingual simulator message back into its code', () => {
    expect(alarmTextOf({ ...base, message: '烟感报警 · Smoke detected' })).toEqual({ code: 'smokeDetected', params: {} });
  });

  it('reads an old guard alarm back into its code and params, the zone by id', () => {
    const old = { ...base, source: { externalId: 'guard:g1' }, zoneId: 'z-vault' };
    expect(alarmTextOf({ ...old, message: '人员失联 X9 · X9 (保安甲) sent no position for 3 minutes' })).toEqual({
      code: 'guardSilent',
      params: { callsign: 'X9', name: '保安甲', minutes: '3', zoneId: 'z-vault' },
    });
    expect(alarmTextOf({ ...old, message: '闯入禁区 X9 · X9 (保安甲) entered Vault' })?.code).toBe('restrictedEntry');
  });

  it('leaves an integration’s own message alone, even one with a dot in it', () => {
    expect(alarmTextOf({ ...base, source: { deviceId: 'panel-1' }, message: '人员失联 X9 · X9 (保安甲) sent no position for 3 minutes' })).toBeNull();
    expect(alarmTextOf({ ...base, message: 'Zone 4 · beam cut' })).toBeNull();
  });
});

describe('names sent in both languages', () => {
  it('takes the English name on an English screen and the Chinese one on a Chinese screen', () => {
    const params = { route: '夜巡', routeEn: 'Night round', checkpoint: '东门', checkpointEn: 'East gate', due: '22:20' };
    expect(localizedParams(params, 'en')).toMatchObject({ route: 'Night round', checkpoint: 'East gate', due: '22:20' });
    expect(localizedParams(params, 'zh-CN')).toMatchObject({ route: '夜巡', checkpoint: '东门' });
  });
});
