import { answersOf, openSteps, type DrillReport, type PlanStep } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { postStep } from './useDrillReport';

/**
 * A tabletop's facilitator (桌面推演导调) walks the plan here: each open step with its answers and
 * a skip with a reason, sent as the normal plan-step commands on the drill's stream. Hidden when
 * printed (the report is the record).
 */
export function TabletopFacilitator({ report, onDone }: { report: DrillReport; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const plan = report.plan;
  if (!plan || report.run.mode !== 'tabletop' || report.run.state !== 'running') return null;
  const open = openSteps(plan.run).filter((step) => step.kind !== 'auto');

  const act = (step: PlanStep, action: 'complete' | 'skip', answer?: string) => {
    const reason = reasons[step.id]?.trim() ?? '';
    if (action === 'skip' && !reason) {
      setError(t('drillReport.facilitator.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    postStep(report.run.id, action, { incidentId: plan.incidentId, stepId: step.id, ...(action === 'complete' ? { answer } : { reason }) }).then(
      () => {
        setBusy(false);
        onDone();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(t('drillReport.facilitator.failed', { message: describeError(failure, t) }));
      },
    );
  };
  const answerLabel = (step: PlanStep, answer: string) =>
    answer === 'done' || answer === 'yes' || answer === 'no' ? t(`plans.answer.${answer}`) : (step.options.find((option) => option.id === answer)?.label[lang] ?? answer);

  return (
    <section className="drill-facilitator" data-testid="drill-facilitator">
      <h2>{t('drillReport.facilitator.title')}</h2>
      <p className="report-sub">{t('drillReport.facilitator.hint')}</p>
      <h3>{t('drillReport.facilitator.open')}</h3>
      {open.length === 0 && <p className="report-empty">{t('drillReport.facilitator.none')}</p>}
      <ol className="drill-facilitator__steps">
        {open.map((step) => (
          <li key={step.id} className="drill-facilitator__step" data-testid={`facilitator-step-${step.id}`}>
            <div className="drill-facilitator__title">{step.title[lang]}</div>
            {step.detail && <p className="report-sub">{step.detail[lang]}</p>}
            <div className="drill-facilitator__actions">
              {answersOf(step).map((answer) => (
                <button key={answer} type="button" className="button button--primary" disabled={busy} data-testid={`facilitator-${step.id}-${answer}`} onClick={() => act(step, 'complete', answer)}>
                  {answerLabel(step, answer)}
                </button>
              ))}
              <input
                type="text"
                maxLength={500}
                aria-label={t('drillReport.facilitator.reason')}
                placeholder={t('drillReport.facilitator.reason')}
                value={reasons[step.id] ?? ''}
                onChange={(event) => setReasons((now) => ({ ...now, [step.id]: event.target.value }))}
                data-testid={`facilitator-${step.id}-reason`}
              />
              <button type="button" className="button" disabled={busy} data-testid={`facilitator-${step.id}-skip`} onClick={() => act(step, 'skip')}>
                {t('drillReport.facilitator.skip')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="drill-error">
          {error}
        </p>
      )}
    </section>
  );
}
