import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../i18n/format';
import { useLocalNow } from '../../lib/useNow';
import { MUTE_MINUTES, isMuted, useToneMute } from './toneMuteStore';

function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * In the header: "mute the repeat tone for 5 / 15 / 30 min", and while muted a badge with the time
 * left that unmutes on a click. The mute ends by itself at its end time.
 */
export function ToneMuteControl() {
  const { t, i18n } = useTranslation();
  const now = useLocalNow(1_000);
  const mutedUntil = useToneMute((store) => store.mutedUntil);
  const mute = useToneMute((store) => store.mute);
  const unmute = useToneMute((store) => store.unmute);
  const [choosing, setChoosing] = useState(false);
  const muted = isMuted(mutedUntil, now);

  useEffect(() => {
    if (mutedUntil !== null && !muted) unmute();
  }, [mutedUntil, muted, unmute]);

  if (muted && mutedUntil !== null) {
    return (
      <button
        type="button"
        className="tone-muted"
        data-testid="tone-muted"
        title={t('wallOps.mute.badgeHint', { until: formatClock(new Date(mutedUntil), i18n.language) })}
        onClick={unmute}
      >
        <span className="tone-muted__icon" aria-hidden="true" />
        <span data-testid="tone-muted-left">{t('wallOps.mute.badge', { time: minutesAndSeconds(mutedUntil - now) })}</span>
        <span className="tone-muted__unmute">{t('wallOps.mute.unmute')}</span>
      </button>
    );
  }

  return (
    <div className="tone-mute">
      <button type="button" className="button button--quiet tone-mute__button" data-testid="tone-mute" aria-expanded={choosing} onClick={() => setChoosing(!choosing)}>
        {t('wallOps.mute.button')}
      </button>
      {choosing && (
        <div className="tone-mute__choices" role="group" aria-label={t('wallOps.mute.choose')}>
          {MUTE_MINUTES.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className="button button--small"
              data-testid={`tone-mute-${minutes}`}
              onClick={() => {
                mute(minutes);
                setChoosing(false);
              }}
            >
              {t('wallOps.mute.minutes', { count: minutes })}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
