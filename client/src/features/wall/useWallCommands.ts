import type { Layout, TileContentInput, TourAction } from '@vigil/shared';
import { useMemo } from 'react';
import { newCommandId } from '../../lib/ids';
import type { CommandOutcome } from '../../realtime/commands';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useConsole, type WallTarget } from './consoleStore';

export interface WallCommands {
  assign: (target: WallTarget, content: TileContentInput) => Promise<boolean>;
  setLayout: (monitorId: string, layout: Layout) => Promise<boolean>;
  applyPreset: (monitorId: string, presetId: string) => Promise<boolean>;
  savePreset: (monitorId: string, name: string, nameEn: string | null) => Promise<boolean>;
  removePreset: (presetId: string) => Promise<boolean>;
  tour: (monitorId: string, index: number, action: TourAction) => Promise<boolean>;
  release: (monitorId: string, alarmId: string) => Promise<boolean>;
}

/** The wall commands of the console and the map's camera details; a failure stays on screen until dismissed. */
export function useWallCommands(): WallCommands {
  const realtime = useRealtime();
  return useMemo(() => {
    const run = async (send: (commandId: string) => Promise<CommandOutcome>): Promise<boolean> => {
      const { started, finished } = useConsole.getState();
      started();
      const outcome = await send(newCommandId());
      finished(
        outcome.ok ? null : 'timedOut' in outcome ? { kind: 'timeout' } : 'offline' in outcome ? { kind: 'offline' } : { kind: 'rejected', refusal: outcome },
      );
      return outcome.ok;
    };
    return {
      assign: (target, content) =>
        run((commandId) =>
          realtime.send('wall.assign', { commandId, monitorId: target.monitorId, content, ...(target.index === null ? {} : { index: target.index }) }),
        ),
      setLayout: (monitorId, layout) => run((commandId) => realtime.send('wall.setLayout', { commandId, monitorId, layout })),
      applyPreset: (monitorId, presetId) => run((commandId) => realtime.send('wall.applyPreset', { commandId, monitorId, presetId })),
      savePreset: (monitorId, name, nameEn) => run((commandId) => realtime.send('wall.savePreset', { commandId, monitorId, name, nameEn })),
      removePreset: (presetId) => run((commandId) => realtime.send('wall.removePreset', { commandId, presetId })),
      tour: (monitorId, index, action) => run((commandId) => realtime.send('wall.tour', { commandId, monitorId, index, action })),
      release: (monitorId, alarmId) => run((commandId) => realtime.send('wall.release', { commandId, monitorId, alarmId })),
    };
  }, [realtime]);
}
