import type { CommandName } from '@vigil/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput, CommandOutcome } from '../../realtime/commands';
import type { Realtime } from '../../realtime/RealtimeContext';
import { BATCH_CONCURRENCY, runBatch } from './batchCommands';
import { useCommandStore } from './commandStore';

/** A server that accepts a1, refuses a2 and never answers a3; it records what was sent. */
function serverAnswering(): { realtime: Realtime; sent: { name: string; input: { alarmId?: string; commandId: string; disposition?: string } }[] } {
  const sent: { name: string; input: { alarmId?: string; commandId: string; disposition?: string } }[] = [];
  const answers: Record<string, CommandOutcome> = {
    a1: { ok: true, seq: 1 },
    a2: { ok: false, error: 'resolve: the alarm is resolved', code: 'invalid_state', params: { command: 'resolve', state: 'resolved' } },
    a3: { ok: false, error: 'timeout', timedOut: true },
  };
  const realtime: Realtime = {
    send: <TName extends CommandName>(name: TName, input: CommandInput<TName>) => {
      const recorded = input as { alarmId?: string; commandId: string; disposition?: string };
      sent.push({ name, input: recorded });
      return Promise.resolve(answers[recorded.alarmId ?? ''] ?? { ok: true, seq: 2 });
    },
    reportPositions: () => Promise.resolve({ ok: false, error: 'timeout', timedOut: true }),
  };
  return { realtime, sent };
}

describe('runBatch', () => {
  beforeEach(() => useCommandStore.setState({ byAlarm: {} }));

  it('sends one command per alarm, each with its own command id and the one disposition', async () => {
    const { realtime, sent } = serverAnswering();
    await runBatch(realtime, ['a1', 'a2', 'a3'], 'resolve', { disposition: 'drill' });
    expect(sent.map(({ name, input }) => [name, input.alarmId, input.disposition])).toEqual([
      ['alarm.resolve', 'a1', 'drill'],
      ['alarm.resolve', 'a2', 'drill'],
      ['alarm.resolve', 'a3', 'drill'],
    ]);
    expect(new Set(sent.map(({ input }) => input.commandId)).size).toBe(3);
  });

  it('reports the alarms that failed, each with its own failure kept for its row', async () => {
    const { realtime } = serverAnswering();
    const outcome = await runBatch(realtime, ['a1', 'a2', 'a3'], 'acknowledge');
    expect(outcome).toEqual({ total: 3, failed: ['a2', 'a3'] });
    const { byAlarm } = useCommandStore.getState();
    expect(byAlarm.a1).toBeUndefined();
    expect(byAlarm.a2).toMatchObject({ phase: 'failed', failure: { kind: 'rejected' }, input: { command: 'acknowledge' } });
    expect(byAlarm.a3).toMatchObject({ phase: 'failed', failure: { kind: 'timeout' } });
  });

  it(`keeps at most ${BATCH_CONCURRENCY} commands in flight, and sends every one of a storm's 300`, async () => {
    let inFlight = 0;
    let most = 0;
    const acknowledged = new Set<string>();
    const realtime: Realtime = {
      send: <TName extends CommandName>(_name: TName, input: CommandInput<TName>) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        return new Promise<CommandOutcome>((resolve) =>
          setTimeout(() => {
            inFlight -= 1;
            acknowledged.add((input as { alarmId: string }).alarmId);
            resolve({ ok: true, seq: acknowledged.size });
          }, 1),
        );
      },
      reportPositions: () => Promise.resolve({ ok: false, error: 'timeout', timedOut: true }),
    };
    const ids = Array.from({ length: 300 }, (_, i) => `storm-${i}`);
    const progress: number[] = [];
    const outcome = await runBatch(realtime, ids, 'acknowledge', {}, (answered) => progress.push(answered));
    expect(outcome).toEqual({ total: 300, failed: [] });
    expect(acknowledged).toEqual(new Set(ids));
    expect(most).toBe(BATCH_CONCURRENCY);
    expect(progress.at(-1)).toBe(300);
  });
});
