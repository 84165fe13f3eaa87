import type { DrillInjectInput, DrillScenario } from '@vigil/shared';
import type { DrillInjectDone } from './drillsApi';

/** `unfired`: still to come when the drill ended. */
export type InjectRowState = 'fired' | 'next' | 'pending' | 'unfired';

/** One line of the controller's inject list. */
export interface InjectRow {
  /** Unique in the list (an ad hoc inject may reuse a scenario's id). */
  key: string;
  inject: DrillInjectInput;
  state: InjectRowState;
  /** Seconds into the drill it is scripted at; null for an ad hoc one. */
  atSec: number | null;
  /** When it fired (ISO), if it did. */
  firedAt: string | null;
  early: boolean;
  adHoc: boolean;
}

/**
 * The scenario's injects in script order with fired / next / pending, and the ad hoc ones the
 * controller added, each where it fired among the rest (by time). `nextInject` is the server's
 * index of the scripted inject still to come; the scripted ones before it have fired.
 */
export function injectRows(scenario: Pick<DrillScenario, 'injects'>, injectsDone: readonly DrillInjectDone[], nextInject: number, ended: boolean): InjectRow[] {
  const firedById = new Map<string, DrillInjectDone>();
  for (const done of injectsDone) if (!done.adHoc && !firedById.has(done.injectId)) firedById.set(done.injectId, done);
  const scripted: InjectRow[] = scenario.injects.map((inject, index) => {
    const done = firedById.get(inject.id);
    const fired = done !== undefined || index < nextInject;
    return {
      key: `s:${inject.id}`,
      inject,
      state: fired ? 'fired' : ended ? 'unfired' : index === nextInject ? 'next' : 'pending',
      atSec: inject.atSec,
      firedAt: done?.at ?? null,
      early: done?.early ?? false,
      adHoc: false,
    };
  });
  const adHoc: InjectRow[] = injectsDone.flatMap((done, index) =>
    done.adHoc && done.inject ? [{ key: `a:${index}:${done.injectId}`, inject: done.inject, state: 'fired' as const, atSec: null, firedAt: done.at, early: false, adHoc: true }] : [],
  );
  // Ad hoc injects go in after the last fired one at or before their time; the pending keep their order.
  const rows = [...scripted];
  for (const row of adHoc) {
    let at = 0;
    rows.forEach((other, index) => {
      if (other.firedAt !== null && other.firedAt <= row.firedAt!) at = index + 1;
    });
    rows.splice(at, 0, row);
  }
  return rows;
}

/** The facilitator's notes fired so far, newest first (the controller's screen only). */
export function firedNotes(rows: readonly InjectRow[]): { key: string; text: { zh: string; en: string }; firedAt: string }[] {
  return rows
    .flatMap((row) => (row.inject.kind === 'note' && row.firedAt ? [{ key: row.key, text: row.inject.text, firedAt: row.firedAt }] : []))
    .sort((a, b) => b.firedAt.localeCompare(a.firedAt));
}

/**
 * A scenario walked at the table (桌面推演): no devices and no guards, so its device states and
 * guards' walks are left out — the alarms and the facilitator's notes remain. Answers how many
 * were left out, for the form to say.
 */
export function forTabletop<S extends Pick<DrillScenario, 'injects'>>(scenario: S): { scenario: S; leftOut: number } {
  const injects = scenario.injects.filter((inject) => inject.kind === 'alarm' || inject.kind === 'note');
  return { scenario: { ...scenario, injects }, leftOut: scenario.injects.length - injects.length };
}
