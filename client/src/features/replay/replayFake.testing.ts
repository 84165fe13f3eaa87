import { applyEvent, emptyState, liveStateToJson, type DomainEvent, type GuardFix, type LiveState } from '@vigil/shared';
import { buildAlarm } from '../alarms/buildAlarm.testing';
import type { ReplayApi } from './replayApi';

/** A replay's test fixtures: a log, fixes, and the server's replay routes over them in memory. */
export const FROM = Date.parse('2026-12-01T08:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();
const system = { kind: 'system', id: 'test', name: 'test' } as const;

/** An alarm raised `seconds` into the range, as the log holds it. */
export function raised(seq: number, seconds: number): DomainEvent {
  const at = iso(FROM + seconds * 1_000);
  return { seq, stream: 'live', at, siteId: 'demo', type: 'alarm.raised', actor: system, payload: { alarm: buildAlarm(0, { id: `alarm-${seq}`, firstAt: at, lastAt: at, occurredAt: at }) } };
}

export function fix(guardId: string, seconds: number, x: number, floor = 0): GuardFix {
  return { guardId, siteId: 'demo', at: iso(FROM + seconds * 1_000), position: [x, 0], floor, accuracy: null, heading: null, speed: null, battery: null, source: 'simulator' };
}

/**
 * A server's replay routes over an in-memory log, recording what was asked. `hold` keeps a
 * state answer waiting until released, to overtake it with another seek.
 */
export function fakeServer(log: DomainEvent[], fixes: GuardFix[] = []) {
  const asked: string[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  const stateAt = (at: number) => log.filter((event) => Date.parse(event.at) <= at).reduce<LiveState>(applyEvent, emptyState());
  const api: ReplayApi = {
    range: () => Promise.reject(new Error('not used')),
    state: async (at) => {
      asked.push(`state ${at}`);
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      const state = stateAt(Date.parse(at));
      const positions = [...new Map(fixes.filter((f) => Date.parse(f.at) <= Date.parse(at)).map((f) => [f.guardId, f])).values()];
      return { stream: 'live', seq: state.seq, at, state: liveStateToJson(state), positions, checkpointSeq: 0, folded: state.seq };
    },
    events: (afterSeq, untilAt, limit) => {
      asked.push(`events after ${afterSeq} until ${untilAt}`);
      const after = log.filter((event) => event.seq > afterSeq && Date.parse(event.at) <= Date.parse(untilAt));
      const page = after.slice(0, limit);
      return Promise.resolve({ stream: 'live', events: page, more: after.length > limit, lastSeq: page.at(-1)?.seq ?? afterSeq });
    },
    positions: (siteId, from, to) => {
      asked.push(`positions ${siteId} ${from} ${to}`);
      return Promise.resolve({ siteId, fixes: fixes.filter((f) => Date.parse(f.at) >= Date.parse(from) && Date.parse(f.at) <= Date.parse(to)), next: null });
    },
  };
  return {
    api,
    asked,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      for (const resolve of held.splice(0)) resolve();
    },
  };
}

