import { GUARD_SELF_STATUSES, type GuardStatus } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { newCommandId } from '../../lib/ids';
import { useRealtime } from '../../realtime/RealtimeContext';

/** The shared list of what a guard may set from the phone, in the order the buttons show it. */
const BUTTON_ORDER: readonly GuardStatus[] = ['available', 'en_route', 'on_scene', 'returning', 'busy', 'off_duty'];
const SELF_STATUSES = BUTTON_ORDER.filter((status) => (GUARD_SELF_STATUSES as readonly GuardStatus[]).includes(status));

export function StatusButtons({ current }: { current: GuardStatus }) {
  const { t } = useTranslation();
  const { send } = useRealtime();
  const [pending, setPending] = useState<GuardStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const handleSetStatus = async (status: GuardStatus) => {
    setPending(status);
    setError(null);
    const outcome = await send('guard.setStatus', { commandId: newCommandId(), status });
    setPending(null);
    if (!outcome.ok) setError('timedOut' in outcome ? t('errorText.code.network') : describeError(outcome, t));
  };

  return (
    <section className="guard-page__statuses" aria-label={t('guardPage.setStatus')}>
      <h2 className="guard-page__section-title">{t('guardPage.setStatus')}</h2>
      <div className="guard-page__status-grid">
        {SELF_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`guard-status-button guard-status-button--${status}`}
            aria-pressed={current === status}
            disabled={pending !== null}
            data-testid={`guard-status-${status}`}
            onClick={() => void handleSetStatus(status)}
          >
            {t(`guardStatus.${status}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="guard-page__error" role="alert">
          {t('guardPage.statusFailed', { error })}
        </p>
      )}
    </section>
  );
}
