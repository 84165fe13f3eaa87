import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import type { AnswerPhase, PendingAnswer } from './answerOutbox';

/** The same shapes as the SOS line: a clock (waiting), an arrow out (sent), a tick (received), a cross (failed). */
export const ICON_PATHS: Record<AnswerPhase, string> = {
  waiting: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3.5 2.5',
  sent: 'M12 20V5M5.5 11.5L12 5l6.5 6.5',
  received: 'M4.5 12.5l5 5L19.5 7',
  failed: 'M6 6l12 12M18 6L6 18',
};

/** Where the guard's last answer is on its way: waiting for signal, sent, received, or refused. */
export function AnswerLine({ answer, onRetry, onDismiss }: { answer: PendingAnswer | null; onRetry: (commandId: string) => void; onDismiss: (commandId: string) => void }) {
  const { t, i18n } = useTranslation();
  if (!answer) return null;
  const action = t(`dispatchPhone.action.${answer.action}`);
  return (
    <div
      className={`dispatch-answer dispatch-answer--${answer.phase}`}
      role="status"
      aria-live="assertive"
      data-testid="dispatch-answer"
      data-phase={answer.phase}
      data-action={answer.action}
      data-attempts={answer.attempts}
    >
      <svg className="dispatch-answer__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d={ICON_PATHS[answer.phase]} fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="dispatch-answer__text">
        <strong>{t(`dispatchPhone.answer.${answer.phase}`, { action, error: answer.error ?? '' })}</strong>
        <small>{formatTime(answer.pressedAt, i18n.language)}</small>
      </span>
      {answer.phase === 'failed' && (
        <span className="dispatch-answer__buttons">
          <button type="button" className="dispatch-answer__button" data-testid="dispatch-answer-retry" onClick={() => onRetry(answer.commandId)}>
            {t('dispatchPhone.answer.retry')}
          </button>
          <button type="button" className="dispatch-answer__button" onClick={() => onDismiss(answer.commandId)}>
            {t('dispatchPhone.answer.dismiss')}
          </button>
        </span>
      )}
    </div>
  );
}
