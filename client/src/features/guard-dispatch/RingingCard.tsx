import type { Dispatch, Incident, Site } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButtons } from './ActionButtons';
import { AnswerLine } from './AnswerLine';
import type { PendingAnswer } from './answerOutbox';
import { DeclineForm } from './DeclineForm';
import type { DispatchAction } from './dispatchFlow';
import { IncidentSummary } from './IncidentSummary';
import { RingerUnlock } from './RingerUnlock';

/** Brings the page's SOS button into view (after the card has made room for it). */
function scrollToSos() {
  requestAnimationFrame(() => document.querySelector('[data-testid=sos-button]')?.scrollIntoView({ block: 'center' }));
}

/**
 * The dispatch that rings: over the whole screen, what and where, Accept and Decline as large as
 * thumbs need. The phone rings and vibrates (useRinger) while it shows. "SOS" folds the card
 * into a bar at the top (still ringing) and brings the page's SOS button into view.
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
  const [folded, setFolded] = useState(false);

  if (folded) {
    return (
      <section className="dispatch-ringing dispatch-ringing--folded" data-testid="dispatch-ringing" data-folded="true" data-dispatch-id={dispatch.id}>
        <span className="dispatch-ringing__bell" aria-hidden="true" />
        <p className="dispatch-ringing__folded-title">
          <strong>{t('dispatchPhone.ringing.title')}</strong> {incident.title}
        </p>
        <button type="button" className="dispatch-button dispatch-button--accept" data-testid="dispatch-unfold" onClick={() => setFolded(false)}>
          {t('dispatchPhone.ringing.unfold')}
        </button>
      </section>
    );
  }

  return (
    <section className="dispatch-ringing" role="alertdialog" aria-labelledby="dispatch-ringing-title" data-testid="dispatch-ringing" data-folded="false" data-dispatch-id={dispatch.id}>
      <header className="dispatch-ringing__header">
        <span className="dispatch-ringing__bell" aria-hidden="true" />
        <h1 id="dispatch-ringing-title" className="dispatch-ringing__title">
          {t('dispatchPhone.ringing.title')}
        </h1>
        <button
          type="button"
          className="dispatch-ringing__sos"
          data-testid="dispatch-jump-sos"
          onClick={() => {
            setFolded(true);
            scrollToSos();
          }}
        >
          {t('dispatchPhone.ringing.jumpToSos')}
        </button>
      </header>
      <RingerUnlock />
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
