import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const QUICK_REASONS = ['otherIncident', 'tooFar', 'unsafe', 'offDuty'] as const;
/** As the command's schema allows (dispatch.answer reason: at most 300 characters). */
const MAX_REASON = 300;

/** Declining needs a reason: a quick pick in one tap, or the guard's own words. */
export function DeclineForm({ onDecline, onBack }: { onDecline: (reason: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<(typeof QUICK_REASONS)[number] | 'other' | null>(null);
  const [text, setText] = useState('');
  const reason = picked === 'other' ? text.trim() : picked ? t(`dispatchPhone.decline.reasons.${picked}`) : '';

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason) onDecline(reason);
  };

  return (
    <form className="dispatch-decline" data-testid="dispatch-decline-form" onSubmit={handleSubmit}>
      <fieldset className="dispatch-decline__reasons">
        <legend className="dispatch-decline__title">{t('dispatchPhone.decline.title')}</legend>
        {[...QUICK_REASONS, 'other' as const].map((key) => (
          <label key={key} className="dispatch-decline__reason">
            <input type="radio" name="decline-reason" value={key} checked={picked === key} data-testid={`decline-reason-${key}`} onChange={() => setPicked(key)} />
            <span>{key === 'other' ? t('dispatchPhone.decline.other') : t(`dispatchPhone.decline.reasons.${key}`)}</span>
          </label>
        ))}
      </fieldset>
      {picked === 'other' && (
        <input
          className="dispatch-decline__text"
          type="text"
          maxLength={MAX_REASON}
          autoFocus
          placeholder={t('dispatchPhone.decline.placeholder')}
          aria-label={t('dispatchPhone.decline.other')}
          data-testid="decline-reason-text"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
      {!reason && <p className="dispatch-decline__hint">{t('dispatchPhone.decline.needReason')}</p>}
      <div className="dispatch-decline__buttons">
        <button type="button" className="dispatch-button dispatch-button--secondary" onClick={onBack}>
          {t('dispatchPhone.decline.back')}
        </button>
        <button type="submit" className="dispatch-button dispatch-button--decline" disabled={!reason} data-testid="decline-confirm">
          {t('dispatchPhone.decline.confirm')}
        </button>
      </div>
    </form>
  );
}
