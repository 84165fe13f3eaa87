import { useTranslation } from 'react-i18next';
import { DataAge } from './DataAge';
import { useReplaying } from '../lib/screenClock';
import { connectionLabel, connectionStatus, useConnection } from '../realtime/connectionStore';
import { useInDrill } from '../features/drills/drillScreenStore';

/**
 * LIVE / RECONNECTING / OFFLINE in colour, shape and words; the hint says what it means for the
 * data, and while not live the time the data is from stands beside it.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnection(connectionStatus);
  const label = useConnection(connectionLabel);
  // Connected to a drill's stream, the badge does not say LIVE.
  const inDrill = useInDrill();
  // In a replay the page is deliberately not connected: the banner says REPLAY instead.
  if (useReplaying()) {
    return (
      <div className="connection-banner connection-banner--replay" data-testid="connection-banner" data-status="replay" role="status" title={t('replay.bannerHint')}>
        <span className="connection-banner__icon" aria-hidden="true" />
        <span className="connection-banner__label">{t('replay.banner')}</span>
      </div>
    );
  }
  return (
    <>
      <div
        className={`connection-banner connection-banner--${status}`}
        data-testid="connection-banner"
        data-status={status}
        role="status"
        aria-live="polite"
        title={t(`connection.hint.${label}`)}
      >
        <span className="connection-banner__icon" aria-hidden="true" />
        <span className="connection-banner__label">{inDrill && label === 'live' ? t('drills.connected') : t(`connection.${label}`)}</span>
      </div>
      <DataAge />
    </>
  );
}
