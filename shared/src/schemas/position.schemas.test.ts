import { describe, expect, it } from 'vitest';
import { parseWith } from './errors.js';
import { GuardCreateBody, GuardPatchBody, GuardSetStatusCommand, PositionReportCommand } from './position.schemas.js';

describe('guard and position schemas', () => {
  it('fills the defaults of a new guard and names a missing field', () => {
    expect(parseWith(GuardCreateBody, { siteId: 'demo', callsign: 'A1', name: '王磊' })).toEqual({
      ok: true,
      value: { siteId: 'demo', callsign: 'A1', name: '王磊', trackerId: null, userId: null, onShift: false },
    });
    expect(parseWith(GuardCreateBody, { siteId: 'demo', name: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/^callsign:/) });
    expect(parseWith(GuardPatchBody, {})).toMatchObject({ ok: false, error: 'body: must change at least one field' });
  });

  it('lets a guard set only the statuses a guard may choose', () => {
    expect(parseWith(GuardSetStatusCommand, { commandId: 'cmd-00001', status: 'busy' }).ok).toBe(true);
    expect(parseWith(GuardSetStatusCommand, { commandId: 'cmd-00001', status: 'sos' })).toMatchObject({ ok: false, error: expect.stringMatching(/^status:/) });
  });

  it('checks each phone fix and names it by index', () => {
    const fix = { id: 'f1', at: '2026-11-23T12:00:00Z', lat: 30.27, lon: 120.15 };
    expect(parseWith(PositionReportCommand, { fixes: [fix] }).ok).toBe(true);
    expect(parseWith(PositionReportCommand, { fixes: [fix, { ...fix, lat: 91 }] })).toMatchObject({ ok: false, error: 'fixes.1.lat: must be a number from -90 to 90' });
    expect(parseWith(PositionReportCommand, { fixes: [] })).toMatchObject({ ok: false, error: expect.stringMatching(/^fixes:/) });
  });
});
