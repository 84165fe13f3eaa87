import { useTranslation } from 'react-i18next';
import { FullScreenMessage } from '../../components/FullScreenMessage';
import { formatTime } from '../../i18n/format';
import { connectionStatus, useConnection } from '../../realtime/connectionStore';
import { useAlarmStore } from '../alarms/alarmStore';
import { GuardDispatch } from '../guard-dispatch/GuardDispatch';
import { GuardDrillCards } from '../drills/GuardDrillCard';
import { PatrolCard } from '../patrol/PatrolCard';
import { FloorPicker } from './FloorPicker';
import { GuardSignOut } from './GuardSignOut';
import { SosButton } from './SosButton';
import { StatusButtons } from './StatusButtons';
import { useFixReporter } from './useFixReporter';
import { useMyGuard } from './useMyGuard';
import { usePhoneStore } from './phoneStore';

/** The guard's own page body: who, status, reporting, SOS. */
export function GuardPost({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  useFixReporter(userId);
  const guard = useMyGuard(userId);
  const synced = useConnection((connection) => connection.everSynced);
  const live = useConnection((connection) => connectionStatus(connection) === 'live');
  const { location, lastFix, queued, taken } = usePhoneStore();
  const floors = useAlarmStore((store) => (guard ? store.live.sites[guard.siteId]?.floors : undefined));

  if (!guard) return <FullScreenMessage message={synced ? t('guardPage.notLinked') : t('app.loading')} />;

  return (
    <main className="guard-page__body">
      <GuardDispatch userId={userId} guardId={guard.id} />
      {/* A drill's dispatches in a card of their own, on the drill's socket; live's ring above as ever. */}
      <GuardDrillCards userId={userId} guardId={guard.id} />
      <section className="guard-page__identity">
        <div>
          <p className="guard-page__label">{t('guardPage.callsign')}</p>
          <p className="guard-page__callsign" data-testid="guard-callsign">
            {guard.callsign}
          </p>
          <p className="guard-page__name">{guard.name}</p>
        </div>
        <div className={`guard-page__current guard-page__current--${guard.status}`} data-testid="guard-current-status" data-status={guard.status}>
          <p className="guard-page__label">{t('guardPage.status')}</p>
          <p className="guard-page__status">{t(`guardStatus.${guard.status}`)}</p>
        </div>
      </section>
      <SosButton userId={userId} status={guard.status} />
      <PatrolCard userId={userId} siteId={guard.siteId} />
      <dl className="guard-page__facts">
        <dt>{t('guardPage.lastFix')}</dt>
        <dd data-testid="guard-last-fix">
          {lastFix
            ? t('guardPage.lastFixValue', { time: formatTime(lastFix.at, i18n.language), metres: Math.round(lastFix.accuracy ?? 0) })
            : t(location === 'watching' ? 'guardPage.noFix' : `guardPage.location.${location}`)}
        </dd>
        <dt>{t('guardPage.queue')}</dt>
        <dd data-testid="guard-queue" data-count={queued} data-taken={taken} data-live={String(live)}>
          {t('guardPage.queueValue', { count: queued })}
        </dd>
      </dl>
      <FloorPicker floors={floors ?? []} />
      <StatusButtons current={guard.status} />
      <GuardSignOut userId={userId} />
    </main>
  );
}
