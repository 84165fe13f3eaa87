import { describe, expect, it } from 'vitest';
import { AlarmIngestBody, AlarmResolveCommand } from './alarm.schemas.js';
import { paramsOfMessage, parseWith } from './errors.js';
import { PositionReportCommand } from './position.schemas.js';

const good = { source: { deviceId: 'demo-beam-n1' }, kind: 'intrusion', message: 'Beam cut' };

function codesOf(schema: Parameters<typeof parseWith>[0], input: unknown) {
  const result = parseWith(schema, input);
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.code, params: result.params };
}

describe('validation failures as codes', () => {
  it.each([0, 10, 2.5, 'high'])('a priority of %j is rule integerRange with its bounds, whichever check failed', (priority) => {
    expect(codesOf(AlarmIngestBody, { ...good, priority })).toEqual({
      code: 'validation',
      params: { field: 'priority', rule: 'integerRange', min: 1, max: 9 },
    });
  });

  it('names the rule and its numbers for lengths, choices, unknown fields and types', () => {
    expect(codesOf(AlarmIngestBody, { ...good, message: 'x'.repeat(501) }).params).toEqual({ field: 'message', rule: 'maxLength', max: 500 });
    expect(codesOf(AlarmIngestBody, { ...good, message: '  ' }).params).toEqual({ field: 'message', rule: 'required' });
    expect(codesOf(AlarmIngestBody, { ...good, kind: 'ufo' }).params).toMatchObject({ field: 'kind', rule: 'oneOf' });
    expect(codesOf(AlarmIngestBody, { ...good, extra: 1 }).params).toEqual({ field: 'extra', rule: 'unknownField' });
    expect(codesOf(AlarmIngestBody, { ...good, message: 42 }).params).toEqual({ field: 'message', rule: 'string' });
    expect(codesOf(AlarmResolveCommand, { commandId: 'short', alarmId: 'nope', disposition: 'confirmed' }).params).toEqual({
      field: 'commandId',
      rule: 'lengthRange',
      min: 8,
      max: 64,
      more: 1,
    });
  });

  it('reads a field path with an index, and numbers with a sign', () => {
    const fix = { id: 'f1', at: '2026-11-23T03:00:00Z', lat: 31, lon: 121 };
    expect(codesOf(PositionReportCommand, { fixes: [fix, { ...fix, lat: 91 }] }).params).toEqual({
      field: 'fixes.1.lat',
      rule: 'numberRange',
      min: -90,
      max: 90,
    });
  });

  it('lists every reported issue', () => {
    const result = parseWith(AlarmIngestBody, { ...good, priority: 0, kind: 'ufo' });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.issues.map((issue) => issue.params.field)).toEqual(['kind', 'priority']);
  });

  it('keeps a rule it does not know as other, with the English sentence as detail', () => {
    expect(paramsOfMessage('backdrop.bounds: the two corners must differ in x and in y')).toEqual({
      field: 'backdrop.bounds',
      rule: 'other',
      detail: 'the two corners must differ in x and in y',
    });
  });

  it('names the characters an id may hold', () => {
    expect(paramsOfMessage('source.deviceId: may contain only letters, digits and . : - _ / @')).toEqual({
      field: 'source.deviceId',
      rule: 'characters',
      symbols: '. : - _ / @',
    });
    expect(paramsOfMessage('commandId: may contain only letters, digits, - and _')).toMatchObject({ rule: 'characters', symbols: '- _' });
    expect(paramsOfMessage('id: may contain only lower-case letters, digits and -, starting with a letter or digit')).toEqual({ field: 'id', rule: 'slug' });
  });

  it('reads a site document’s field with the feature’s label', () => {
    expect(paramsOfMessage('features[0] (zone z1).geometry.coordinates[0]: a ring must be closed: the last position must equal the first')).toEqual({
      field: 'features[0] (zone z1).geometry.coordinates[0]',
      rule: 'ringClosed',
    });
  });

  it('reads the services’ own refusals', () => {
    expect(paramsOfMessage('alarmId: no alarm with id "a9"')).toEqual({ field: 'alarmId', rule: 'noSuchId', thing: 'alarm', id: 'a9' });
    expect(paramsOfMessage('username: "li" is taken')).toEqual({ field: 'username', rule: 'taken', value: 'li' });
    expect(paramsOfMessage('commandId: already used for another command')).toEqual({ field: 'commandId', rule: 'alreadyUsed' });
    expect(paramsOfMessage('forbidden: the guard role may not alarm.resolve')).toEqual({
      field: 'forbidden',
      rule: 'roleMayNot',
      role: 'guard',
      action: 'alarm.resolve',
    });
  });
});
