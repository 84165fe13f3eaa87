import type { Actor } from '@vigil/shared';
import { presentGuard } from '../presenters/guard.presenter.js';
import { presentSite } from '../presenters/site.presenter.js';
import { presentMonitor, presentPreset } from '../presenters/wall.presenter.js';
import { referenceEvents, type ReferenceEventType } from '../repositories/events.repository.js';
import { findGuard, guardUpdate, listGuards } from '../repositories/guards.repository.js';
import { findSiteRows, listSiteRows, siteUpsert } from '../repositories/sites.repository.js';
import { findMonitor, findPreset, listMonitors, listPresets, monitorUpsert, presetUpsert } from '../repositories/wall.repository.js';
import { runCommand, type CommandLog } from './append.js';
import type { Deps } from './deps.js';

/**
 * Reference data — sites with their zones and devices, the roster, the wall's monitors and
 * presets — written by a seed rather than an admin's request still goes into the log, with the
 * same event the editor, roster and wall services append for it (`site.saved`, `guard.saved`,
 * `wall.monitorSaved`, `wall.presetSaved`): a fold of the live stream from seq 0 then equals
 * the state tables. Each function below describes a row as it is stored now (read back in the
 * command's transaction, so the event is exactly what the tables hold), rewriting the row with
 * its own values as the statement the event rides on.
 *
 * Not in the log, because the live state does not hold them: users and API keys, camera stream
 * URLs (secrets; cameras.service), plan templates (versioned rows that are never changed; a
 * run's copy travels in `plan.started`), and positions (their own lane).
 */

export const BOOTSTRAP_ACTOR: Actor = { kind: 'system', id: 'bootstrap', name: 'Vigil start-up' };

/** `site.saved` with the site, its zones and devices as stored (what an import appends). */
export async function logStoredSite(log: CommandLog, siteId: string, actor: Actor): Promise<void> {
  const rows = await findSiteRows(log.tx, siteId);
  if (!rows) throw new Error(`site.saved: no site "${siteId}" to describe`);
  const site = presentSite(rows.site, rows.zones, rows.devices);
  const { zones: _zones, devices: _devices, ...header } = site;
  await log.append(siteUpsert(log.tx, header), { type: 'site.saved', siteId, actor, payload: { site } });
}

/** `guard.saved` with the guard as stored (what adding a guard to the roster appends). */
export async function logStoredGuard(log: CommandLog, guardId: string, actor: Actor): Promise<void> {
  const row = await findGuard(log.tx, guardId);
  if (!row) throw new Error(`guard.saved: no guard "${guardId}" to describe`);
  await log.append(guardUpdate(log.tx, row.id, { id: row.id }), { type: 'guard.saved', siteId: row.siteId, actor, payload: { guard: presentGuard(row) } });
}

/** `wall.monitorSaved` with the monitor, its view included, as stored. */
export async function logStoredMonitor(log: CommandLog, monitorId: string, actor: Actor): Promise<void> {
  const row = await findMonitor(log.tx, monitorId);
  if (!row) throw new Error(`wall.monitorSaved: no monitor "${monitorId}" to describe`);
  const monitor = presentMonitor(row);
  await log.append(monitorUpsert(log.tx, monitor), { type: 'wall.monitorSaved', siteId: monitor.siteId, actor, payload: { monitor } });
}

/** `wall.presetSaved` with the preset as stored. */
export async function logStoredPreset(log: CommandLog, presetId: string, actor: Actor): Promise<void> {
  const row = await findPreset(log.tx, presetId);
  if (!row) throw new Error(`wall.presetSaved: no preset "${presetId}" to describe`);
  const preset = presentPreset(row);
  await log.append(presetUpsert(log.tx, preset), { type: 'wall.presetSaved', siteId: preset.siteId, actor, payload: { preset } });
}

const KIND_OF: Record<ReferenceEventType, { kind: 'site' | 'guard' | 'monitor' | 'preset'; saved: boolean }> = {
  'site.saved': { kind: 'site', saved: true },
  'guard.saved': { kind: 'guard', saved: true },
  'guard.removed': { kind: 'guard', saved: false },
  'wall.monitorSaved': { kind: 'monitor', saved: true },
  'wall.monitorRemoved': { kind: 'monitor', saved: false },
  'wall.presetSaved': { kind: 'preset', saved: true },
  'wall.presetRemoved': { kind: 'preset', saved: false },
};

/** Marks the upgrade below as done (the append path's command ids: a second run is a replay). */
const LOGGED_REFERENCE_COMMAND = { id: 'vigil:reference-logged:v1', userId: BOOTSTRAP_ACTOR.id, name: 'bootstrap.logReference' };

/**
 * The upgrade of a database made before seeds wrote events: its demo site, roster and wall are
 * rows that no event describes, so a fold of its log misses them (and ignores the events that
 * changed them since, e.g. a demo guard's status). On start, every site, guard, monitor and
 * preset whose last save-or-remove event is not a save (or that has none) gets the event that
 * describes it as it is now, appended after everything already in the log: a replay of a moment
 * before this start still lacks it, a fold from seq 0 now equals the tables.
 *
 * It runs once per database: the command id above is recorded with it, so later starts find it
 * done with one primary-key lookup instead of reading the log again (and a fresh database,
 * whose seeds wrote their events, records it having appended nothing). Returns how many events
 * it appended.
 */
export async function logUnloggedReference(deps: Deps): Promise<number> {
  const done = await runCommand(deps, { stream: 'live', command: LOGGED_REFERENCE_COMMAND }, async (log) => {
    const saved = new Map<string, boolean>();
    for (const { type, id } of await referenceEvents(log.tx)) {
      const { kind, saved: isSave } = KIND_OF[type];
      saved.set(`${kind}:${id}`, isSave);
    }
    const unlogged = (kind: string, id: string) => saved.get(`${kind}:${id}`) !== true;
    // Sites first: a guard's or monitor's event names its site.
    for (const site of (await listSiteRows(log.tx)).sites) if (unlogged('site', site.id)) await logStoredSite(log, site.id, BOOTSTRAP_ACTOR);
    for (const guard of await listGuards(log.tx)) if (unlogged('guard', guard.id)) await logStoredGuard(log, guard.id, BOOTSTRAP_ACTOR);
    for (const monitor of await listMonitors(log.tx)) if (unlogged('monitor', monitor.id)) await logStoredMonitor(log, monitor.id, BOOTSTRAP_ACTOR);
    for (const preset of await listPresets(log.tx)) if (unlogged('preset', preset.id)) await logStoredPreset(log, preset.id, BOOTSTRAP_ACTOR);
    return log.appended.length;
  });
  return done.replayed ? 0 : done.value;
}
