import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/http';
import { memoryStored } from '../guard-phone/phoneStorage';
import { CheckinOutbox, type QueuedCheckin } from './checkinOutbox';

function harness(options: { online?: boolean } = {}) {
  let online = options.online ?? true;
  let clock = new Date('2026-12-03T14:00:00.000Z');
  let ids = 0;
  const timers: (() => void)[] = [];
  const sent: QueuedCheckin[] = [];
  const answers: (() => Promise<{ flagged: boolean }>)[] = [];
  const storage = memoryStored<QueuedCheckin[]>([]);
  const deps = {
    send: (checkin: QueuedCheckin) => {
      sent.push(checkin);
      return (answers.shift() ?? (() => Promise.resolve({ flagged: false })))();
    },
    canTry: () => online,
    newId: () => `client-${++ids}-abcdefgh`,
    now: () => clock,
    setTimer: (run: () => void) => timers.push(run),
    clearTimer: () => undefined,
  };
  const outbox = new CheckinOutbox(storage, deps);
  return {
    outbox,
    storage,
    sent,
    answers,
    deps,
    goOnline: () => (online = true),
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    fireTimers: () => timers.splice(0).forEach((run) => run()),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the check-in outbox', () => {
  it('keeps offline scans with their scan times and sends them, in order, once the signal is back', async () => {
    const h = harness({ online: false });
    h.outbox.scan({ tourId: 't1', method: 'qr', qrText: 'VIGIL-CP:a' });
    h.advance(10 * 60_000);
    h.outbox.scan({ tourId: 't1', method: 'nfc', nfcTagId: 'tag-b' });
    expect(h.sent).toHaveLength(0);
    expect(h.outbox.pending).toBe(2);
    h.advance(30 * 60_000);
    h.goOnline();
    h.outbox.wake();
    await flush();
    await flush();
    expect(h.sent.map((c) => [c.method, c.scannedAt])).toEqual([
      ['qr', '2026-12-03T14:00:00.000Z'],
      ['nfc', '2026-12-03T14:10:00.000Z'],
    ]);
    expect(h.outbox.pending).toBe(0);
  });

  it('sends the same client id again after a lost answer, and again after a reload', async () => {
    const h = harness();
    h.answers.push(() => Promise.reject(new ApiError(0, 'network', 'offline')));
    h.outbox.scan({ tourId: 't1', method: 'qr', qrText: 'VIGIL-CP:a' });
    await flush();
    expect(h.outbox.current[0]!.phase).toBe('waiting');
    // The page reloads before the retry: the queue comes back from storage.
    const reloaded = new CheckinOutbox(h.storage, h.deps);
    reloaded.wake();
    await flush();
    expect(h.sent.map((c) => c.clientId)).toEqual(['client-1-abcdefgh', 'client-1-abcdefgh']);
    expect(reloaded.current[0]!.phase).toBe('sent');
  });

  it('shows a refusal and does not retry it', async () => {
    const h = harness();
    h.answers.push(() => Promise.reject(new ApiError(409, 'invalid_state', 'qrText: already checked in')));
    h.outbox.scan({ tourId: 't1', method: 'qr', qrText: 'VIGIL-CP:a' });
    await flush();
    h.fireTimers();
    await flush();
    expect(h.sent).toHaveLength(1);
    expect(h.outbox.current[0]).toMatchObject({ phase: 'failed', error: { code: 'invalid_state', status: 409 } });
  });
});
