import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../admin-users/formatDateTime';
import { useBilingual } from '../incidents/useBilingual';
import { drillReportPath, type DrillRunSummary } from './drillsApi';

/** Past and running runs, newest first: control a running one, open an ended one's report. */
export function RunList({ runs, chosen }: { runs: readonly DrillRunSummary[]; chosen: string | null }) {
  const { t, i18n } = useTranslation();
  const text = useBilingual();
  return (
    <section className="drills-panel drills-runs" aria-labelledby="drill-runs-title" data-testid="drill-runs">
      <h2 id="drill-runs-title">{t('drills.runs.title')}</h2>
      {runs.length === 0 && <p className="drills-hint">{t('drills.runs.empty')}</p>}
      <ul>
        {runs.map((run) => (
          <li key={run.id} className={`drills-run${run.id === chosen ? ' drills-run--chosen' : ''}`} data-testid="drill-run" data-run-id={run.id} data-state={run.state}>
            <div className="drills-run__head">
              <span className={`drills-state drills-state--${run.state}`}>{t(`drills.state.${run.state}`)}</span>
              <span className="drills-run__name">{text(run.name)}</span>
            </div>
            <div className="drills-run__meta">
              {t('drills.runs.started', { time: formatDateTime(run.startedAt, i18n.language) })} · {t(`drills.mode.${run.mode}`)}
              {run.score !== null && <> · {t('drills.runs.score', { score: run.score })}</>}
            </div>
            <div className="drills-run__links">
              <Link className="button button--small" to={`/drills?run=${run.id}`} data-testid="drill-run-open">
                {run.state === 'ended' ? t('drills.runs.view') : t('drills.runs.open')}
              </Link>
              {run.state === 'ended' && (
                <Link className="button button--small" to={drillReportPath(run.id)}>
                  {t('drills.runs.report')}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
