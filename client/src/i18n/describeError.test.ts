import { AlarmResolveCommand, parseWith, transition } from '@vigil/shared';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../lib/http';
import { describeError, describeErrorLines } from './describeError';
import { en } from './en';
import { zhCN } from './zh-CN';

let zh: TFunction;
let english: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  zh = instance.getFixedT('zh-CN');
  english = instance.getFixedT('en');
});

const LATIN_WORD = /[A-Za-z]{3,}/;

/** A socket refusal as the server sends it, from the shared schema's own failure. */
function refusalOf(input: unknown) {
  const parsed = parseWith(AlarmResolveCommand, input);
  if (parsed.ok) throw new Error('expected a refusal');
  return { ok: false as const, error: parsed.error, code: parsed.code, params: parsed.params };
}

describe('describeError', () => {
  const valid = { commandId: 'cmd-12345678', alarmId: '6f1c9d1e-6a4b-4b8e-9b1e-2f3a4b5c6d7e', disposition: 'confirmed' };

  it('says a refused field and its rule in Chinese, with the field label and the numbers', () => {
    const refusal = refusalOf({ ...valid, note: 'x'.repeat(1001) });
    expect(refusal.error).toBe('note: must be at most 1000 characters');
    expect(describeError(refusal, zh)).toBe('备注：最多 1000 个字符');
    expect(describeError(refusal, english)).toBe('Note: must be at most 1000 characters');
  });

  it('says an invalid choice in either language', () => {
    const refusal = refusalOf({ ...valid, disposition: 'maybe' });
    expect(describeError(refusal, zh)).toMatch(/^处置结果：必须是以下之一：confirmed/);
    expect(describeError(refusal, english)).toMatch(/^Disposition: must be one of confirmed/);
  });

  it('says an alarm in the wrong state with the command and state in the screen language', () => {
    const refused = transition('resolved', 'resolve');
    if (refused.ok) throw new Error('expected a refusal');
    const refusal = { ok: false, error: refused.error, code: refused.code, params: refused.params };
    expect(describeError(refusal, zh)).toBe('无法处置：告警当前为“已处置”');
    expect(describeError(refusal, english)).toBe('Cannot Resolve: the alarm is Resolved');
  });

  it('renders an HTTP refusal by its code and params: a missing thing, a reused command id', () => {
    const missing = new ApiError(404, 'not_found', 'alarmId: no alarm with id "a9"', { field: 'alarmId', rule: 'noSuchId', thing: 'alarm', id: 'a9' });
    expect(describeError(missing, zh)).toBe('告警：没有 ID 为“a9”的告警');
    expect(describeError(missing, english)).toBe('Alarm: no alarm with id “a9”');
    const reused = { ok: false, error: 'commandId: already used for another command', code: 'conflict', params: { field: 'commandId', rule: 'alreadyUsed' } };
    expect(describeError(reused, zh)).toBe('命令 ID：已用于另一条命令');
  });

  it('shows a field without a label, or a path into a document, as sent', () => {
    const params = { field: 'features[3] (device d1).properties.name', rule: 'required' };
    expect(describeError(new ApiError(400, 'validation', 'x', params), zh)).toBe('features[3] (device d1).properties.name：不能为空');
    expect(describeError(new ApiError(400, 'validation', 'x', { field: 'gizmo', rule: 'required' }), zh)).toBe('gizmo：不能为空');
  });

  it('says a known code without params in the screen language only', () => {
    const internal = { ok: false, error: 'internal error; the command was not carried out', code: 'internal', params: {} };
    expect(describeError(internal, zh)).toBe('服务器内部错误，未做任何更改');
    expect(describeError(internal, zh)).not.toMatch(LATIN_WORD);
    expect(describeError(new ApiError(0, 'network', 'Failed to fetch'), english)).toBe('Cannot reach the server. Check the network and try again');
  });

  it('falls back to a localized sentence with the English detail for an unknown code or rule', () => {
    const unknown = new ApiError(418, 'teapot', 'brew: the pot is a teapot');
    expect(describeError(unknown, zh)).toBe('服务器拒绝了请求（brew: the pot is a teapot）');
    expect(describeError(unknown, english)).toBe('The server refused (brew: the pot is a teapot)');
    const otherRule = new ApiError(400, 'validation', 'ring: is inside out', { field: 'ring', rule: 'other', detail: 'is inside out' });
    expect(describeError(otherRule, zh)).toBe('输入有误（ring: is inside out）');
    expect(describeError(otherRule, english)).toBe('Invalid input (ring: is inside out)');
    expect(describeError(new Error('boom'), english)).toBe('Failed (boom)');
  });

  it('gives one line per issue when the server names several', () => {
    const error = new ApiError(400, 'validation', 'priority: must be an integer from 1 to 9; name: must not be empty', {}, [
      { code: 'validation', params: { field: 'priority', rule: 'integerRange', min: 1, max: 9 } },
      { code: 'validation', params: { field: 'name', rule: 'required' } },
    ]);
    expect(describeErrorLines(error, zh)).toEqual(['优先级：必须是 1 到 9 之间的整数', '名称：不能为空']);
  });

  it("says a handover's refusals in the screen's language", () => {
    const waiting = new ApiError(409, 'conflict', 'siteId: a handover of this site by 王伟 is waiting to be acknowledged', { field: 'siteId', rule: 'handoverWaiting', name: '王伟' });
    expect(describeError(waiting, zh)).toContain('已有 王伟 的交班等待确认');
    expect(describeError(waiting, english)).toContain('a handover by 王伟 is waiting');
    const own = new ApiError(403, 'forbidden', 'handoverId: the officer who handed the shift over cannot acknowledge it', { field: 'handoverId', rule: 'handoverOwn' });
    expect(describeError(own, zh)).toContain('交班人不能自己接班');
  });
});
