import type { PlayerDiagnostics } from './playerController';

export interface TileDiagnostics extends PlayerDiagnostics {
  cameraId: string;
  variant: string;
}

interface DiagnosticsSource {
  diagnostics(): TileDiagnostics;
}

/**
 * The page's video players, for tests and diagnostics: every hls.js instance alive and every
 * open tile player. Read from the browser as `window.__vigilVideo` (a test hook: the leak check
 * compares `liveInstances()` with the tiles on screen; an engineer can look at it in DevTools).
 */
const instances = new Set<object>();
const players = new Set<DiagnosticsSource>();

export const videoRegistry = {
  hlsCreated: (hls: object) => instances.add(hls),
  hlsDestroyed: (hls: object) => instances.delete(hls),
  playerOpened: (player: DiagnosticsSource) => players.add(player),
  playerClosed: (player: DiagnosticsSource) => players.delete(player),
  liveInstances: () => instances.size,
  tiles: () => [...players].map((player) => player.diagnostics()),
};

export interface VigilVideoHook {
  liveInstances(): number;
  tiles(): TileDiagnostics[];
  channelOpen(): boolean;
}

declare global {
  interface Window {
    __vigilVideo?: VigilVideoHook;
  }
}

export function installVideoHook(channelOpen: () => boolean): void {
  if (typeof window === 'undefined' || window.__vigilVideo) return;
  window.__vigilVideo = { liveInstances: videoRegistry.liveInstances, tiles: videoRegistry.tiles, channelOpen };
}
