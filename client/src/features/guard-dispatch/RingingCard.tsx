import type { Dispatch, Incident, Site } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButtons } from './ActionButtons';
import { AnswerLine } from './AnswerLine';
import type { PendingAnswer } from './answerOutbox';
import { DeclineForm } from './DeclineForm';
import type { DispatchAction } from './dispatchFlow';
import { IncidentSummary } from './IncidentSummary';

/** Brings the SOS button (below the card, in the page) into view: the card never hides it for good. */
function handleJumpToSos() {
  document.querySelector('[data-testid=sos-button]')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/**
 * The dispatch that rings: fills the phone's screen with what and where, Accept and Decline as
 * large as thumbs need. The phone rings and vibrates (useRinger) while this shows.
 */
export function RingingCard({
  dispatch,
  incident,
  site,
  answer,
  onAnswer,
  onRetry,
  onDismiss,
}: {
  dispatch: Dispatch;
  incident: Incident;
  site: Site | undefined;
  /** The last answer, when one was refused: the card rings again and says why. */
  answer: PendingAnswer | null;
  onAnswer: (action: DispatchAction, reason?: string) => void;
  onRetry: (commandId: string) => void;
  onDismiss: (commandId: string) => void;
}) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  return (
    <section className="dispatch-ringing" role="alertdialog" aria-labelledby="dispatch-ringing-title" data-testid="dispatch-ringing" data-dispatch-id={dispatch.id}>
      <header className="dispatch-ringing__header">
        <span className="dispatch-ringing__bell" aria-hidden="true" />
        <h1 id="dispatch-ringing-title" className="dispatch-ringing__title">
          {t('dispatchPhone.ringing.title')}
        </h1>
        <button type="button" className="dispatch-ringing__sos" data-testid="dispatch-jump-sos" onClick={handleJumpToSos}>
          {t('dispatchPhone.ringing.jumpToSos')}
        </button>
      </header>
      <p className="dispatch-ringing__lead">{t('dispatchPhone.ringing.lead')}</p>
      <IncidentSummary dispatch={dispatch} incident={incident} site={site} />
      {dispatch.unansweredAt && (
        <p className="dispatch-ringing__unanswered" role="alert" data-testid="dispatch-unanswered">
          {t('dispatchPhone.ringing.unanswered')}
        </p>
      )}
      {declining ? (
        <DeclineForm onBack={() => setDeclining(false)} onDecline={(reason) => onAnswer('decline', reason)} />
      ) : (
        <ActionButtons state="sent" onAction={(action) => (action === 'decline' ? setDeclining(true) : onAnswer(action))} />
      )}
      <AnswerLine answer={answer} onRetry={onRetry} onDismiss={onDismiss} />
    </section>
  );
}
