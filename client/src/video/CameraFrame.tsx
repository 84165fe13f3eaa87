import type { StreamVariant } from '@vigil/shared';
import { CameraTile } from './CameraTile';

/** A camera tile in a 16:9 box of its own, for panels and dialogs outside a monitor's grid. */
export function CameraFrame({ cameraId, variant }: { cameraId: string; variant: StreamVariant }) {
  return (
    <div className="camera-frame">
      <CameraTile cameraId={cameraId} variant={variant} />
    </div>
  );
}
