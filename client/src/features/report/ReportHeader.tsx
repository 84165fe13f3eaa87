import type { IncidentReport, Site } from '@vigil/shared';
import { localizedName } from '../../i18n/useLocalizedName';
import { formatSpan, incidentSeconds } from './reportModel';
import type { ReportWords } from './reportContext';

/** Number, type, level, site and place, the times, the owner and how long it took; then the plan run. */
export function ReportHeader({ report, site, words }: { report: IncidentReport; site: Site | null; words: ReportWords }) {
  const { t, lang, language } = words;
  const incident = report.incident;
  const zone = site && incident.location?.zoneId ? site.zones.find((item) => item.id === incident.location?.zoneId) : undefined;
  const place = [site ? localizedName(site, language) : incident.siteId, zone ? localizedName(zone, language) : null].filter(Boolean).join(' · ');
  const rows: [string, string, string][] = [
    ['number', t('report.header.number'), incident.number],
    ['type', t('report.header.type'), t(`plans.incidentType.${incident.type}`)],
    ['level', t('report.header.level'), t(`plans.level.${String(incident.level) as '1' | '2' | '3'}`)],
    ['site', t('report.header.site'), place],
    ['state', t('report.header.state'), t(`report.state.${incident.state}`)],
    ['owner', t('report.header.owner'), incident.owner?.name ?? t('report.header.none')],
    ['opened', t('report.header.opened'), `${words.dateTime(incident.openedAt)} · ${incident.openedBy.name}`],
    ['resolved', t('report.header.resolved'), words.dateTime(incident.resolvedAt)],
    ['closed', t('report.header.closed'), words.dateTime(incident.closedAt)],
    ['duration', t('report.header.duration'), formatSpan(incidentSeconds(report))],
  ];
  return (
    <header className="report-header">
      <div className="report-header__title">
        <h1>
          {t('report.title')} · {incident.number}
        </h1>
        <p className="report-header__subtitle">{incident.title}</p>
      </div>
      {incident.state !== 'closed' && <p className="report-warning">{t('report.stillOpen')}</p>}
      <dl className="report-facts">
        {rows.map(([key, label, value]) => (
          <div key={key} className="report-facts__item" data-testid={`report-${key}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="report-facts__item report-facts__item--wide" data-testid="report-plan">
          <dt>{t('report.header.plan')}</dt>
          <dd>
            {report.plan
              ? t('report.header.planLine', { name: report.plan.name[lang], version: report.plan.version, time: words.dateTime(report.plan.startedAt), by: report.plan.startedBy.name })
              : t('report.header.noPlan')}
          </dd>
        </div>
      </dl>
      <section className="report-section report-section--summary" data-testid="report-summary">
        <h2>{t('report.summary')}</h2>
        <p className={report.summary ? 'report-summary' : 'report-empty'}>{report.summary ?? t('report.noSummary')}</p>
      </section>
    </header>
  );
}
