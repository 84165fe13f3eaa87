import { SILENT_AFTER_MS, expectedToReport, isSilent, type FixSource, type GuardFix, type GuardLive, type LiveState, type PositionsFrame, type Site, type Zone } from '@vigil/shared';
import { presentFix } from '../presenters/position.presenter.js';
import type { Deps } from '../services/deps.js';
import { HttpError, badRequest } from '../lib/http-error.js';
import { latestPositions, type PositionRow } from '../repositories/positions.repository.js';
import { FrameThrottle } from './frame-throttle.js';
import { placeOnPlan, zoneChange, zonesAt } from './placement.js';
import { PositionWriteBuffer } from './write-buffer.js';
import { lastSilenceAlarms } from './silence-log.js';

/** A fix from any source, already tied to its guard, not yet placed on the plan. */
export interface LaneFix {
  guard: GuardLive;
  at: Date;
  lat: number;
  lon: number;
  /** The floor if the source knows it (an `floor` attribute, the simulator); ground otherwise. */
  floor: number | null;
  accuracy: number | null;
  heading: number | null;
  /** m/s */
  speed: number | null;
  /** 0–100 */
  battery: number | null;
  sos: boolean;
  source: FixSource;
}

/** The discrete facts the lane notices; they go through the event log (services/positions). */
export interface GuardFacts {
  zonesChanged(guard: GuardLive, change: { zoneIds: string[]; entered: Zone[]; exited: string[] }, fix: GuardFix): void;
  /** `fix` is where the guard was: undefined when the SOS came with no position and none is known. */
  sos(guard: GuardLive, fix: GuardFix | undefined): void;
  silent(guard: GuardLive, lastFix: GuardFix | undefined): void;
  /** Every newer fix (arrival at a dispatch's incident is checked here); optional, must be cheap. */
  moved?(guard: GuardLive, fix: GuardFix): void;
}

export interface PositionLaneOptions {
  deps: Deps;
  /** The live projection: the roster and the sites, kept current by the event log. */
  live: () => LiveState;
  emitFrame: (frame: PositionsFrame) => void;
  facts: GuardFacts;
  onError: (error: unknown) => void;
  /** Fixes of one submit written (stored or already stored), by source: /metrics counts them. */
  onWritten?: (source: FixSource, count: number) => void;
  /**
   * Several nodes: another node may hold a guard's newest fix. Before a guard is called silent
   * the positions table (every node's batches) is asked; a newer stored fix clears it.
   */
  confirmSilenceFromStore?: boolean;
  /** Several nodes: each newer fix this node accepted, for the others to `adopt` (and frame for their screens). */
  shareFix?: (fix: GuardFix) => void;
  /** How long an expected guard may be quiet before it is called silent (SILENT_AFTER_MS; VIGIL_DUTY_TIMERS=test shortens it). */
  silentAfterMs?: number;
}

/** A fix stamped further ahead of server time than this is refused. */
export const MAX_FUTURE_MS = 5 * 60_000;

export function checkFixTime(at: Date, now: Date, field: string): void {
  if (Number.isNaN(at.getTime())) throw badRequest(`${field}: is not a valid time`);
  if (at.getTime() - now.getTime() > MAX_FUTURE_MS) throw badRequest(`${field}: must not be more than 5 minutes in the future`);
}

/**
 * The positions lane (DESIGN.md §2): fixes are placed on the plan, the latest per guard kept in
 * memory, rows written in batches, and frames of changed guards pushed ≤4/s per site. Only the
 * discrete facts (zone entered/exited, SOS, silence) go to the event log, through `facts`.
 */
export class PositionLane {
  private readonly latest = new Map<string, { fix: GuardFix; atMs: number }>();
  /** The source of each guard's most recently received fix (receipt order, not fix time). */
  private readonly lastSource = new Map<string, FixSource>();
  private readonly zoneIds = new Map<string, string[]>();
  private readonly silenced = new Set<string>();
  /** Guards off shift or off duty at the last check, and when each was expected to report again. */
  private readonly notExpected = new Set<string>();
  private readonly expectedAgainAt = new Map<string, number>();
  /** Guards on the roster at the last check: one added since is expected from when it was first seen, not from this start. */
  private readonly onRoster = new Set<string>();
  private checkedOnce = false;
  private readonly buffer: PositionWriteBuffer;
  private readonly frames: FrameThrottle;
  private readonly startedAt: number;
  private confirming: Promise<void> = Promise.resolve();
  private readonly silentAfterMs: number;

  constructor(private readonly options: PositionLaneOptions) {
    this.buffer = new PositionWriteBuffer(options.deps.db, options.onError);
    this.frames = new FrameThrottle(options.emitFrame);
    this.startedAt = options.deps.clock().getTime();
    this.silentAfterMs = options.silentAfterMs ?? SILENT_AFTER_MS;
  }

  /** Loads the latest stored fix of every guard, so snapshots survive a restart. */
  async start(): Promise<void> {
    const roster = this.options.live().guards;
    for (const row of await latestPositions(this.options.deps.db)) {
      // A guard taken off the roster keeps its positions for history, not a place on the map.
      if (!roster.has(row.guardId)) continue;
      this.latest.set(row.guardId, { fix: presentFix(row), atMs: row.at.getTime() });
      this.lastSource.set(row.guardId, row.source);
    }
  }

  /**
   * Validates every fix first (nothing is kept if one is bad), then accepts them all. Resolves
   * when the rows are written: how many were new and how many were stored before.
   */
  async submit(fixes: readonly LaneFix[]): Promise<{ stored: number; duplicates: number }> {
    const now = this.options.deps.clock();
    const live = this.options.live();
    const placed = fixes.map((fix, index) => {
      const field = fixes.length > 1 ? `fixes.${index}.at` : 'timestamp';
      checkFixTime(fix.at, now, field);
      const site = live.sites[fix.guard.siteId];
      if (!site) throw new HttpError(422, 'unprocessable', `siteId: guard "${fix.guard.id}" belongs to no known site`);
      if (fix.floor !== null && !site.floors.some((floor) => floor.level === fix.floor)) {
        const floorField = fixes.length > 1 ? `fixes.${index}.floor` : 'floor';
        throw new HttpError(422, 'unprocessable', `${floorField}: site "${site.id}" has no floor with level ${fix.floor}`);
      }
      const position = placeOnPlan(site, fix.lat, fix.lon);
      if (!position) {
        throw new HttpError(422, 'unprocessable', `lat/lon: site "${site.id}" has no geographic anchor to place GPS fixes on its plan`);
      }
      const placedFix: GuardFix = {
        guardId: fix.guard.id,
        siteId: site.id,
        at: fix.at.toISOString(),
        position,
        floor: fix.floor ?? 0,
        accuracy: fix.accuracy,
        heading: fix.heading,
        speed: fix.speed,
        battery: fix.battery,
        source: fix.source,
      };
      return { input: fix, site, fix: placedFix };
    });
    const rows: PositionRow[] = placed.map(({ input, fix }) => ({
      guardId: fix.guardId,
      at: input.at,
      receivedAt: now,
      siteId: fix.siteId,
      x: fix.position[0],
      y: fix.position[1],
      floor: fix.floor,
      lat: input.lat,
      lon: input.lon,
      accuracy: fix.accuracy,
      heading: fix.heading,
      speed: fix.speed,
      battery: fix.battery,
      source: fix.source,
    }));
    // Refused (503) here when the buffer is full: before any of them is observed, so a fix
    // refused was neither framed nor kept, and one acknowledged is stored.
    const written = this.buffer.add(rows);
    if (this.options.onWritten) {
      const onWritten = this.options.onWritten;
      written.then(
        () => {
          const bySource = new Map<FixSource, number>();
          for (const row of rows) bySource.set(row.source, (bySource.get(row.source) ?? 0) + 1);
          for (const [source, count] of bySource) onWritten(source, count);
        },
        () => undefined,
      );
    }
    for (const { input, site, fix } of placed) {
      this.lastSource.set(fix.guardId, fix.source);
      this.observe(input, site, fix);
    }
    return written;
  }

  /** A newer fix replaces the latest and drives frames, zones and SOS; an older one is only stored. */
  private observe(input: LaneFix, site: Site, fix: GuardFix): void {
    const guardId = fix.guardId;
    const atMs = input.at.getTime();
    const previous = this.latest.get(guardId);
    if (previous && previous.atMs >= atMs) return;
    this.latest.set(guardId, { fix, atMs });
    this.silenced.delete(guardId);
    this.frames.changed(fix);
    this.options.shareFix?.(fix);
    const before = this.zoneIds.get(guardId) ?? input.guard.zoneIds;
    const now = zonesAt(site, fix.position, fix.floor);
    const zoneIds = now.map((zone) => zone.id);
    const { entered, exited } = zoneChange(before, zoneIds);
    this.zoneIds.set(guardId, zoneIds);
    if (entered.length > 0 || exited.length > 0) {
      this.options.facts.zonesChanged(input.guard, { zoneIds, entered: now.filter((zone) => entered.includes(zone.id)), exited }, fix);
    }
    if (input.sos) this.options.facts.sos(input.guard, fix);
    this.options.facts.moved?.(input.guard, fix);
  }

  /**
   * A report with no position (cell or Wi-Fi only): Traccar keeps the last known position, so
   * nothing is stored and the fix's time stays that of the last real position (the map keeps
   * saying how old it is). The report's battery updates the latest fix; its SOS is raised at the
   * last known position. A report older than the latest fix changes nothing but its SOS.
   */
  reportWithoutPosition(report: { guard: GuardLive; at: Date; battery: number | null; sos: boolean }, field = 'timestamp'): void {
    checkFixTime(report.at, this.options.deps.clock(), field);
    const latest = this.latest.get(report.guard.id);
    if (latest && report.battery !== null && report.at.getTime() >= latest.atMs && latest.fix.battery !== report.battery) {
      latest.fix = { ...latest.fix, battery: report.battery };
      this.frames.changed(latest.fix);
      this.options.shareFix?.(latest.fix);
    }
    if (report.sos) this.options.facts.sos(report.guard, latest ? { ...latest.fix, at: report.at.toISOString() } : undefined);
  }

  /** Forgets a guard taken off the roster: no more frames for it, and none in a full frame. */
  forget(guardId: string): void {
    this.latest.delete(guardId);
    this.lastSource.delete(guardId);
    this.zoneIds.delete(guardId);
    this.silenced.delete(guardId);
    this.notExpected.delete(guardId);
    this.expectedAgainAt.delete(guardId);
    this.onRoster.delete(guardId);
    this.frames.forget(guardId);
  }

  /**
   * Fixes another node received: the latest per guard and its zones here too, so a snapshot, a
   * nearest-guard query or a silence check on this node sees them, and frames to this node's
   * screens (one throttle per node for every fix, wherever it came in: still ≤4 frames/s per
   * site on a screen). No facts: the node that received them noticed those.
   */
  adopt(fixes: readonly GuardFix[]): void {
    const live = this.options.live();
    for (const fix of fixes) {
      if (!live.guards.has(fix.guardId)) continue;
      const atMs = Date.parse(fix.at);
      const previous = this.latest.get(fix.guardId);
      // Same time, new battery: a report without a position on the other node.
      if (previous && (previous.atMs > atMs || (previous.atMs === atMs && previous.fix.battery === fix.battery))) continue;
      this.latest.set(fix.guardId, { fix, atMs });
      this.lastSource.set(fix.guardId, fix.source);
      this.silenced.delete(fix.guardId);
      this.frames.changed(fix);
      const site = live.sites[fix.siteId];
      if (site) this.zoneIds.set(fix.guardId, zonesAt(site, fix.position, fix.floor).map((zone) => zone.id));
    }
  }

  latestFix(guardId: string): GuardFix | undefined {
    return this.latest.get(guardId)?.fix;
  }

  /** Who sent the guard's last accepted fix, even one older than the latest (a tracker's whole-second time). */
  lastReportedBy(guardId: string): FixSource | undefined {
    return this.lastSource.get(guardId);
  }

  /** One `full` frame per site: the latest fix of every guard (sent to a socket after its sync). */
  fullFrames(siteIds: readonly string[]): PositionsFrame[] {
    const bySite = new Map<string, GuardFix[]>(siteIds.map((id) => [id, []]));
    // Only guards on the roster the socket was just given (a removal's forget may still be on its way).
    const roster = this.options.live().guards;
    for (const { fix } of this.latest.values()) {
      if (!roster.has(fix.guardId)) continue;
      const list = bySite.get(fix.siteId) ?? [];
      list.push(fix);
      bySite.set(fix.siteId, list);
    }
    return [...bySite].map(([siteId, fixes]) => ({ siteId, full: true, fixes }));
  }

  /**
   * Raises one alarm per silence for guards expected to report (on shift, not signed off) and
   * quiet for SILENT_AFTER_MS. The silence is counted from the latest of: this start (a restart
   * gives a grace period), the last fix, and the moment the guard was expected again.
   *
   * Every node calls this on its timer; a follower (`raise` false) only keeps track of who is
   * expected to report since when, so that it knows a guard just came on shift the moment it
   * becomes leader, and raises nothing.
   */
  checkSilence(raise = true): void {
    const now = this.options.deps.clock();
    const candidates: GuardLive[] = [];
    for (const guard of this.options.live().guards.values()) {
      // Added to the roster (already on shift) since the last check: its tracker has had no time yet.
      if (!this.onRoster.has(guard.id)) {
        this.onRoster.add(guard.id);
        if (this.checkedOnce && !this.latest.has(guard.id)) this.expectedAgainAt.set(guard.id, now.getTime());
      }
      if (!expectedToReport(guard)) {
        this.silenced.delete(guard.id);
        this.notExpected.add(guard.id);
        continue;
      }
      if (this.notExpected.delete(guard.id)) this.expectedAgainAt.set(guard.id, now.getTime());
      if (!raise) continue;
      const last = this.latest.get(guard.id);
      const since = new Date(Math.max(this.startedAt, last?.atMs ?? 0, this.expectedAgainAt.get(guard.id) ?? 0));
      if (!isSilent(guard, { at: since.toISOString() }, since, now, this.silentAfterMs)) continue;
      if (this.silenced.has(guard.id)) continue;
      this.silenced.add(guard.id);
      if (this.options.confirmSilenceFromStore) candidates.push(guard);
      else this.options.facts.silent(guard, last?.fix);
    }
    this.checkedOnce = true;
    if (candidates.length > 0) this.confirming = this.confirmSilence(candidates, now);
  }

  /** Resolves when the last silence check's read of the positions table is done (tests). */
  silenceChecked(): Promise<void> {
    return this.confirming;
  }

  /**
   * Several nodes: before a guard is called silent, the shared tables are asked twice. The
   * positions table may hold a newer fix another node stored (its frame lost on the way); the
   * alarms table may hold this very silence's alarm, raised by the leader before this one (a
   * node that just took over starts with nobody marked silent).
   */
  private async confirmSilence(candidates: GuardLive[], now: Date): Promise<void> {
    let alarmed: Map<string, number>;
    try {
      const stored = await latestPositions(this.options.deps.db, candidates.map((guard) => guard.id));
      this.adopt(stored.map(presentFix));
      alarmed = await lastSilenceAlarms(this.options.deps.db, this.options.deps.stream, candidates);
    } catch (error) {
      // Unsure: call nobody silent on a guess; the next round asks again.
      for (const guard of candidates) this.silenced.delete(guard.id);
      this.options.onError(error);
      return;
    }
    for (const guard of candidates) {
      const last = this.latest.get(guard.id);
      const since = new Date(Math.max(this.startedAt, last?.atMs ?? 0, this.expectedAgainAt.get(guard.id) ?? 0));
      // A newer fix (stored by another node) was adopted: not silent after all.
      if (!this.silenced.has(guard.id) || !isSilent(guard, { at: since.toISOString() }, since, now, this.silentAfterMs)) {
        this.silenced.delete(guard.id);
        continue;
      }
      // Raised (or repeated) after the guard went quiet (its last fix, or its coming on shift; not
      // this node's start): this silence has its alarm already. Stay marked, raise nothing.
      const quietSince = Math.max(last?.atMs ?? 0, this.expectedAgainAt.get(guard.id) ?? 0);
      if ((alarmed.get(guard.id) ?? Number.NEGATIVE_INFINITY) >= quietSince) continue;
      this.options.facts.silent(guard, last?.fix);
    }
  }

  /** The batched inserts so far: how many, their rows, their total time in ms. */
  get writeStats(): { inserts: number; rows: number; ms: number } {
    return { ...this.buffer.stats };
  }

  get pendingRows(): number {
    return this.buffer.pending;
  }

  flush(): Promise<void> {
    return this.buffer.flush();
  }

  async close(): Promise<void> {
    this.frames.close();
    await this.buffer.flush();
  }
}
