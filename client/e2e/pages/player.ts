import { openPlayer, type OpenPlayer } from '../../src/video/openPlayer';

/**
 * The tile player without the app around it, for the browser test on the fake relay: opens and
 * closes players as the test asks. Each `<video>` carries its camera and state as data attributes.
 */
const tiles = document.getElementById('tiles')!;
const open = new Map<HTMLVideoElement, OpenPlayer>();

function openTile(cameraId: string): void {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.dataset.camera = cameraId;
  video.dataset.state = 'connecting';
  video.dataset.history = 'connecting';
  tiles.append(video);
  open.set(
    video,
    openPlayer(video, cameraId, 'sub', (state) => {
      video.dataset.state = state;
      video.dataset.history = `${video.dataset.history ?? ''} ${state}`;
    }),
  );
}

function closeAll(): void {
  for (const [video, player] of open) {
    player.close();
    video.remove();
  }
  open.clear();
}

interface PlayerPage {
  openTiles(cameraIds: string[]): void;
  closeAll(): void;
}
(window as Window & { playerPage?: PlayerPage }).playerPage = {
  openTiles: (cameraIds) => cameraIds.forEach(openTile),
  closeAll,
};
