import type { Incident } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { formatElapsed } from './elapsed';
import { responderSteps, type ResponderStepStatus } from './responderSteps';

/** A mark per state, so the list reads without colour: ✓ done, – skipped, ○ open, ! due soon, ✕ overdue. */
const MARKS: Record<ResponderStepStatus, string> = { done: '✓', skipped: '–', bypassed: '·', ok: '○', warning: '!', overdue: '✕' };

/** The guard's own steps of the running plan, read-only: the commander ticks them on the console. */
export function MySteps({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  useNow(1000);
  const run = incident.plan;
  const english = !i18n.language.startsWith('zh');
  const steps = run ? responderSteps(run, new Date(screenNow())) : [];
  return (
    <section className="dispatch-section dispatch-steps" data-testid="dispatch-steps">
      <h3 className="dispatch-section__title">
        {t('dispatchPhone.steps.title')}
        <small>{t('dispatchPhone.steps.note')}</small>
      </h3>
      {!run && <p className="dispatch-section__empty">{t('dispatchPhone.steps.noPlan')}</p>}
      {run && steps.length === 0 && <p className="dispatch-section__empty">{t('dispatchPhone.steps.none')}</p>}
      <ol className="dispatch-steps__list">
        {steps.map(({ step, status, secondsLeft }) => (
          <li key={step.id} className={`dispatch-step dispatch-step--${status}`} data-testid="dispatch-step" data-step-id={step.id} data-status={status}>
            <span className="dispatch-step__mark" aria-hidden="true">
              {MARKS[status]}
            </span>
            <span className="dispatch-step__body">
              <span className="dispatch-step__title">{english ? step.title.en : step.title.zh}</span>
              {step.detail && <span className="dispatch-step__detail">{english ? step.detail.en : step.detail.zh}</span>}
            </span>
            <span className="dispatch-step__state">{t(`dispatchPhone.steps.${status}`, { time: formatElapsed(Math.abs(secondsLeft) * 1000) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
