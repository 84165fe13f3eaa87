import { useTranslation } from 'react-i18next';
import { formatClock } from '../i18n/format';
import { useConnection } from '../realtime/connectionStore';

/** While not live: "as of 03:12:45", the last moment the page had every event. Nothing while live. */
export function DataAge() {
  const { t, i18n } = useTranslation();
  const liveUntil = useConnection((connection) => connection.liveUntil);
  if (liveUntil === null) return null;
  const time = formatClock(new Date(liveUntil), i18n.language);
  return (
    <time className="data-age" data-testid="data-as-of" dateTime={new Date(liveUntil).toISOString()} title={t('wallOps.stale.asOfHint', { time })}>
      {t('wallOps.stale.asOf', { time })}
    </time>
  );
}
