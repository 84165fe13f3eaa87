import type { Device, Point, Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';

export type CheckpointMark = 'checked' | 'missed' | 'pending' | 'next' | 'flagged';

interface PatrolMapProps {
  site: Site;
  /** The route's checkpoints in walking order, each with how it stands. */
  route: { deviceId: string; mark: CheckpointMark }[];
  /** Checkpoints that may be added (the editor): clicking one picks it. */
  pickable?: Device[];
  onPick?: (deviceId: string) => void;
  /** The walked track (plan metres) and the guard where they are now. */
  track?: Point[];
  here?: Point | null;
  label: string;
  className?: string;
}

const MARK_FILL: Record<CheckpointMark, string> = {
  checked: '#3fb950',
  flagged: '#d29922',
  missed: '#f85149',
  pending: '#8b949e',
  next: '#58a6ff',
};

/**
 * A small plan of the site (SVG, plan metres, north up) with a route's checkpoints numbered in
 * order and joined, their state in colour and shape and number (never colour alone), the
 * walked track beside it, and the guard's position. For the route editor, the phone and the console.
 */
export function PatrolMap({ site, route, pickable = [], onPick, track = [], here = null, label, className }: PatrolMapProps) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const { width, height } = site.plan;
  const y = (value: number) => height - value;
  const devices = new Map(site.devices.map((device) => [device.id, device]));
  const planned = route.flatMap((stop) => {
    const device = devices.get(stop.deviceId);
    return device ? [{ ...stop, device }] : [];
  });
  const r = Math.max(width, height) / 60;
  const line = (points: Point[]) => points.map(([px, py]) => `${px},${y(py)}`).join(' ');
  return (
    <svg className={className ?? 'patrol-map'} viewBox={`${-r * 2} ${-r * 2} ${width + r * 4} ${height + r * 4}`} role="img" aria-label={label} data-testid="patrol-map">
      <rect x={0} y={0} width={width} height={height} className="patrol-map__plan" />
      {site.zones
        .filter((zone) => zone.floor === 0 && zone.geometry.type === 'Polygon')
        .map((zone) => (
          <polygon key={zone.id} className="patrol-map__zone" points={zone.geometry.type === 'Polygon' ? line(zone.geometry.coordinates[0] ?? []) : ''} />
        ))}
      {planned.length > 1 && <polyline className="patrol-map__route" points={line(planned.map((stop) => stop.device.position))} aria-label={t('patrol.console.planned')} />}
      {track.length > 1 && <polyline className="patrol-map__track" points={line(track)} aria-label={t('patrol.console.walked')} />}
      {pickable.map((device) => (
        <g key={device.id} className="patrol-map__pickable" onClick={() => onPick?.(device.id)} data-testid={`pick-${device.id}`}>
          <title>{nameOf(device)}</title>
          <rect x={device.position[0] - r} y={y(device.position[1]) - r} width={r * 2} height={r * 2} />
        </g>
      ))}
      {planned.map((stop, index) => {
        const [px, py] = stop.device.position;
        return (
          <g key={stop.deviceId} className={`patrol-map__stop patrol-map__stop--${stop.mark}`} data-mark={stop.mark}>
            <title>{`${index + 1}. ${nameOf(stop.device)}`}</title>
            {stop.mark === 'missed' ? (
              <rect x={px - r * 1.2} y={y(py) - r * 1.2} width={r * 2.4} height={r * 2.4} fill={MARK_FILL[stop.mark]} />
            ) : (
              <circle cx={px} cy={y(py)} r={stop.mark === 'next' ? r * 1.6 : r * 1.3} fill={MARK_FILL[stop.mark]} />
            )}
            <text x={px} y={y(py) + r * 0.5} textAnchor="middle" fontSize={r * 1.4} className="patrol-map__number">
              {index + 1}
            </text>
          </g>
        );
      })}
      {here && <circle className="patrol-map__here" cx={here[0]} cy={y(here[1])} r={r} />}
    </svg>
  );
}
