import { describe, expect, it } from 'vitest';
import { drillReplaySearch, incidentReplaySearch, liveSearch, replayRequest } from './replayParams';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const request = (search: string) => replayRequest(new URLSearchParams(search), NOW);

describe('the replay a screen address asks for', () => {
  it('is none without replay parameters', () => {
    expect(request('')).toEqual({ kind: 'live' });
    expect(request('incident=i-1')).toEqual({ kind: 'live' });
  });

  it('opens a link to a moment there, with an hour either side (none after now)', () => {
    const at = Date.parse('2026-12-02T03:15:00Z');
    expect(request('at=2026-12-02T03:15:00Z')).toEqual({ kind: 'replay', from: at - 3_600_000, to: at + 3_600_000, at });
    expect(request('at=2026-12-03T11:30:00Z')).toMatchObject({ to: NOW, at: NOW - 1_800_000 });
  });

  it('opens a chosen range at its start, or at the moment given within it', () => {
    const from = Date.parse('2026-12-02T01:00:00Z');
    const to = Date.parse('2026-12-02T02:00:00Z');
    expect(request(`replay=1&from=2026-12-02T01:00:00Z&to=2026-12-02T02:00:00Z`)).toEqual({ kind: 'replay', from, to, at: from });
    expect(request(`replay=1&from=2026-12-02T01:00:00Z&to=2026-12-02T02:00:00Z&at=2026-12-02T01:30:00Z`)).toMatchObject({ at: from + 1_800_000 });
    expect(request('replay=1')).toEqual({ kind: 'replay', from: NOW - 3_600_000, to: NOW, at: NOW - 3_600_000 });
  });

  it('names the parameter it cannot read instead of showing the live screen', () => {
    expect(request('at=yesterday')).toEqual({ kind: 'invalid', field: 'at' });
    expect(request('replay=1&from=soon')).toEqual({ kind: 'invalid', field: 'from' });
    expect(request('replay=1&from=2026-12-02T02:00:00Z&to=2026-12-02T01:00:00Z')).toEqual({ kind: 'invalid', field: 'to' });
  });

  it('replays an incident from two minutes before it opened to two after it closed, or to now', () => {
    const closed = { id: 'i-1', openedAt: '2026-12-02T03:00:00Z', resolvedAt: '2026-12-02T03:20:00Z', closedAt: '2026-12-02T03:30:00Z' };
    const asked = replayRequest(new URLSearchParams(incidentReplaySearch(closed, NOW)), NOW);
    expect(asked).toEqual({ kind: 'replay', from: Date.parse('2026-12-02T02:58:00Z'), to: Date.parse('2026-12-02T03:32:00Z'), at: Date.parse('2026-12-02T02:58:00Z') });
    expect(new URLSearchParams(incidentReplaySearch(closed, NOW)).get('incident')).toBe('i-1');
    const open = { ...closed, resolvedAt: null, closedAt: null };
    expect(replayRequest(new URLSearchParams(incidentReplaySearch(open, NOW)), NOW)).toMatchObject({ to: NOW });
  });

  it('replays a drill\'s stream for its debrief, refusing a stream it cannot read', () => {
    const stream = 'drill:0b5f1c9e-3c1a-4f7e-9d2b-6a1e2f3c4d5e';
    const asked = request(drillReplaySearch({ stream, from: '2026-12-02T01:00:00.000Z', to: '2026-12-02T01:20:00.000Z' }).slice(1));
    expect(asked).toEqual({ kind: 'replay', from: Date.parse('2026-12-02T01:00:00Z'), to: Date.parse('2026-12-02T01:20:00Z'), at: Date.parse('2026-12-02T01:00:00Z'), stream });
    expect(request('replay=1&stream=live')).not.toHaveProperty('stream');
    expect(request('replay=1&stream=drill:x')).toEqual({ kind: 'invalid', field: 'stream' });
    expect(request('replay=1&stream=audit')).toEqual({ kind: 'invalid', field: 'stream' });
    expect(liveSearch(new URLSearchParams(`replay=1&stream=${stream}&incident=i-1`))).toBe('?incident=i-1');
  });

  it('goes back to live keeping the rest of the address', () => {
    expect(liveSearch(new URLSearchParams('incident=i-1&at=2026-12-02T03:15:00Z'))).toBe('?incident=i-1');
    expect(liveSearch(new URLSearchParams('replay=1&from=a&to=b'))).toBe('');
  });
});
