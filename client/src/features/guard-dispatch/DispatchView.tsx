import type { Dispatch, DispatchState, Incident, Site } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButtons } from './ActionButtons';
import { AnswerLine } from './AnswerLine';
import type { PendingAnswer } from './answerOutbox';
import { DeclineForm } from './DeclineForm';
import type { DispatchAction } from './dispatchFlow';
import { DispatchTimes } from './DispatchTimes';
import { IncidentMap } from './IncidentMap';
import { IncidentSummary } from './IncidentSummary';
import { MySteps } from './MySteps';
import { ReportForm } from './ReportForm';
import type { ReportOutboxApi } from './useReportOutbox';

/** The incident the guard is on: where it stands, the next answer, the map, the guard's steps, times, report. */
export function DispatchView({
  dispatch,
  shown,
  incident,
  site,
  answer,
  onAnswer,
  onRetry,
  onDismiss,
  reports,
}: {
  dispatch: Dispatch;
  shown: DispatchState;
  incident: Incident;
  site: Site | undefined;
  answer: PendingAnswer | null;
  onAnswer: (action: DispatchAction, reason?: string) => void;
  onRetry: (commandId: string) => void;
  onDismiss: (commandId: string) => void;
  reports: ReportOutboxApi;
}) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  return (
    <section className="dispatch-view" data-testid="dispatch-view" data-dispatch-id={dispatch.id} data-state={shown}>
      <p className={`dispatch-view__state dispatch-view__state--${shown}`} data-testid="dispatch-state">
        {t(`dispatchPhone.state.${shown}`)}
      </p>
      {shown === 'on_scene' && dispatch.arrival === 'detected' && <p className="dispatch-view__arrival">{t('dispatchPhone.arrivalDetected')}</p>}
      <IncidentSummary dispatch={dispatch} incident={incident} site={site} />
      {declining ? (
        <DeclineForm
          onBack={() => setDeclining(false)}
          onDecline={(reason) => {
            setDeclining(false);
            onAnswer('decline', reason);
          }}
        />
      ) : (
        <ActionButtons state={shown} onAction={(action) => (action === 'decline' ? setDeclining(true) : onAnswer(action))} />
      )}
      <AnswerLine answer={answer} onRetry={onRetry} onDismiss={onDismiss} />
      {site && <IncidentMap incident={incident} site={site} />}
      <MySteps incident={incident} />
      <DispatchTimes dispatch={dispatch} />
      <ReportForm dispatchId={dispatch.id} outbox={reports} />
    </section>
  );
}
