import type { DrillReport } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatList } from '../../i18n/format';
import { formatSeconds, runDurationSec } from './drillReportModel';

type Lang = 'zh' | 'en';

function useWords() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
  return { t, lang, language: i18n.language, dateTime: (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : '—') };
}

/** Scenario, mode, state, start and end, the controller, the plan; then the score and grade with the rule as it is. */
export function DrillReportHeader({ report }: { report: DrillReport }) {
  const { t, lang, dateTime } = useWords();
  const { run, evaluation } = report;
  const rows: [string, string, string][] = [
    ['scenario', t('drillReport.header.scenario'), `${run.name[lang]} (${run.scenarioId})`],
    ['mode', t('drillReport.header.mode'), t(`drillReport.modes.${run.mode}`)],
    ['state', t('drillReport.header.state'), t(`drillReport.states.${run.state}`)],
    ['started', t('drillReport.header.started'), dateTime(run.startedAt)],
    ['ended', t('drillReport.header.ended'), dateTime(run.endedAt)],
    ['duration', t('drillReport.header.duration'), formatSeconds(runDurationSec(report))],
    ['paused', t('drillReport.header.paused'), formatSeconds(run.pausedSec)],
    ['controller', t('drillReport.header.controller'), run.controller.name],
    ['participants', t('drillReport.header.participants'), String(run.participants.length + 1)],
  ];
  return (
    <header className="report-header">
      <div className="report-header__title">
        <h1>{t('drillReport.title')}</h1>
        <p className="report-header__subtitle">{run.name[lang]}</p>
      </div>
      {report.provisional && <p className="report-warning">{t('drillReport.provisional')}</p>}
      <dl className="report-facts">
        {rows.map(([key, label, value]) => (
          <div key={key} className="report-facts__item" data-testid={`drill-report-${key}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="report-facts__item report-facts__item--wide" data-testid="drill-report-plan">
          <dt>{t('drillReport.header.plan')}</dt>
          <dd>{report.plan ? `${report.plan.run.name[lang]} (v${report.plan.run.version})` : run.planId}</dd>
        </div>
      </dl>
      <section className="report-section drill-score" data-testid="drill-score">
        <h2>{t('drillReport.score.title')}</h2>
        <div className="drill-score__line">
          <span className="drill-score__value" data-testid="drill-score-value">
            {t('drillReport.score.value', { score: evaluation.score })}
          </span>
          <span className={`drill-grade drill-grade--${evaluation.grade}`} data-testid="drill-grade">
            {t('drillReport.score.grade')}: {t(`drillReport.grades.${evaluation.grade}`)}
          </span>
        </div>
        <h3 className="drill-score__rule-title">{t('drillReport.score.rule')}</h3>
        <p className="drill-score__rule" data-testid="drill-rule">
          {report.rule[lang]}
        </p>
      </section>
    </header>
  );
}

/** Each target the scenario set: its time against the team's, the verdict and points. */
export function TargetsSection({ report }: { report: DrillReport }) {
  const { t } = useWords();
  const { targets } = report.evaluation;
  return (
    <section className="report-section" data-testid="drill-targets">
      <h2>{t('drillReport.targets.title')}</h2>
      {targets.length === 0 ? (
        <p className="report-empty">{t('drillReport.targets.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('drillReport.targets.target')}</th>
              <th>{t('drillReport.targets.targetTime')}</th>
              <th>{t('drillReport.targets.actual')}</th>
              <th>{t('drillReport.targets.verdict')}</th>
              <th>{t('drillReport.targets.points')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr key={target.target} className={`drill-row drill-row--${target.verdict}`} data-testid={`drill-target-${target.target}`}>
                <td>{t(`drillReport.targetNames.${target.target}`)}</td>
                <td className="report-due">{formatSeconds(target.targetSec)}</td>
                <td className="report-due">{target.actualSec === null ? t('drillReport.never') : formatSeconds(target.actualSec)}</td>
                <td>
                  <span className={`drill-verdict drill-verdict--${target.verdict}`}>{t(`drillReport.targetVerdicts.${target.verdict}`)}</span>
                </td>
                <td className="report-due">
                  {target.points} / {target.maxPoints}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Each step of the path taken: due against done, late, skipped with its reason, missed ones marked. */
export function StepsSection({ report }: { report: DrillReport }) {
  const { t, lang, language } = useWords();
  const { steps, late, skipped, missed } = report.evaluation;
  const title = (id: string) => steps.find((step) => step.stepId === id)?.title[lang] ?? id;
  const list = (ids: string[]) => (ids.length === 0 ? '—' : formatList(ids.map(title), language));
  return (
    <section className="report-section" data-testid="drill-steps">
      <h2>{t('drillReport.steps.title')}</h2>
      {steps.length === 0 ? (
        <p className="report-empty">{t('drillReport.steps.none')}</p>
      ) : (
        <>
          <p className="drill-lists" data-testid="drill-step-lists">
            {t('drillReport.steps.lists', { late: list(late), skipped: list(skipped), missed: list(missed) })}
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('drillReport.steps.step')}</th>
                <th>{t('drillReport.steps.due')}</th>
                <th>{t('drillReport.steps.actual')}</th>
                <th>{t('drillReport.steps.verdict')}</th>
                <th>{t('drillReport.steps.points')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((step) => (
                <tr key={step.stepId} className={`drill-row drill-row--${step.verdict}`} data-testid={`drill-step-${step.stepId}`}>
                  <td>
                    {step.title[lang]}
                    <span className="report-tag">{step.required ? t('drillReport.steps.required') : t('drillReport.steps.optional')}</span>
                    {step.verdict === 'skipped' && step.reason && <div className="report-sub">{t('drillReport.steps.skippedReason', { reason: step.reason })}</div>}
                  </td>
                  <td className="report-due">{formatSeconds(step.dueSec)}</td>
                  <td className="report-due">{formatSeconds(step.actualSec)}</td>
                  <td>
                    <span className={`drill-verdict drill-verdict--${step.verdict}`}>{t(`drillReport.stepVerdicts.${step.verdict}`)}</span>
                  </td>
                  <td className="report-due">{step.required ? `${step.points} / ${step.maxPoints}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The comments, oldest first, with who and when. */
export function CommentsList({ report }: { report: DrillReport }) {
  const { t, dateTime } = useWords();
  if (report.comments.length === 0) return <p className="report-empty">{t('drillReport.comments.empty')}</p>;
  return (
    <ol className="drill-comments" data-testid="drill-comments">
      {report.comments.map((comment) => (
        <li key={comment.id} className="drill-comment">
          <div className="report-sub">{t('drillReport.comments.by', { name: comment.by.name, time: dateTime(comment.at) })}</div>
          <p className="drill-comment__text">{comment.text}</p>
        </li>
      ))}
    </ol>
  );
}
