import { nextCheckpointIndex, tourStatus, type PatrolTour, type Site } from '@vigil/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useNow } from '../../lib/useNow';
import { useAlarmStore } from '../alarms/alarmStore';
import './wall-patrols.css';

/** The wall shows this many rounds; more are on the console. */
const SHOWN = 3;

/**
 * The wall's patrols, read from across the room: each round in progress with how far it has got,
 * its missed, late and doubtful checkpoints in words and shapes, and the next checkpoint with its
 * due time (red once overdue). With none in progress, when the next one begins.
 */
export function WallPatrols({ site }: { site: Site }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const now = useNow(5000);
  const tours = useAlarmStore((store) => store.live.tours);
  const guards = useAlarmStore((store) => store.live.guards);
  const { running, next } = useMemo(() => {
    const at = new Date(now);
    const ofSite = [...tours.values()].filter((tour) => tour.siteId === site.id).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return {
      running: ofSite.filter((tour) => tourStatus(tour, at) === 'in_progress'),
      next: ofSite.find((tour) => tourStatus(tour, at) === 'upcoming'),
    };
  }, [tours, site.id, now]);
  // A site with no patrol at all shows nothing of patrols.
  if (running.length === 0 && !next) return null;

  const walker = (tour: PatrolTour) => (tour.guardId ? guards.get(tour.guardId)?.callsign : undefined) ?? tour.post;
  return (
    <section className="wall-patrols" aria-labelledby="wall-patrols-title" data-testid="wall-patrols">
      <header className="wall-patrols__header">
        <h2 id="wall-patrols-title">{t('wallPatrols.heading')}</h2>
        <span>{running.length > 0 ? t('wallPatrols.inProgress', { count: running.length }) : t('wallPatrols.none')}</span>
      </header>
      {running.slice(0, SHOWN).map((tour) => {
        const checked = tour.checkpoints.filter((c) => c.checkedAt).length;
        const missed = tour.checkpoints.filter((c) => !c.checkedAt && c.missedAt).length;
        const late = tour.checkpoints.filter((c) => c.late).length;
        const flagged = tour.checkpoints.filter((c) => c.flagged).length;
        const index = nextCheckpointIndex(tour);
        const upNext = index === null ? undefined : tour.checkpoints[index];
        const device = upNext ? site.devices.find((d) => d.id === upNext.deviceId) : undefined;
        const overdueMin = upNext ? Math.floor((now - Date.parse(upNext.dueAt)) / 60_000) : -1;
        const who = walker(tour);
        return (
          <article key={tour.id} className="wall-patrols__tour" data-testid="wall-patrol" data-tour={tour.id} data-checked={checked} data-missed={missed}>
            <p className="wall-patrols__title">
              <strong>{nameOf(tour)}</strong>
              {who && <span> · {who}</span>}
              <span className="wall-patrols__progress">{t('wallPatrols.progress', { checked, total: tour.checkpoints.length })}</span>
            </p>
            <ol className="wall-patrols__steps" aria-hidden="true">
              {tour.checkpoints.map((checkpoint, position) => (
                <li key={position} data-state={checkpoint.checkedAt ? (checkpoint.flagged ? 'flagged' : 'checked') : checkpoint.missedAt ? 'missed' : position === index ? 'next' : 'pending'} />
              ))}
            </ol>
            <p className="wall-patrols__marks">
              {missed > 0 && <span className="wall-patrols__mark wall-patrols__mark--missed">■ {t('wallPatrols.missed', { count: missed })}</span>}
              {late > 0 && <span className="wall-patrols__mark wall-patrols__mark--late">▲ {t('wallPatrols.late', { count: late })}</span>}
              {flagged > 0 && <span className="wall-patrols__mark wall-patrols__mark--flagged">? {t('wallPatrols.flagged', { count: flagged })}</span>}
              {upNext && (
                <span className={overdueMin > 0 ? 'wall-patrols__next wall-patrols__next--overdue' : 'wall-patrols__next'} data-testid="wall-patrol-next">
                  {t('wallPatrols.next', { checkpoint: device ? nameOf(device) : upNext.deviceId, time: formatMinute(upNext.dueAt, i18n.language) })}
                  {overdueMin > 0 && ` · ${t('wallPatrols.overdue', { minutes: overdueMin })}`}
                </span>
              )}
            </p>
          </article>
        );
      })}
      {running.length === 0 && next && (
        <p className="wall-patrols__upcoming" data-testid="wall-patrol-upcoming">
          {t('wallPatrols.nextRound', { route: nameOf(next), time: formatMinute(next.startsAt, i18n.language) })}
        </p>
      )}
    </section>
  );
}
