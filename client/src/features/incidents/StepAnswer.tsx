import { mayAnswerStep, type Incident, type PlanStep } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newCommandId } from '../../lib/ids';
import { serverNow } from '../../realtime/serverClock';
import { useCanSendCommands } from '../../realtime/useStale';
import { callMoment, localTimeOf } from './callTime';
import { ReasonDialog } from './ReasonDialog';
import { useBilingual } from './useBilingual';
import { useIncidentCommand } from './useIncidentCommand';
import { useRole } from './useIncidents';

interface StepAnswerProps {
  incident: Incident;
  step: PlanStep;
  /** A dispatch step opens the dispatch panel. */
  onDispatch?: () => void;
}

/** The answers a step takes, for the roles that may give them (mayAnswerStep); skipping asks why. */
export function StepAnswer({ incident, step, onDispatch }: StepAnswerProps) {
  const { t } = useTranslation();
  const role = useRole();
  const text = useBilingual();
  const canSend = useCanSendCommands();
  const command = useIncidentCommand();
  const skipCommand = useIncidentCommand();
  const [skipping, setSkipping] = useState(false);
  const [calledAt, setCalledAt] = useState(() => localTimeOf(serverNow()));

  if (!role || !mayAnswerStep(role, step.role)) {
    return (
      <p className="step-answer__not-allowed" data-testid="step-not-allowed">
        {t('incidents.answer.notAllowed', { role: t(`incidents.planRole.${step.role}`) })}
      </p>
    );
  }

  const answer = (value: string, extra: { calledAt?: string } = {}) => {
    void command.send('plan.completeStep', { commandId: newCommandId(), incidentId: incident.id, stepId: step.id, answer: value, ...extra });
  };
  const handleCalled = () => {
    const moment = callMoment(calledAt, serverNow());
    answer('done', moment ? { calledAt: moment } : {});
  };
  const handleSkip = async (reason: string) =>
    (await skipCommand.send('plan.skipStep', { commandId: newCommandId(), incidentId: incident.id, stepId: step.id, reason })) !== null;

  const disabled = command.pending || !canSend;
  const button = (label: string, value: string, className = '') => (
    <button key={value} type="button" className={`button step-answer__button ${className}`} disabled={disabled} onClick={() => answer(value)} data-testid={`step-answer-${value}`}>
      {label}
    </button>
  );

  return (
    <div className="step-answer" data-testid="step-answer" data-step-id={step.id}>
      <div className="step-answer__buttons">
        {step.kind === 'confirm' && button(t('incidents.answer.done'), 'done', 'button--primary')}
        {step.kind === 'yes_no' && [button(t('incidents.answer.yes'), 'yes', 'button--primary'), button(t('incidents.answer.no'), 'no')]}
        {step.kind === 'choice' && step.options.map((option) => button(text(option.label), option.id))}
        {step.kind === 'call' && step.party && (
          <span className="step-answer__call">
            <label className="step-answer__call-time">
              <span>{t('incidents.answer.calledAt')}</span>
              <input className="input input--small" type="time" step={1} value={calledAt} onChange={(event) => setCalledAt(event.target.value)} data-testid="step-called-at" />
            </label>
            <button type="button" className="button button--primary step-answer__button" disabled={disabled} onClick={handleCalled} data-testid="step-answer-called">
              {t('incidents.answer.called', { party: t(`incidents.party.${step.party}`) })}
            </button>
          </span>
        )}
        {step.kind === 'dispatch' && (
          <>
            {onDispatch && (
              <button type="button" className="button button--primary step-answer__button" disabled={!canSend} onClick={onDispatch} data-testid="step-open-dispatch">
                {t('incidents.answer.dispatch')}
              </button>
            )}
            {button(t('incidents.answer.done'), 'done')}
          </>
        )}
        {step.kind === 'auto' && (
          <>
            {step.action && <span className="step-answer__auto">{t('incidents.answer.autoDid', { action: t(`incidents.autoAction.${step.action}`) })}</span>}
            {button(t('incidents.answer.autoConfirm'), 'done')}
          </>
        )}
        <button type="button" className="button button--quiet step-answer__skip" disabled={!canSend} onClick={() => setSkipping(true)} data-testid="step-skip">
          {t('incidents.answer.skip')}
        </button>
        {command.pending && <span className="step-answer__pending">{t('incidents.answer.sending')}</span>}
      </div>
      {command.error && (
        <p className="incident-error" role="alert" data-testid="step-error">
          {command.error}
        </p>
      )}
      {skipping && (
        <ReasonDialog
          testId="skip-dialog"
          title={t('incidents.skip.title', { step: text(step.title) })}
          label={t('incidents.skip.reason')}
          placeholder={t('incidents.skip.reasonPlaceholder')}
          confirm={t('incidents.skip.confirm')}
          error={skipCommand.error}
          onConfirm={handleSkip}
          onClose={() => {
            skipCommand.clear();
            setSkipping(false);
          }}
        />
      )}
    </div>
  );
}
