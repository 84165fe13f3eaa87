import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, formatTime } from '../../i18n/format';
import type { ReplayMarker } from './replayApi';
import { useReplayStore } from './replayStore';

/** Shape as well as colour for each kind of marker (never colour alone). */
const MARKER_SHAPES: Record<ReplayMarker['kind'], string> = { alarm: '▲', incident: '◆', dispatch: '●', step: '■' };

/** The words for each marked event type (the server's markers); another type says its kind. */
const MARKER_TYPES = {
  'alarm.raised': 'alarmRaised',
  'incident.opened': 'incidentOpened',
  'incident.stateChanged': 'incidentStateChanged',
  'dispatch.sent': 'dispatchSent',
  'dispatch.arrived': 'dispatchArrived',
  'dispatch.cleared': 'dispatchCleared',
  'plan.stepCompleted': 'stepCompleted',
  'plan.stepSkipped': 'stepSkipped',
  'plan.stepOverdue': 'stepOverdue',
} as const;
const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;

const isMarkerType = (type: string): type is keyof typeof MARKER_TYPES => Object.hasOwn(MARKER_TYPES, type);
const isIncidentState = (label: string | undefined): label is (typeof INCIDENT_STATES)[number] => (INCIDENT_STATES as readonly (string | undefined)[]).includes(label);

/** Where `at` sits along the range, 0 to 1. */
export function shareOf(range: { from: number; to: number }, at: number): number {
  const span = range.to - range.from;
  return span <= 0 ? 0 : Math.min(1, Math.max(0, (at - range.from) / span));
}

/**
 * The markers along the bar, described once per list and language: the bar re-renders with the
 * playhead many times a second while a replay plays, and these stay as they are.
 */
const TimelineMarkers = memo(function TimelineMarkers({ markers, from, to, onSeek }: { markers: readonly ReplayMarker[]; from: number; to: number; onSeek: (at: number) => void }) {
  const { t, i18n } = useTranslation();
  const describe = (marker: ReplayMarker) => {
    const kind = isMarkerType(marker.type) ? t(`replay.markerType.${MARKER_TYPES[marker.type]}`) : t(`replay.marker.${marker.kind}`);
    // An incident's state change is labelled with the state's code.
    const label = marker.type === 'incident.stateChanged' && isIncidentState(marker.label) ? t(`incidents.state.${marker.label}`) : (marker.label ?? '');
    return t('replay.markerAt', { kind, label, time: formatTime(marker.at, i18n.language) }).trim();
  };
  return (
    <ol className="replay-timeline__markers" aria-label={t('replay.timeline')}>
      {markers.map((marker) => {
        const label = describe(marker);
        return (
          <li key={`${marker.kind}-${marker.seq}-${marker.id}`} className={`replay-marker replay-marker--${marker.kind}`} style={{ left: `${shareOf({ from, to }, Date.parse(marker.at)) * 100}%` }}>
            <button type="button" title={label} aria-label={label} data-testid="replay-marker" data-kind={marker.kind} data-at={marker.at} onClick={() => onSeek(Date.parse(marker.at))}>
              <span aria-hidden="true">{MARKER_SHAPES[marker.kind]}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
});

/**
 * The timeline bar: the range with a tick per alarm, incident, dispatch and step, and the
 * playhead. A click or a drag seeks (the drag shows where it will land, and seeks once, on
 * release); the arrow keys step a hundredth of the range; a marker's own button seeks to it.
 */
export function ReplayTimeline({ range, now, onSeek }: { range: { from: number; to: number }; now: number; onSeek: (at: number) => void }) {
  const { t, i18n } = useTranslation();
  const markers = useReplayStore((store) => store.markers);
  const truncated = useReplayStore((store) => store.truncated);
  const markersFailed = useReplayStore((store) => store.markersFailed);
  const trackRef = useRef<HTMLDivElement>(null);
  const [dragAt, setDragAt] = useState<number | null>(null);
  const shown = dragAt ?? now;

  const atPointer = (event: PointerEvent) => {
    const box = trackRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return range.from;
    return range.from + ((event.clientX - box.left) / box.width) * (range.to - range.from);
  };
  const handlePointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragAt(atPointer(event));
  };
  const handlePointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragAt !== null) setDragAt(atPointer(event));
  };
  const handlePointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (dragAt === null) return;
    setDragAt(null);
    onSeek(atPointer(event));
  };
  const handleKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = (range.to - range.from) / 100;
    const to = { ArrowLeft: now - step, ArrowRight: now + step, Home: range.from, End: range.to }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onSeek(to);
  };

  return (
    <div className="replay-timeline">
      <div
        ref={trackRef}
        className="replay-timeline__track"
        role="slider"
        tabIndex={0}
        aria-label={t('replay.timeline')}
        aria-valuemin={range.from}
        aria-valuemax={range.to}
        aria-valuenow={Math.round(shown)}
        aria-valuetext={formatClock(new Date(shown), i18n.language)}
        data-testid="replay-timeline"
        onPointerDown={handlePointerDown}
        onPointerMove={handlePointerMove}
        onPointerUp={handlePointerUp}
        onPointerCancel={() => setDragAt(null)}
        onKeyDown={handleKey}
      >
        <div className="replay-timeline__played" style={{ width: `${shareOf(range, shown) * 100}%` }} />
        <div className="replay-timeline__head" style={{ left: `${shareOf(range, shown) * 100}%` }} data-testid="replay-playhead" />
      </div>
      <TimelineMarkers markers={markers} from={range.from} to={range.to} onSeek={onSeek} />
      <div className="replay-timeline__ends">
        <span>{formatClock(new Date(range.from), i18n.language)}</span>
        {markersFailed && <span className="replay-timeline__note">{t('replay.markersFailed')}</span>}
        {truncated && <span className="replay-timeline__note">{t('replay.truncated', { count: markers.length })}</span>}
        <span>{formatClock(new Date(range.to), i18n.language)}</span>
      </div>
    </div>
  );
}
