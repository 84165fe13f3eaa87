import { cameraPlaylistPath, type StreamVariant } from '@vigil/shared';
import Hls from 'hls.js';
import workerPath from 'hls.js/dist/hls.worker.js?url';
import { createChannelLoader } from './channelLoader';
import { tileHlsConfig } from './hlsConfig';
import { PlayerController, type StreamState } from './playerController';
import { installVideoHook, videoRegistry } from './registry';
import { videoChannels } from './videoChannel';

installVideoHook(() => videoChannels.isOpen());

export interface OpenPlayer {
  close(): void;
}

/** A camera's stream in a video element, over the page's video channel, until `close()`. */
export function openPlayer(media: HTMLVideoElement, cameraId: string, variant: StreamVariant, onState: (state: StreamState) => void): OpenPlayer {
  const lease = videoChannels.acquire();
  const controller = new PlayerController(
    media,
    cameraPlaylistPath(cameraId, variant),
    {
      createHls: (config) => new Hls(config),
      config: tileHlsConfig(createChannelLoader(lease.channel), workerPath),
      now: () => performance.now(),
      random: Math.random,
      onHlsCreated: videoRegistry.hlsCreated,
      onHlsDestroyed: videoRegistry.hlsDestroyed,
    },
    onState,
  );
  const tile = { diagnostics: () => ({ ...controller.diagnostics(), cameraId, variant }) };
  videoRegistry.playerOpened(tile);
  return {
    close: () => {
      videoRegistry.playerClosed(tile);
      controller.destroy();
      lease.release();
    },
  };
}
