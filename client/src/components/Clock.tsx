import { useTranslation } from 'react-i18next';
import { formatClock, formatDate } from '../i18n/format';
import { useNow } from '../lib/useNow';

/** Local time with seconds, big enough to read across the room, and the date under it. */
export function Clock() {
  const { i18n } = useTranslation();
  const now = new Date(useNow(1_000));
  return (
    <div className="clock">
      <time className="clock__time" dateTime={now.toISOString()} data-testid="clock">
        {formatClock(now, i18n.language)}
      </time>
      <span className="clock__date">{formatDate(now, i18n.language)}</span>
    </div>
  );
}
