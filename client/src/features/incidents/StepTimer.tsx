import type { PlanRun, PlanStep } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { stepClock, type StepClock } from './checklistModel';
import { ClockIcon } from './StepIcon';

/**
 * A step's clock at server time. Only components that call this re-render each second (a running
 * row, the current step's timer); a step no longer running asks for a re-render once an hour.
 */
export function useStepClock(run: PlanRun, step: PlanStep, running: boolean): StepClock {
  useNow(running ? 1000 : 3_600_000);
  return stepClock(run, step, screenNow());
}

/** "▲ due soon 0:15" / "⯃ overdue 0:45": colour, shape and words together. */
export function StepTimer({ run, step, size = 'normal' }: { run: PlanRun; step: PlanStep; size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const clock = useStepClock(run, step, true);
  if (!clock.key) return null;
  return (
    <span className={`step-timer step-timer--${clock.tone} step-timer--${size}`} data-testid="step-timer" data-tone={clock.tone} role="timer">
      <ClockIcon tone={clock.tone} />
      <span>{t(`incidents.checklist.${clock.key}`, { time: clock.time })}</span>
    </span>
  );
}
