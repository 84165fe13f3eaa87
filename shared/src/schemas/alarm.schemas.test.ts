import { describe, expect, it } from 'vitest';
import { parseWith } from './errors.js';
import { AlarmIngestBody, AlarmResolveCommand } from './alarm.schemas.js';

const good = { source: { deviceId: 'demo-beam-n1' }, kind: 'intrusion', message: 'Beam cut' };

describe('AlarmIngestBody', () => {
  it('accepts a minimal alarm and a full one', () => {
    expect(parseWith(AlarmIngestBody, good)).toMatchObject({ ok: true });
    expect(
      parseWith(AlarmIngestBody, {
        ...good,
        source: { externalId: 'panel-7:zone-3' },
        siteId: 'demo',
        priority: 1,
        zoneId: 'demo-z-north',
        occurredAt: '2026-11-23T03:00:00+08:00',
        attributes: { panel: 'P7', zone: 3, armed: true },
      }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    [{ ...good, priority: 0 }, 'priority: must be an integer from 1 to 9'],
    [{ ...good, priority: 10 }, 'priority: must be an integer from 1 to 9'],
    [{ ...good, kind: 'ufo' }, 'kind: must be one of'],
    [{ ...good, extra: 1 }, 'extra: unknown field'],
    [{ ...good, source: {} }, 'source: must name a deviceId or an externalId'],
    [{ ...good, source: { deviceId: 'has space' } }, 'source.deviceId: may contain only'],
    [{ ...good, occurredAt: '2026-11-23 03:00' }, 'occurredAt: must be an ISO-8601 date-time with a time zone'],
    [{ ...good, message: 42 }, 'message: must be a string'],
  ])('names the field and the rule: %j', (input, message) => {
    const result = parseWith(AlarmIngestBody, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('reports one problem per field, not a cascade', () => {
    const result = parseWith(AlarmIngestBody, { ...good, occurredAt: 'yesterday' });
    expect(result).toMatchObject({ ok: false, error: 'occurredAt: must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T03:00:00Z' });
  });

  it('refuses an occurredAt more than five minutes ahead of the server', () => {
    const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
    expect(parseWith(AlarmIngestBody, { ...good, occurredAt: ahead })).toMatchObject({
      ok: false,
      error: 'occurredAt: must not be more than 5 minutes in the future',
    });
  });
});

describe('AlarmResolveCommand', () => {
  it('needs a disposition from the list', () => {
    const base = { commandId: 'cmd-12345678', alarmId: '5b0c3a4e-6f7d-4e8a-9b1c-2d3e4f5a6b7c' };
    expect(parseWith(AlarmResolveCommand, { ...base, disposition: 'confirmed', note: 'ok' })).toMatchObject({ ok: true });
    expect(parseWith(AlarmResolveCommand, { ...base })).toMatchObject({ ok: false, error: expect.stringContaining('disposition: must be one of') });
  });
});
