import type { Incident, PlanStep } from '@vigil/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistRows, isRunning } from './checklistModel';
import { ChecklistRowView } from './ChecklistRowView';
import { StepAnswer } from './StepAnswer';
import { StepTimer } from './StepTimer';
import { useBilingual } from './useBilingual';
import './incidents.css';

export type ChecklistVariant = 'full' | 'compact' | 'wall';

interface PlanChecklistProps {
  incident: Incident;
  /** `full` on /command, `compact` on the console, `wall` legible from three metres (no controls). */
  variant?: ChecklistVariant;
  /** A dispatch step's button opens the dispatch panel (on /command). */
  onDispatch?: () => void;
}

/**
 * The running checklist (one component for /command, the console and the wall): the step being
 * worked on with its clock and answers, then every step of the run in order with its state.
 * Only the running rows and the timer re-render each second.
 */
export function PlanChecklist({ incident, variant = 'full', onDispatch }: PlanChecklistProps) {
  const { t } = useTranslation();
  const text = useBilingual();
  const run = incident.plan;
  const rows = useMemo(() => (run ? checklistRows(run) : []), [run]);
  const [chosen, setChosen] = useState<string | null>(null);

  if (!run) {
    return (
      <section className={`plan-checklist plan-checklist--${variant}`} data-testid="plan-checklist">
        <p className="plan-checklist__empty">{t('incidents.checklist.noPlan')}</p>
      </section>
    );
  }

  const running = rows.filter((row) => isRunning(row.state));
  const focused = running.find((row) => row.step.id === chosen) ?? running[0] ?? null;
  const interactive = variant !== 'wall' && incident.state !== 'resolved' && incident.state !== 'closed';

  return (
    <section className={`plan-checklist plan-checklist--${variant}`} data-testid="plan-checklist" data-incident-id={incident.id}>
      <header className="plan-checklist__header">
        <h3 className="plan-checklist__plan">{text(run.name)}</h3>
        <span className="plan-checklist__progress">
          {t('incidents.checklist.progress', {
            done: rows.filter((row) => row.state === 'done' || row.state === 'skipped').length,
            count: rows.filter((row) => row.state !== 'bypassed').length,
          })}
        </span>
      </header>
      {focused ? (
        <CurrentStep incident={incident} step={focused.step} number={focused.number} variant={variant} interactive={interactive} onDispatch={onDispatch} />
      ) : (
        <p className="plan-checklist__finished" data-testid="checklist-finished">
          {t('incidents.checklist.finished')}
        </p>
      )}
      <ol className="plan-checklist__steps">
        {/* On the wall a branch not taken is left out: every line there must earn its place. */}
        {rows.filter((row) => variant !== 'wall' || row.state !== 'bypassed').map((row) => (
          <ChecklistRowView
            key={row.step.id}
            run={run}
            row={row}
            variant={variant}
            selected={row.step.id === focused?.step.id}
            onSelect={interactive ? setChosen : undefined}
          />
        ))}
      </ol>
    </section>
  );
}

interface CurrentStepProps {
  incident: Incident;
  step: PlanStep;
  number: number;
  variant: ChecklistVariant;
  interactive: boolean;
  onDispatch?: () => void;
}

/** The step in hand: title, what to do, who does it, the clock, and the answers. */
function CurrentStep({ incident, step, number, variant, interactive, onDispatch }: CurrentStepProps) {
  const { t } = useTranslation();
  const text = useBilingual();
  const run = incident.plan!;
  return (
    <div className="current-step" data-testid="current-step" data-step-id={step.id}>
      <div className="current-step__head">
        <span className="current-step__label">
          {t('incidents.checklist.current')} · {number}
        </span>
        <StepTimer run={run} step={step} size={variant === 'compact' ? 'normal' : 'large'} />
      </div>
      <h4 className="current-step__title" data-testid="current-step-title">
        {text(step.title)}
      </h4>
      {step.detail && variant !== 'compact' && <p className="current-step__detail">{text(step.detail)}</p>}
      <p className="current-step__who">
        <span>{t('incidents.checklist.role', { role: t(`incidents.planRole.${step.role}`) })}</span>
        <span>{incident.owner ? t('incidents.checklist.owner', { name: incident.owner.name }) : t('incidents.checklist.noOwner')}</span>
      </p>
      {interactive && <StepAnswer key={step.id} incident={incident} step={step} onDispatch={onDispatch} />}
    </div>
  );
}
