import { layoutGrid, type TileContent, type WallView } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { WallTileView } from './WallTileView';

interface MonitorGridProps {
  view: WallView;
  /** The monitor's place on the wall, 1-based, for the numbers of empty tiles. */
  monitorNumber: number;
  /** The tile that fills the monitor (double-clicked), or null for the whole layout. */
  enlarged: number | null;
  onToggleEnlarged: (index: number) => void;
}

const EMPTY: TileContent = { kind: 'empty' };

/**
 * A monitor's layout as a CSS grid (the big tile of 1+5 and 1+7 spans cells), or one tile on
 * the whole monitor with the main stream. Tiles keep their place (key) across layouts, so a
 * camera that stays where it was keeps playing.
 */
export function MonitorGrid({ view, monitorNumber, enlarged, onToggleEnlarged }: MonitorGridProps) {
  const { t } = useTranslation();
  const grid = layoutGrid(view.layout);

  if (enlarged !== null) {
    return (
      <div className="monitor-grid monitor-grid--enlarged" data-testid="monitor-grid" data-layout="enlarged">
        <div className="wall-tile" data-testid="wall-tile" data-index={enlarged} onDoubleClick={() => onToggleEnlarged(enlarged)}>
          <WallTileView content={view.tiles[enlarged] ?? EMPTY} variant="main" number={t('monitor.tileNumber', { monitor: monitorNumber, tile: enlarged + 1 })} />
          <span className="monitor-grid__hint">{t('monitor.enlargedHint')}</span>
        </div>
      </div>
    );
  }

  return (
    <div
      className="monitor-grid"
      data-testid="monitor-grid"
      data-layout={view.layout}
      style={{ gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` }}
    >
      {grid.tiles.map((rect, index) => (
        <div
          key={index}
          className="wall-tile"
          data-testid="wall-tile"
          data-index={index}
          style={{ gridColumn: `${rect.col + 1} / span ${rect.colSpan}`, gridRow: `${rect.row + 1} / span ${rect.rowSpan}` }}
          onDoubleClick={() => onToggleEnlarged(index)}
        >
          <WallTileView content={view.tiles[index] ?? EMPTY} variant="sub" number={t('monitor.tileNumber', { monitor: monitorNumber, tile: index + 1 })} />
        </div>
      ))}
    </div>
  );
}
