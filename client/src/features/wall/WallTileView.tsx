import type { StreamVariant, TileContent } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { CameraTile } from '../../video/CameraTile';
import { AlarmQueue } from '../alarms/AlarmQueue';
import { IncidentTile } from '../incidents/IncidentTile';
import { MapTile } from './MapTile';
import { TourTileView } from './TourTileView';

interface WallTileViewProps {
  content: TileContent;
  variant: StreamVariant;
  /** "2-5": the monitor's place on the wall and the tile's number, for an empty tile. */
  number: string;
}

/** What one tile of a monitor shows, by its content's kind. */
export function WallTileView({ content, variant, number }: WallTileViewProps) {
  const { t } = useTranslation();
  switch (content.kind) {
    case 'camera':
      return <CameraTile cameraId={content.cameraId} variant={variant} />;
    case 'tour':
      return <TourTileView tour={content} variant={variant} />;
    case 'map':
      return <MapTile siteId={content.siteId} floor={content.floor} />;
    case 'alarms':
      return <AlarmQueue />;
    case 'incident':
      return <IncidentTile incidentId={content.incidentId} />;
    case 'empty':
      return (
        <div className="wall-tile__quiet wall-tile__empty" data-testid="empty-tile">
          <span className="wall-tile__number">{number}</span>
          <span>{t('monitor.emptyTile')}</span>
        </div>
      );
  }
}
