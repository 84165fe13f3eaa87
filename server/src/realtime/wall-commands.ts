import {
  WallApplyPresetCommand,
  WallAssignCommand,
  WallReleaseCommand,
  WallRemovePresetCommand,
  WallSavePresetCommand,
  WallSetLayoutCommand,
  WallTourCommand,
} from '@vigil/shared';
import { HttpError } from '../lib/http-error.js';
import { removePreset, savePreset } from '../services/wall/wall-presets.service.js';
import { applyPreset, assignTile, controlTourTile, releaseTakeover, setLayout } from '../services/wall/wall-view.service.js';
import { onCommand, type CommandContext, type VigilSocket } from './commands.js';

/** The operator console drives the wall through these; each answers `{ ok, seq }` through its ack. */
export function registerWallCommands(socket: VigilSocket, context: CommandContext): void {
  const { deps } = context;
  // The monitors' views are the wall tables' (live's): a drill's socket is refused, not let through to them.
  const live = <T>(run: () => Promise<T>): Promise<T> =>
    deps.stream === 'live'
      ? run()
      : Promise.reject(new HttpError(409, 'conflict', `stream: the video wall is live's and cannot be changed from the drill "${deps.stream}"`, { rule: 'wallLiveOnly' }));
  onCommand(socket, context, 'wall.setLayout', WallSetLayoutCommand, 'wall.control', (input, user) => live(() => setLayout(deps, input, user)));
  onCommand(socket, context, 'wall.assign', WallAssignCommand, 'wall.control', (input, user) => live(() => assignTile(deps, input, user)));
  onCommand(socket, context, 'wall.applyPreset', WallApplyPresetCommand, 'wall.control', (input, user) => live(() => applyPreset(deps, input, user)));
  onCommand(socket, context, 'wall.savePreset', WallSavePresetCommand, 'wall.control', (input, user) => live(() => savePreset(deps, input, user)));
  onCommand(socket, context, 'wall.removePreset', WallRemovePresetCommand, 'wall.control', (input, user) => live(() => removePreset(deps, input, user)));
  onCommand(socket, context, 'wall.tour', WallTourCommand, 'wall.control', (input, user) => live(() => controlTourTile(deps, input, user)));
  onCommand(socket, context, 'wall.release', WallReleaseCommand, 'wall.control', (input, user) => live(() => releaseTakeover(deps, input, user)));
}
