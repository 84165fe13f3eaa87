import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReportOutbox } from './reportOutbox';
import { idbReportStore } from './reportStore';
import { forgetReportsOf } from './useReportOutbox';

/** Sign-out on a phone (useSignOut calls forgetReportsOf): the reports of that user leave IndexedDB, another user's stay. */
describe('forgetReportsOf', () => {
  it("removes a user's kept reports and photos from the phone, with no page holding them open", async () => {
    const deps = { send: () => Promise.resolve({ ok: true as const }), canTry: () => false, newId: () => crypto.randomUUID() };
    const first = new ReportOutbox(idbReportStore('guard-a'), deps);
    const other = new ReportOutbox(idbReportStore('guard-b'), deps);
    const pressed = await first.press('d-1', 'stairwell B, door jammed', new Blob([new Uint8Array(2048)], { type: 'image/jpeg' }));
    await other.press('d-2', 'lobby clear', null);
    first.dispose();
    other.dispose();
    expect(pressed.ok).toBe(true);

    await forgetReportsOf('guard-a');

    expect(await idbReportStore('guard-a').loadQueue()).toEqual([]);
    expect(await idbReportStore('guard-a').loadPhoto(pressed.ok ? pressed.commandId : '')).toBeNull();
    expect((await idbReportStore('guard-b').loadQueue()).map((report) => report.note)).toEqual(['lobby clear']);
  });
});
