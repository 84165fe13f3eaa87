import { useTranslation } from 'react-i18next';
import { formatRate, formatSeconds } from './format';
import type { Kpi } from './reportKpis';

/** The key figures against their targets: green and ✓ when met, red and ✗ when not, grey when there is nothing to judge. */
export function KpiTiles({ kpis }: { kpis: Kpi[] }) {
  const { t } = useTranslation();
  const show = (kpi: Kpi, value: number | null) => (kpi.unit === 'seconds' ? formatSeconds(value, t) : formatRate(value, t));
  return (
    <section className="reports-section" aria-labelledby="reports-kpis">
      <h2 id="reports-kpis">{t('reports.kpis')}</h2>
      <ul className="reports-kpis">
        {kpis.map((kpi) => (
          <li key={kpi.key} className={`reports-kpi reports-kpi--${kpi.status}`} data-testid={`kpi-${kpi.key}`} data-status={kpi.status}>
            <span className="reports-kpi__label">{t(`reports.kpi.${kpi.key}`)}</span>
            <span className={`reports-kpi__value${kpi.noPatrolData ? ' reports-kpi__value--text' : ''}`}>{kpi.noPatrolData ? t('reports.noPatrolData') : show(kpi, kpi.value)}</span>
            <span className="reports-kpi__target">{t('reports.target', { target: t(`reports.${kpi.rule}`, { value: show(kpi, kpi.target) }) })}</span>
            {kpi.previous !== null && <span className="reports-kpi__previous">{t('reports.previousValue', { value: show(kpi, kpi.previous) })}</span>}
            <span className="reports-kpi__status">
              <span aria-hidden="true">{kpi.status === 'met' ? '✓' : kpi.status === 'missed' ? '✗' : '–'}</span>{' '}
              {kpi.status === 'met' ? t('reports.met') : kpi.status === 'missed' ? t('reports.missed') : t('reports.noData')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
