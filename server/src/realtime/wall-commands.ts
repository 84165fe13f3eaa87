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
  // Presets are reference data (the wall tables', live's): a drill's socket may use them, not change them.
  const live = <T>(run: () => Promise<T>): Promise<T> =>
    deps.stream === 'live'
      ? run()
      : Promise.reject(new HttpError(409, 'conflict', `stream: presets are kept on live and cannot be changed from the drill "${deps.stream}"`, { rule: 'presetsLiveOnly' }));
  // A monitor's view is per stream: in a drill, the drill's own (wall-view.service).
  onCommand(socket, context, 'wall.setLayout', WallSetLayoutCommand, 'wall.control', (input, user) => setLayout(deps, input, user));
  onCommand(socket, context, 'wall.assign', WallAssignCommand, 'wall.control', (input, user) => assignTile(deps, input, user));
  onCommand(socket, context, 'wall.applyPreset', WallApplyPresetCommand, 'wall.control', (input, user) => applyPreset(deps, input, user));
  onCommand(socket, context, 'wall.savePreset', WallSavePresetCommand, 'wall.control', (input, user) => live(() => savePreset(deps, input, user)));
  onCommand(socket, context, 'wall.removePreset', WallRemovePresetCommand, 'wall.control', (input, user) => live(() => removePreset(deps, input, user)));
  onCommand(socket, context, 'wall.tour', WallTourCommand, 'wall.control', (input, user) => controlTourTile(deps, input, user));
  onCommand(socket, context, 'wall.release', WallReleaseCommand, 'wall.control', (input, user) => releaseTakeover(deps, input, user));
}
