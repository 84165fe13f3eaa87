/**
 * What one event costs the live projection as history grows: `pnpm bench:reducer`.
 *
 * At 20, 2,000 and 20,000 open alarms, prints the µs per event of
 *  - `raise`: one `alarm.raised` applied to a state holding that many open alarms, and
 *  - `cycle`: raised → acknowledged → resolved, each resolve followed by pruneResolved (keep 200),
 *    the way the broadcaster runs it, so the open count stays put,
 * through the real `applyEvent` (persistent maps) and, measured in the same run, the old way as the
 * baseline: the same handlers on plain records copied with an object spread on every event, and the
 * old pruneResolved that sorted every alarm. A report: it asserts nothing.
 */
import { availableParallelism, loadavg } from 'node:os';
import { applyEvent, emptyState, pruneResolved, type Alarm, type DomainEvent, type LiveState } from '../src/index.js';

const SIZES = [20, 2_000, 20_000];
const KEEP = 200;
/** Each measurement runs for at least this long (and at least MIN_EVENTS events). */
const BUDGET_MS = 300;
const MIN_EVENTS = 30;

const actor = { kind: 'integration', id: 'bench', name: 'bench' } as const;
const AT = '2026-12-02T03:00:00.000Z';

function alarm(id: string): Alarm {
  return {
    id, siteId: 'site-1', kind: 'intrusion', priority: 2, state: 'new', source: { externalId: id }, deviceId: null, zoneId: null,
    location: null, message: 'beam broken', text: null, attributes: {}, occurredAt: AT, firstAt: AT, lastAt: AT, count: 1, owner: null,
    acknowledgedAt: null, heldAt: null, disposition: null, note: null, resolvedAt: null, resolvedBy: null, incidentId: null, escalatedAt: null,
  };
}

const event = (seq: number, body: Pick<DomainEvent, 'type' | 'payload'>): DomainEvent =>
  ({ seq, stream: 'live', at: new Date(Date.parse(AT) + seq).toISOString(), siteId: 'site-1', actor, ...body }) as DomainEvent;
const raised = (seq: number, id: string) => event(seq, { type: 'alarm.raised', payload: { alarm: alarm(id) } } as DomainEvent);
const acknowledged = (seq: number, id: string) => event(seq, { type: 'alarm.acknowledged', payload: { alarmId: id, owner: { id: 'u1', name: 'Li' } } } as DomainEvent);
const resolved = (seq: number, id: string) =>
  event(seq, { type: 'alarm.resolved', payload: { alarmId: id, disposition: 'false', note: null, resolvedBy: { id: 'u1', name: 'Li' } } } as DomainEvent);

/** The old projection, as the baseline: plain records, copied whole by an object spread per event. */
interface PlainState {
  seq: number;
  alarms: Record<string, Alarm>;
}

function plainApply(state: PlainState, e: DomainEvent): PlainState {
  if (e.seq <= state.seq) return state;
  const patch = (id: string, change: (a: Alarm) => Alarm): PlainState => {
    const current = state.alarms[id];
    return current ? { ...state, alarms: { ...state.alarms, [id]: change(current) } } : state;
  };
  let next: PlainState;
  if (e.type === 'alarm.raised') next = { ...state, alarms: { ...state.alarms, [e.payload.alarm.id]: { ...e.payload.alarm, text: e.payload.alarm.text ?? null } } };
  else if (e.type === 'alarm.acknowledged') next = patch(e.payload.alarmId, (a) => ({ ...a, state: 'acknowledged', owner: e.payload.owner, acknowledgedAt: e.at }));
  else if (e.type === 'alarm.resolved') next = patch(e.payload.alarmId, (a) => ({ ...a, state: 'resolved', disposition: e.payload.disposition, note: e.payload.note, resolvedAt: e.at, resolvedBy: e.payload.resolvedBy }));
  else next = state;
  return { ...next, seq: e.seq };
}

function plainPrune(state: PlainState, keep: number): PlainState {
  const gone = Object.values(state.alarms)
    .filter((a) => a.state === 'resolved')
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  if (gone.length <= keep) return state;
  const alarms = { ...state.alarms };
  for (const a of gone.slice(keep)) delete alarms[a.id];
  return { ...state, alarms };
}

/** µs per event: runs `step(i)` until the budget is spent, counting `eventsPerStep` events per call. */
function measure(step: (i: number) => void, eventsPerStep: number): number {
  // Warm-up (the JIT), for 100 ms and at least 3 steps.
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < 100; i += 1) step(-1 - i);
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < BUDGET_MS || steps * eventsPerStep < MIN_EVENTS) step(steps++);
  return ((performance.now() - start) * 1000) / (steps * eventsPerStep);
}

function row(size: number): { raise: [number, number]; cycle: [number, number] } {
  const setup = Array.from({ length: size }, (_, i) => raised(i + 1, `open-${i}`));
  let fresh: LiveState = emptyState();
  let plain: PlainState;
  for (const e of setup) fresh = applyEvent(fresh, e);
  // Built at once: raising 20,000 alarms the old way, one spread each, is itself O(n²).
  plain = { seq: size, alarms: Object.fromEntries(setup.map((e) => [`open-${e.seq - 1}`, fresh.alarms.get(`open-${e.seq - 1}`)!])) };
  const baseSeq = size;
  let sink = 0;

  // raise: each event applied to the same state of `size` open alarms.
  const raiseNew = measure((i) => (sink += applyEvent(fresh, raised(baseSeq + 1, `x-${i}`)).seq), 1);
  const raiseOld = measure((i) => (sink += plainApply(plain, raised(baseSeq + 1, `x-${i}`)).seq), 1);

  // cycle: raise, acknowledge, resolve (+ prune), chained, so the open count stays at `size`.
  let liveNew = fresh;
  let seqNew = baseSeq;
  const cycleNew = measure((i) => {
    const id = `c-${i}`;
    liveNew = applyEvent(liveNew, raised(++seqNew, id));
    liveNew = applyEvent(liveNew, acknowledged(++seqNew, id));
    liveNew = pruneResolved(applyEvent(liveNew, resolved(++seqNew, id)), KEEP);
  }, 3);
  let liveOld = plain;
  let seqOld = baseSeq;
  const cycleOld = measure((i) => {
    const id = `c-${i}`;
    liveOld = plainApply(liveOld, raised(++seqOld, id));
    liveOld = plainApply(liveOld, acknowledged(++seqOld, id));
    liveOld = plainPrune(plainApply(liveOld, resolved(++seqOld, id)), KEEP);
  }, 3);
  // Both ways end with the same open alarms and a resolved tail of KEEP (they ran different counts of cycles).
  const openNew = [...liveNew.alarms.values()].filter((a) => a.state !== 'resolved').length;
  const openOld = Object.values(liveOld.alarms).filter((a) => a.state !== 'resolved').length;
  if (sink < 0 || openNew !== size || openOld !== size || liveNew.alarms.size > size + KEEP || Object.keys(liveOld.alarms).length > size + KEEP) {
    throw new Error('the two projections disagree');
  }
  return { raise: [raiseOld, raiseNew], cycle: [cycleOld, cycleNew] };
}

const fmt = (us: number) => (us < 10 ? us.toFixed(2) : us < 100 ? us.toFixed(1) : us.toFixed(0)).padStart(8);

console.log(`bench:reducer — applyEvent µs per event by open alarms; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}, node ${process.version}`);
console.log('open alarms |  raise old   raise new   ×faster |  cycle old   cycle new   ×faster');
for (const size of SIZES) {
  const { raise, cycle } = row(size);
  console.log(
    `${String(size).padStart(11)} | ${fmt(raise[0])}    ${fmt(raise[1])}    ${(raise[0] / raise[1]).toFixed(1).padStart(6)} | ${fmt(cycle[0])}    ${fmt(cycle[1])}    ${(cycle[0] / cycle[1]).toFixed(1).padStart(6)}`,
  );
}
console.log('old = plain records copied by object spread per event (and pruneResolved sorting every alarm), new = persistent maps; same run.');
