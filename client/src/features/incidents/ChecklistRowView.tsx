import type { PlanRun, StepAnswer as Answer, PlanStep } from '@vigil/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { isRunning, type ChecklistRow } from './checklistModel';
import { ClockIcon, StepStateIcon } from './StepIcon';
import { useStepClock } from './StepTimer';
import { useBilingual } from './useBilingual';

/** An answer in words: Done, Yes, No, or the choice's label. */
export function useAnswerText(): (step: PlanStep, answer: Answer | null) => string {
  const { t } = useTranslation();
  const text = useBilingual();
  return (step, answer) => {
    if (answer === 'yes' || answer === 'no' || answer === 'done') return t(`incidents.answer.${answer}`);
    const option = step.options.find((candidate) => candidate.id === answer);
    return option ? text(option.label) : (answer ?? '');
  };
}

interface RowProps {
  run: PlanRun;
  row: ChecklistRow;
  variant: 'full' | 'compact' | 'wall';
  selected: boolean;
  onSelect?: (stepId: string) => void;
}

/** One step: its state in shape and words, who did it when, or its running clock. */
export const ChecklistRowView = memo(function ChecklistRowView({ run, row, variant, selected, onSelect }: RowProps) {
  const { t, i18n } = useTranslation();
  const text = useBilingual();
  const answerText = useAnswerText();
  const { step, state, stepState } = row;
  const running = isRunning(state);
  const clock = useStepClock(run, step, running);
  const tone = running || state === 'done' ? clock.tone : 'none';
  const time = (iso: string | null) => (iso ? formatTime(iso, i18n.language) : '');
  const selectable = running && onSelect !== undefined;

  const detail = (() => {
    switch (state) {
      case 'done':
        return (
          <>
            <span>{t('incidents.checklist.doneBy', { name: stepState.by?.name ?? t('incidents.timeline.system'), time: time(stepState.at) })}</span>
            {stepState.call ? (
              <span>{t('incidents.checklist.called', { party: t(`incidents.party.${stepState.call.party}`), time: time(stepState.call.at) })}</span>
            ) : (
              (step.kind === 'yes_no' || step.kind === 'choice') && <span>{t('incidents.checklist.answer', { answer: answerText(step, stepState.answer) })}</span>
            )}
            {clock.key === 'doneLate' && (
              <span className="step-row__late">
                <ClockIcon tone="late" />
                {t('incidents.checklist.doneLate', { time: clock.time })}
              </span>
            )}
          </>
        );
      case 'skipped':
        return (
          <>
            <span>{t('incidents.checklist.skippedBy', { name: stepState.by?.name ?? '', time: time(stepState.at) })}</span>
            <span className="step-row__reason">{t('incidents.checklist.reason', { reason: stepState.reason ?? '' })}</span>
          </>
        );
      case 'current':
      case 'open':
        return clock.key ? (
          <span className={`step-timer step-timer--${clock.tone}`} data-testid="step-timer" data-tone={clock.tone}>
            <ClockIcon tone={clock.tone} />
            {t(`incidents.checklist.${clock.key}`, { time: clock.time })}
          </span>
        ) : null;
      case 'bypassed':
        return <span>{t('incidents.checklist.bypassed')}</span>;
      case 'unreached':
        return variant === 'wall' ? null : <span>{t('incidents.checklist.unreached')}</span>;
    }
  })();

  const body = (
    <>
      <span className="step-row__number">{row.number}</span>
      <StepStateIcon state={state} />
      <span className="step-row__main">
        <span className="step-row__title">
          {text(step.title)}
          {step.required && state !== 'bypassed' && <span className="step-row__required">{t('incidents.checklist.required')}</span>}
          {variant !== 'wall' && <span className="step-row__role">{t(`incidents.planRole.${step.role}`)}</span>}
        </span>
        <span className="step-row__detail">{detail}</span>
      </span>
      <span className="step-row__state">{t(`incidents.checklist.stepStates.${state}`)}</span>
    </>
  );

  return (
    <li
      className={`step-row step-row--${state} step-row--tone-${tone}${selected ? ' step-row--selected' : ''}`}
      data-testid="step-row"
      data-step-id={step.id}
      data-state={state}
      data-tone={tone}
    >
      {selectable ? (
        <button type="button" className="step-row__select" onClick={() => onSelect(step.id)} aria-pressed={selected}>
          {body}
        </button>
      ) : (
        <div className="step-row__static">{body}</div>
      )}
    </li>
  );
});
