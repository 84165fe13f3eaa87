import { createHash } from 'node:crypto';
import type { User, WallPreset, WallRemovePresetCommand, WallSavePresetCommand } from '@vigil/shared';
import { unprocessable } from '../../lib/http-error.js';
import { findPreset, presetDelete, presetUpsert } from '../../repositories/wall.repository.js';
import type { Deps } from '../deps.js';
import { viewerOf } from '../scope.js';
import { loadMonitor, loadPreset } from './wall-checks.js';
import { runWallChange } from './wall-transaction.js';

/** From the command id, so a repeated command names the same preset. */
const newPresetId = (commandId: string) => `preset-${createHash('sha256').update(commandId).digest('hex').slice(0, 10)}`;

/** Saves what a monitor shows now as a preset: a new one, or under `presetId` (made or replaced) (`wall.presetSaved`). */
export async function savePreset(deps: Deps, input: WallSavePresetCommand, user: User): Promise<{ seq: number; presetId: string }> {
  const presetId = input.presetId ?? newPresetId(input.commandId);
  const result = await runWallChange(deps, user, { id: input.commandId, name: 'wall.savePreset' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user));
    const existing = input.presetId ? await findPreset(wall.tx, input.presetId) : undefined;
    if (existing && existing.siteId !== monitor.siteId) {
      throw unprocessable(`presetId: preset "${existing.id}" is for site "${existing.siteId}", monitor "${monitor.id}" shows "${monitor.siteId}"`);
    }
    const preset: WallPreset = { id: presetId, siteId: monitor.siteId, name: input.name, nameEn: input.nameEn ?? null, view: monitor.view };
    await wall.append(presetUpsert(wall.tx, preset), { type: 'wall.presetSaved', siteId: monitor.siteId, payload: { preset } });
  });
  return { ...result, presetId };
}

export function removePreset(deps: Deps, input: WallRemovePresetCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.removePreset' }, async (wall) => {
    const preset = await loadPreset(wall.tx, input.presetId, viewerOf(user));
    await wall.append(presetDelete(wall.tx, preset.id), { type: 'wall.presetRemoved', siteId: preset.siteId, payload: { presetId: preset.id } });
  });
}
