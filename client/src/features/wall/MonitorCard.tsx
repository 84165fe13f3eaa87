import { LAYOUTS, can, layoutGrid, type Layout, type Monitor, type TileContentInput } from '@vigil/shared';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '../alarms/PriorityBadge';
import { useAlarmText } from '../alarms/alarmText';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import type { SiteIndex } from '../sites/siteIndex';
import { useSession } from '../auth/sessionStore';
import { useConsole } from './consoleStore';
import { MonitorSettings } from './MonitorSettings';
import { PresetPicker } from './PresetPicker';
import { useTileLabel } from './useTileLabel';
import { useShownView } from './useWall';
import type { WallCommands } from './useWallCommands';

export const CAMERA_DRAG_TYPE = 'application/x-vigil-camera';

/** One monitor of the wall as a small picture of its tiles: click a tile to aim at it, drop a camera on it. */
export function MonitorCard({ monitor, index, commands }: { monitor: Monitor; index: SiteIndex | null; commands: WallCommands }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const textOf = useAlarmText();
  useNow(1000); // a tour's label moves on with the clock
  const now = screenNow();
  const label = useTileLabel(index);
  const shown = useShownView(monitor);
  const target = useConsole((store) => store.target);
  const setTarget = useConsole((store) => store.setTarget);
  const mayConfigure = useSession((session) => (session.user ? can(session.user.role, 'wall.configure') : false));
  const [editing, setEditing] = useState(false);
  if (!shown) return null;
  const { view, takeover } = shown;
  const grid = layoutGrid(view.layout);
  const wholeTargeted = target?.monitorId === monitor.id && target.index === null;

  const handleDrop = (tileIndex: number | null) => (event: DragEvent) => {
    const cameraId = event.dataTransfer.getData(CAMERA_DRAG_TYPE);
    if (!cameraId) return;
    event.preventDefault();
    const content: TileContentInput = { kind: 'camera', cameraId };
    setTarget({ monitorId: monitor.id, index: tileIndex });
    void commands.assign({ monitorId: monitor.id, index: tileIndex }, content);
  };
  const allowDrop = (event: DragEvent) => {
    if (event.dataTransfer.types.includes(CAMERA_DRAG_TYPE)) event.preventDefault();
  };
  const handleLayout = (layout: Layout) => {
    void commands.setLayout(monitor.id, layout);
  };
  const handleRelease = () => {
    if (takeover) void commands.release(monitor.id, takeover.alarm.id);
  };

  return (
    <section className={`monitor-card${wholeTargeted ? ' monitor-card--targeted' : ''}`} data-testid={`monitor-card-${monitor.id}`}>
      <header className="monitor-card__header">
        <button
          type="button"
          className="monitor-card__name"
          onClick={() => setTarget({ monitorId: monitor.id, index: null })}
          onDragOver={allowDrop}
          onDrop={handleDrop(null)}
          aria-pressed={wholeTargeted}
          title={t('console.targetMonitor')}
        >
          {nameOf(monitor)}
          <span className="monitor-card__id">/wall/{monitor.id}</span>
        </button>
        {monitor.alarmRule && <span className="monitor-card__rule">{t('console.alarmMonitor', { priority: monitor.alarmRule.maxPriority })}</span>}
        {mayConfigure && (
          <button type="button" className="button button--small button--quiet" onClick={() => setEditing(true)} data-testid={`settings-${monitor.id}`}>
            {t('console.settings.open')}
          </button>
        )}
      </header>
      {editing && <MonitorSettings monitor={monitor} siteId={monitor.siteId} onClose={() => setEditing(false)} />}
      {takeover && (
        <div className="monitor-card__takeover" role="status" data-testid={`takeover-${monitor.id}`}>
          <PriorityBadge priority={takeover.alarm.priority} />
          <span className="monitor-card__takeover-text">{t('console.takenOver', { message: textOf(takeover.alarm) || t(`alarmKind.${takeover.alarm.kind}`) })}</span>
          <button type="button" className="button button--small" onClick={handleRelease}>
            {t('console.release')}
          </button>
        </div>
      )}
      <div
        className="monitor-card__grid"
        style={{ gridTemplateColumns: `repeat(${grid.columns}, 1fr)`, gridTemplateRows: `repeat(${grid.rows}, 1fr)` }}
        aria-label={t('console.tilesOf', { name: nameOf(monitor) })}
      >
        {grid.tiles.map((rect, tileIndex) => {
          const content = view.tiles[tileIndex] ?? { kind: 'empty' as const };
          const targeted = target?.monitorId === monitor.id && target.index === tileIndex;
          return (
            <button
              key={tileIndex}
              type="button"
              className={`monitor-card__tile monitor-card__tile--${content.kind}${targeted ? ' monitor-card__tile--targeted' : ''}`}
              style={{ gridColumn: `${rect.col + 1} / span ${rect.colSpan}`, gridRow: `${rect.row + 1} / span ${rect.rowSpan}` }}
              onClick={() => setTarget({ monitorId: monitor.id, index: tileIndex })}
              onDragOver={allowDrop}
              onDrop={handleDrop(tileIndex)}
              disabled={takeover !== null}
              aria-pressed={targeted}
              data-testid={`tile-${monitor.id}-${tileIndex}`}
              data-kind={content.kind}
            >
              <span className="monitor-card__tile-no">{tileIndex + 1}</span>
              <span className="monitor-card__tile-label">{label(content, now)}</span>
            </button>
          );
        })}
      </div>
      <footer className="monitor-card__footer">
        <div className="segmented" role="group" aria-label={t('console.layout')}>
          {LAYOUTS.map((layout) => (
            <button
              key={layout}
              type="button"
              className={`segmented__option${monitor.view.layout === layout ? ' segmented__option--active' : ''}`}
              aria-pressed={monitor.view.layout === layout}
              onClick={() => handleLayout(layout)}
              data-testid={`layout-${monitor.id}-${layout}`}
            >
              {t(`console.layouts.${layoutKey(layout)}`)}
            </button>
          ))}
        </div>
        <PresetPicker monitor={monitor} commands={commands} />
      </footer>
    </section>
  );
}

const LAYOUT_KEYS = { '1': 'one', '2x2': 'four', '3x3': 'nine', '4x4': 'sixteen', '1+5': 'onePlusFive', '1+7': 'onePlusSeven' } as const;
export const layoutKey = (layout: Layout) => LAYOUT_KEYS[layout];
