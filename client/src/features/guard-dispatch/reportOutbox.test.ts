import { IDBFactory } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/http';
import { retryDelay } from '../guard-phone/sosOutbox';
import {
  MAX_QUEUED_BYTES,
  MAX_QUEUED_REPORTS,
  MAX_REPORT_REFUSALS,
  REPORT_SEND_TIMEOUT_MS,
  ReportOutbox,
  outcomeOfError,
  type QueuedReport,
  type ReportOutcome,
} from './reportOutbox';
import { REPORT_DB, idbReportStore } from './reportStore';

/**
 * The outbox against IndexedDB (fake-indexeddb: the same API in memory, a new "page" opens a new
 * connection to the same database), a fake server that files each command id once, a fake link
 * and a fake clock.
 */
type Reply = 'ok' | 'offline' | 'http503' | 'http409' | 'lostAnswer' | 'hang';

function world() {
  const filed = new Map<string, { dispatchId: string; note: string; photo: Blob | null }>();
  const sends: string[] = [];
  const replies: Reply[] = [];
  let online = false;
  let ids = 0;
  let now = Date.parse('2026-12-02T06:00:00.000Z');
  const timers: { at: number; run: () => void }[] = [];

  const send = (report: QueuedReport, photo: Blob | null): Promise<ReportOutcome> => {
    sends.push(report.commandId);
    const reply = replies.shift() ?? 'ok';
    if (reply === 'hang') return new Promise(() => undefined);
    if (reply === 'offline') return Promise.reject(new ApiError(0, 'network', 'Failed to fetch'));
    if (reply === 'http503') return Promise.reject(new ApiError(503, 'unavailable', 'busy'));
    if (reply === 'http409') return Promise.reject(new ApiError(409, 'invalid_state', 'state: incident 2026-0001 is closed', { field: 'state', rule: 'incidentNotOpen' }));
    // Idempotent by command id, as POST /api/v1/dispatches/:id/reports is.
    if (!filed.has(report.commandId)) filed.set(report.commandId, { dispatchId: report.dispatchId, note: report.note, photo });
    if (reply === 'lostAnswer') return Promise.reject(new ApiError(0, 'network', 'connection reset'));
    return Promise.resolve({ ok: true });
  };

  const deps = {
    send,
    canTry: () => online,
    newId: () => `cmd-${++ids}`,
    now: () => new Date(now),
    setTimer: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => {
      const index = timers.indexOf(timer as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  };

  return {
    filed,
    sends,
    replies,
    deps,
    setOnline: (value: boolean) => {
      online = value;
    },
    /** The clock moved on: what fell due runs, in order. */
    advance: async (ms: number) => {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > until) break;
        timers.shift();
        now = due.at;
        due.run();
        await idle();
      }
      now = until;
    },
  };
}

/** IndexedDB and promise callbacks done (fake-indexeddb answers on later macrotasks). */
const idle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A new page: a new connection to the same database. */
const page = (userId = 'u-1') => idbReportStore(userId, (() => {
  const store = createStore(REPORT_DB, 'reports');
  return () => store;
})());

const phases = (outbox: ReportOutbox) => outbox.current.map((report) => `${report.note}:${report.phase}`);
const photoOf = (bytes: number) => new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/jpeg' });

beforeEach(() => {
  // A phone with nothing stored yet.
  globalThis.indexedDB = new IDBFactory();
});

describe('ReportOutbox', () => {
  it('keeps a report pressed offline in IndexedDB and sends nothing; back online it is filed once, shown sent at the time of the answer, its photo deleted', async () => {
    const w = world();
    const store = page();
    const outbox = new ReportOutbox(store, w.deps);
    await outbox.ready;
    const pressed = await outbox.press('d-1', 'Smoke from a bin', photoOf(1500));
    expect(pressed).toEqual({ ok: true, commandId: 'cmd-1' });
    await idle();
    expect(phases(outbox)).toEqual(['Smoke from a bin:waiting']);
    expect(w.sends).toEqual([]);
    expect((await page().loadQueue()).map((report) => report.phase)).toEqual(['waiting']);
    expect((await page().loadPhoto('cmd-1'))?.size).toBe(1500);

    await w.advance(60_000);
    expect(w.sends).toEqual([]);
    w.setOnline(true);
    await w.advance(10_000);
    await idle();
    expect(w.sends).toEqual(['cmd-1']);
    expect([...w.filed.keys()]).toEqual(['cmd-1']);
    expect(w.filed.get('cmd-1')?.photo?.size).toBe(1500);
    expect(outbox.current[0]).toMatchObject({ phase: 'sent', sentAt: expect.stringMatching(/^2026-12-02T06:01:/) as unknown });
    expect(await page().loadPhoto('cmd-1')).toBeNull();
    expect((await page().loadQueue()).map((report) => report.phase)).toEqual(['sent']);
  });

  it('sends in the order pressed, one at a time, each with the command id made at its press', async () => {
    const w = world();
    const outbox = new ReportOutbox(page(), w.deps);
    for (const note of ['first', 'second', 'third']) await outbox.press('d-1', note, null);
    w.replies.push('hang');
    w.setOnline(true);
    outbox.wake();
    await idle();
    // The first one is on its way and has no answer: the second does not overtake it.
    expect(w.sends).toEqual(['cmd-1']);
    expect(phases(outbox)).toEqual(['first:sending', 'second:waiting', 'third:waiting']);
    await w.advance(REPORT_SEND_TIMEOUT_MS);
    await w.advance(retryDelay(1));
    await idle();
    expect(w.sends).toEqual(['cmd-1', 'cmd-1', 'cmd-2', 'cmd-3']);
    expect([...w.filed.values()].map((report) => report.note)).toEqual(['first', 'second', 'third']);
    expect(phases(outbox)).toEqual(['first:sent', 'second:sent', 'third:sent']);
  });

  it('tries again with backoff and the same command id when the answer is lost: the server files the report once', async () => {
    const w = world();
    const outbox = new ReportOutbox(page(), w.deps);
    w.setOnline(true);
    w.replies.push('lostAnswer', 'http503', 'offline');
    await outbox.press('d-1', 'Door forced', photoOf(800));
    await idle();
    expect(w.sends).toEqual(['cmd-1']);
    expect(phases(outbox)).toEqual(['Door forced:waiting']);
    // Not before the backoff.
    await w.advance(retryDelay(1) - 1);
    expect(w.sends).toHaveLength(1);
    await w.advance(1);
    await w.advance(retryDelay(2));
    await w.advance(retryDelay(3));
    await idle();
    expect(w.sends).toEqual(['cmd-1', 'cmd-1', 'cmd-1', 'cmd-1']);
    expect(w.filed.size).toBe(1);
    // No signal and the server's own trouble are not refusals: no error to show.
    expect(outbox.current[0]).toMatchObject({ phase: 'sent', attempts: 4, refusals: 0 });
  });

  it('refuses a press beyond the count or the byte budget, saying which, and keeps what it holds', async () => {
    const w = world();
    const outbox = new ReportOutbox(page(), w.deps);
    for (let i = 0; i < MAX_QUEUED_REPORTS; i++) expect(await outbox.press('d-1', `report ${i}`, null)).toMatchObject({ ok: true });
    expect(await outbox.press('d-1', 'one too many', null)).toEqual({ ok: false, reason: 'tooMany' });
    expect(outbox.current).toHaveLength(MAX_QUEUED_REPORTS);
    expect(await page().loadQueue()).toHaveLength(MAX_QUEUED_REPORTS);
    // Discarding one makes room again.
    expect(outbox.discard('cmd-1')).toBe(true);
    expect(await outbox.press('d-1', 'now it fits', null)).toMatchObject({ ok: true });

    globalThis.indexedDB = new IDBFactory();
    const big = new ReportOutbox(page(), world().deps);
    const third = Math.floor(MAX_QUEUED_BYTES / 3);
    expect(await big.press('d-1', 'a', photoOf(third))).toMatchObject({ ok: true });
    expect(await big.press('d-1', 'b', photoOf(third))).toMatchObject({ ok: true });
    expect(await big.press('d-1', 'c', photoOf(third + 100))).toEqual({ ok: false, reason: 'tooBig' });
    expect(phases(big)).toEqual(['a:waiting', 'b:waiting']);
    expect(await page().loadPhoto('cmd-3')).toBeNull();
  });

  it('gives up a report the server refuses several times in a row, with the reason, and goes on with the next; a retry sends the same command id', async () => {
    const w = world();
    const outbox = new ReportOutbox(page(), w.deps);
    w.setOnline(true);
    w.replies.push(...Array<Reply>(MAX_REPORT_REFUSALS).fill('http409'));
    await outbox.press('d-1', 'too late', null);
    await outbox.press('d-2', 'next one', null);
    await idle();
    await w.advance(retryDelay(1));
    await w.advance(retryDelay(2));
    await idle();
    expect(w.sends).toEqual(['cmd-1', 'cmd-1', 'cmd-1', 'cmd-2']);
    expect(outbox.current[0]).toMatchObject({ phase: 'failed', refusals: MAX_REPORT_REFUSALS, error: { code: 'invalid_state', params: { rule: 'incidentNotOpen' } } });
    expect(outbox.current[1]).toMatchObject({ phase: 'sent' });
    // Nothing more goes by itself.
    await w.advance(10 * 60_000);
    expect(w.sends).toHaveLength(4);

    outbox.retry('cmd-1');
    await idle();
    expect(w.sends.at(-1)).toBe('cmd-1');
    expect(outbox.current[0]).toMatchObject({ phase: 'sent' });
    expect(w.filed.size).toBe(2);
  });

  it('lets the guard discard a waiting report (its photo goes too), not one being sent', async () => {
    const w = world();
    const outbox = new ReportOutbox(page(), w.deps);
    await outbox.press('d-1', 'keep', null);
    await outbox.press('d-1', 'wrong photo', photoOf(900));
    expect(outbox.discard('cmd-2')).toBe(true);
    await idle();
    expect(phases(outbox)).toEqual(['keep:waiting']);
    expect(await page().loadPhoto('cmd-2')).toBeNull();
    expect((await page().loadQueue()).map((report) => report.note)).toEqual(['keep']);

    w.replies.push('hang');
    w.setOnline(true);
    outbox.wake();
    await idle();
    expect(outbox.discard('cmd-1')).toBe(false);
    expect(phases(outbox)).toEqual(['keep:sending']);
  });

  it('a new page (the tab killed) finds the reports kept, one that was being sent waiting again, with its photo, and sends them', async () => {
    const first = world();
    const before = new ReportOutbox(page(), first.deps);
    await before.press('d-1', 'with photo', photoOf(1234));
    await before.press('d-1', 'note only', null);
    first.replies.push('hang');
    first.setOnline(true);
    before.wake();
    await idle();
    expect(phases(before)).toEqual(['with photo:sending', 'note only:waiting']);
    // The tab is killed mid-upload.
    before.dispose();

    const w = world();
    const after = new ReportOutbox(page(), w.deps);
    await after.ready;
    expect(phases(after)).toEqual(['with photo:waiting', 'note only:waiting']);
    expect(after.current.map((report) => report.commandId)).toEqual(['cmd-1', 'cmd-2']);
    w.setOnline(true);
    after.wake();
    await idle();
    expect(w.sends).toEqual(['cmd-1', 'cmd-2']);
    expect(w.filed.get('cmd-1')?.photo?.size).toBe(1234);
    expect(phases(after)).toEqual(['with photo:sent', 'note only:sent']);
  });

  it('keeps each user apart, and sign-out forgets all of that user’s reports on the phone and sends nothing more', async () => {
    const w = world();
    const mine = new ReportOutbox(page('u-1'), w.deps);
    const other = new ReportOutbox(page('u-2'), world().deps);
    await mine.press('d-1', 'mine', photoOf(500));
    await other.press('d-9', 'theirs', null);
    await mine.forgetAll();
    w.setOnline(true);
    mine.wake();
    await w.advance(60_000);
    expect(w.sends).toEqual([]);
    expect(await page('u-1').loadQueue()).toEqual([]);
    expect(await page('u-1').loadPhoto('cmd-1')).toBeNull();
    expect((await page('u-2').loadQueue()).map((report) => report.note)).toEqual(['theirs']);
    expect(await mine.press('d-1', 'after sign-out', null)).toEqual({ ok: false, reason: 'closed' });
  });

  it('says when the phone cannot store the report, instead of pretending it is kept', async () => {
    // A phone whose storage is full: IndexedDB refuses the write.
    const store = { ...page(), saveQueue: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')) };
    const outbox = new ReportOutbox(store, world().deps);
    expect(await outbox.press('d-1', 'no room', photoOf(100))).toEqual({ ok: false, reason: 'storage' });
    expect(outbox.current).toEqual([]);
  });
});

describe('outcomeOfError', () => {
  it('retries no signal, timeouts, throttling, an ended session and 5xx; counts other 4xx as refusals', () => {
    const kind = (status: number) => {
      const outcome = outcomeOfError(new ApiError(status, 'x', 'x'));
      return outcome.ok ? 'ok' : outcome.kind;
    };
    expect([0, 401, 408, 429, 500, 502, 503].map(kind)).toEqual(['offline', 'transient', 'transient', 'transient', 'transient', 'transient', 'transient']);
    expect([400, 403, 404, 409, 413, 415].map(kind)).toEqual(Array(6).fill('refused'));
  });
});
