import { can, isOpenHazard, tourCoverage, tourEndsAt, tourStatus, type PatrolTour, type Point, type Site } from '@vigil/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useNow } from '../../lib/useNow';
import { useAlarmStore } from '../alarms/alarmStore';
import { useSession } from '../auth/sessionStore';
import { HazardList } from './HazardList';
import { PatrolMap } from './PatrolMap';
import { fetchTour } from './patrolApi';
import { marksOf } from './phoneTour';
import './patrol.css';

/** Ended tours stay on the console this long (their missed checkpoints want a look). */
const RECENT_MS = 2 * 3_600_000;

/**
 * The console's patrols: tours in progress and just ended, with coverage and their late, missed
 * and doubtful checkpoints; the chosen one's planned route beside the walked track.
 */
export function PatrolPanel({ site }: { site: Site }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const now = useNow(5000);
  const tours = useAlarmStore((store) => store.live.tours);
  const guards = useAlarmStore((store) => store.live.guards);
  const hazards = useAlarmStore((store) => store.live.hazards);
  const mayHandle = useSession((session) => (session.user ? can(session.user.role, 'hazards.handle') : false));
  const [chosen, setChosen] = useState<string | null>(null);
  const [track, setTrack] = useState<Point[]>([]);

  const shown = useMemo(
    () =>
      [...tours.values()]
        .filter((tour) => tour.siteId === site.id)
        .filter((tour) => {
          const status = tourStatus(tour, new Date(now));
          return status === 'in_progress' || (status === 'done' && now - Date.parse(tourEndsAt(tour)) < RECENT_MS);
        })
        .sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
    [tours, site.id, now],
  );
  const tour: PatrolTour | undefined = shown.find((candidate) => candidate.id === chosen) ?? shown[0];
  const openHazards = [...hazards.values()].filter((hazard) => hazard.siteId === site.id && isOpenHazard(hazard)).length;
  const checkedCount = tour?.checkpoints.filter((c) => c.checkedAt).length ?? 0;

  useEffect(() => {
    if (!tour) return;
    let current = true;
    fetchTour(tour.id).then(
      (detail) => current && setTrack(detail.track.filter((fix) => fix.floor === 0).map((fix) => fix.position)),
      () => current && setTrack([]),
    );
    return () => {
      current = false;
    };
    // A new check-in or miss on the tour: the track is read again.
  }, [tour?.id, checkedCount]);

  return (
    <section className="console-panel patrol-panel" aria-labelledby="patrol-panel-title" data-testid="patrol-panel">
      <header className="console-panel__header">
        <h2 id="patrol-panel-title">{t('patrol.console.heading')}</h2>
        {openHazards > 0 && <span className="patrol-panel__badge">{t('patrol.console.hazards', { count: openHazards })}</span>}
      </header>
      <HazardList site={site} mayHandle={mayHandle} />
      {shown.length === 0 && <p className="console-panel__empty">{t('patrol.console.none')}</p>}
      {shown.map((candidate) => {
        const guard = candidate.guardId ? guards.get(candidate.guardId) : undefined;
        const missed = candidate.checkpoints.filter((c) => !c.checkedAt && c.missedAt).length;
        const late = candidate.checkpoints.filter((c) => c.late).length;
        const flagged = candidate.checkpoints.filter((c) => c.flagged).length;
        return (
          <button
            key={candidate.id}
            type="button"
            className="patrol-panel__tour"
            aria-pressed={candidate.id === tour?.id}
            onClick={() => setChosen(candidate.id)}
            data-testid="patrol-tour"
            data-tour={candidate.id}
            data-checked={candidate.checkpoints.filter((c) => c.checkedAt).length}
          >
            <strong>
              {nameOf(candidate)} · {formatTime(candidate.startsAt, i18n.language)} · {guard ? guard.callsign : (candidate.post ?? '—')}
            </strong>
            <span className="patrol-panel__badges">
              <span className="patrol-panel__badge">{t('patrol.console.coverage', { percent: Math.round(tourCoverage(candidate) * 100) })}</span>
              {missed > 0 && <span className="patrol-panel__badge patrol-panel__badge--missed">■ {t('patrol.console.missed')} {missed}</span>}
              {late > 0 && <span className="patrol-panel__badge patrol-panel__badge--late">▲ {t('patrol.console.late')} {late}</span>}
              {flagged > 0 && <span className="patrol-panel__badge patrol-panel__badge--flagged">? {t('patrol.console.flagged')} {flagged}</span>}
            </span>
          </button>
        );
      })}
      {tour && (
        <>
          <PatrolMap site={site} route={marksOf(tour)} track={track} label={`${t('patrol.console.planned')} / ${t('patrol.console.walked')}`} />
          <ol className="patrol-card__stops">
            {tour.checkpoints.map((checkpoint) => {
              const device = site.devices.find((d) => d.id === checkpoint.deviceId);
              const state = checkpoint.checkedAt ? 'checked' : checkpoint.missedAt ? 'missed' : 'pending';
              return (
                <li key={checkpoint.deviceId} data-testid="patrol-stop" data-state={state}>
                  <span>{device ? nameOf(device) : checkpoint.deviceId}</span>
                  <span>
                    {t(`patrol.phone.checkpointState.${state}`)} {checkpoint.checkedAt ? formatTime(checkpoint.checkedAt, i18n.language) : formatTime(checkpoint.dueAt, i18n.language)}
                    {checkpoint.flagged ? ` · ${t('patrol.console.flagged')}` : ''}
                    {checkpoint.late ? ` · ${t('patrol.console.late')}` : ''}
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
