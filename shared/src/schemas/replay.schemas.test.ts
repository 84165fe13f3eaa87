import { describe, expect, it } from 'vitest';
import { parseWith } from './errors.js';
import { ReplayEventsQuery, ReplayPositionsQuery, ReplayRangeQuery, ReplayStateQuery } from './replay.schemas.js';

const AT = '2026-12-01T03:00:00Z';

describe('replay query schemas', () => {
  it('reads moments as epoch ms, the stream live by default or a drill', () => {
    expect(parseWith(ReplayStateQuery, { at: AT })).toEqual({ ok: true, value: { stream: 'live', at: Date.parse(AT) } });
    expect(parseWith(ReplayStateQuery, { at: '2026-12-01T11:00:00+08:00', stream: 'drill:run-7' })).toEqual({ ok: true, value: { stream: 'drill:run-7', at: Date.parse(AT) } });
    expect(parseWith(ReplayEventsQuery, { afterSeq: '42', untilAt: AT })).toEqual({ ok: true, value: { stream: 'live', afterSeq: 42, untilAt: Date.parse(AT), limit: 500 } });
  });

  it('names the field and the rule of a bad parameter', () => {
    expect(parseWith(ReplayStateQuery, {})).toMatchObject({ ok: false, error: expect.stringMatching(/^at: must be an ISO-8601 date-time/), params: { field: 'at', rule: 'dateTime' } });
    expect(parseWith(ReplayStateQuery, { at: '2026-12-01 03:00' })).toMatchObject({ ok: false, error: expect.stringMatching(/^at: /) });
    expect(parseWith(ReplayStateQuery, { at: AT, stream: 'audit' })).toMatchObject({ ok: false, error: 'stream: must be one of live, drill:<run id>', params: { field: 'stream', rule: 'oneOf' } });
    expect(parseWith(ReplayStateQuery, { at: AT, stream: 'drill:' })).toMatchObject({ ok: false, error: expect.stringMatching(/^stream:/) });
    expect(parseWith(ReplayEventsQuery, { afterSeq: '1.5', untilAt: AT })).toMatchObject({ ok: false, params: { field: 'afterSeq', rule: 'integerRange' } });
    expect(parseWith(ReplayEventsQuery, { afterSeq: '0', untilAt: AT, limit: '0' })).toMatchObject({ ok: false, error: 'limit: must be an integer from 1 to 500' });
    expect(parseWith(ReplayStateQuery, { at: AT, extra: '1' })).toMatchObject({ ok: false, error: 'extra: unknown field' });
  });

  it('bounds the spans: a range at most 7 days, the positions lane at most 10 minutes, never backwards', () => {
    expect(parseWith(ReplayRangeQuery, { from: AT, to: '2026-12-08T03:00:00Z' }).ok).toBe(true);
    expect(parseWith(ReplayRangeQuery, { from: AT, to: '2026-12-08T03:00:01Z' })).toMatchObject({ ok: false, error: 'to: must be at most 7 days after from' });
    expect(parseWith(ReplayRangeQuery, { from: AT, to: '2026-12-01T02:59:59Z' })).toMatchObject({ ok: false, error: 'to: must not be before from' });
    expect(parseWith(ReplayPositionsQuery, { siteId: 'demo', from: AT, to: '2026-12-01T03:10:00Z' }).ok).toBe(true);
    expect(parseWith(ReplayPositionsQuery, { siteId: 'demo', from: AT, to: '2026-12-01T03:10:01Z' })).toMatchObject({ ok: false, error: 'to: must be at most 10 minutes after from' });
    expect(parseWith(ReplayPositionsQuery, { siteId: 'demo', from: AT, to: AT, afterGuardId: 'g 1' })).toMatchObject({ ok: false, error: expect.stringMatching(/^afterGuardId:/) });
  });
});
