import {
  WallApplyPresetCommand,
  WallAssignCommand,
  WallReleaseCommand,
  WallRemovePresetCommand,
  WallSavePresetCommand,
  WallSetLayoutCommand,
  WallTourCommand,
} from '@vigil/shared';
import { removePreset, savePreset } from '../services/wall/wall-presets.service.js';
import { applyPreset, assignTile, controlTourTile, releaseTakeover, setLayout } from '../services/wall/wall-view.service.js';
import { onCommand, type CommandContext, type VigilSocket } from './commands.js';

/** The operator console drives the wall through these; each answers `{ ok, seq }` through its ack. */
export function registerWallCommands(socket: VigilSocket, context: CommandContext): void {
  const { deps } = context;
  onCommand(socket, context, 'wall.setLayout', WallSetLayoutCommand, 'wall.control', (input, user) => setLayout(deps, input, user));
  onCommand(socket, context, 'wall.assign', WallAssignCommand, 'wall.control', (input, user) => assignTile(deps, input, user));
  onCommand(socket, context, 'wall.applyPreset', WallApplyPresetCommand, 'wall.control', (input, user) => applyPreset(deps, input, user));
  onCommand(socket, context, 'wall.savePreset', WallSavePresetCommand, 'wall.control', (input, user) => savePreset(deps, input, user));
  onCommand(socket, context, 'wall.removePreset', WallRemovePresetCommand, 'wall.control', (input, user) => removePreset(deps, input, user));
  onCommand(socket, context, 'wall.tour', WallTourCommand, 'wall.control', (input, user) => controlTourTile(deps, input, user));
  onCommand(socket, context, 'wall.release', WallReleaseCommand, 'wall.control', (input, user) => releaseTakeover(deps, input, user));
}
