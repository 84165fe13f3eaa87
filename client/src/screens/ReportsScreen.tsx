import { REPORT_PERIODS, type ReportPeriod, type Site, type SiteReport } from '@vigil/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { KpiTiles } from '../features/reports/KpiTiles';
import { ReportCharts } from '../features/reports/ReportCharts';
import { DevicesTable, DrillsTable, IncidentsTable, PatrolSections, TimesTable } from '../features/reports/ReportTables';
import { reportKpis } from '../features/reports/reportKpis';
import { fetchSiteReport, reportExportPath, type ReportChoice } from '../features/reports/reportsApi';
import { fetchSites } from '../features/sites/sitesApi';
import { describeError } from '../i18n/describeError';
import { useLocalizedName } from '../i18n/useLocalizedName';
import '../features/report/report.css';
import '../features/reports/reports.css';

type Load = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; report: SiteReport };

const isPeriod = (value: string | null): value is ReportPeriod => (REPORT_PERIODS as readonly (string | null)[]).includes(value);
const today = () => new Date().toLocaleDateString('sv-SE');

/** The choice in the address (?siteId&period&start), so a report can be bookmarked and reloaded; a month of today by default. */
function choiceFrom(search: URLSearchParams, sites: Site[]): ReportChoice | null {
  const siteId = search.get('siteId') ?? sites[0]?.id;
  if (!siteId) return null;
  const period = search.get('period');
  const start = search.get('start');
  return { siteId, period: isPeriod(period) ? period : 'month', start: start && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : today() };
}

function ReportDocument({ report }: { report: SiteReport }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const kpis = useMemo(() => reportKpis(report), [report]);
  const day = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: report.timeZone }), [i18n.language, report.timeZone]);
  const dateTime = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: report.timeZone }), [i18n.language, report.timeZone]);
  // `to` is exclusive: the period's last day is the day before it.
  const lastDay = (iso: string) => day.format(new Date(Date.parse(iso) - 1));
  const formatTime = useCallback((iso: string) => dateTime.format(new Date(iso)), [dateTime]);
  const [generatedAt] = useState(() => new Date().toISOString());

  return (
    <article className="report-doc reports-doc" lang={i18n.language} data-testid="site-report">
      <header className="reports-heading">
        <h1>
          {nameOf({ name: report.siteName.zh, nameEn: report.siteName.en })} · {t(`reports.periods.${report.period}`)}
        </h1>
        <p className="report-header__subtitle" data-testid="report-range">
          {t('reports.range', { from: day.format(new Date(report.from)), to: lastDay(report.to), zone: report.timeZone })}
        </p>
        <p className="report-sub">
          {t('reports.previousRange', { from: day.format(new Date(report.previousFrom)), to: lastDay(report.previousTo) })} ·{' '}
          {t('reports.total', { current: report.current.alarms.total, previous: report.previous.alarms.total })}
        </p>
      </header>
      <KpiTiles kpis={kpis} />
      <ReportCharts report={report} />
      <TimesTable report={report} />
      <DevicesTable report={report} />
      <IncidentsTable report={report} />
      <DrillsTable report={report} formatTime={formatTime} />
      <PatrolSections report={report} />
      <footer className="report-footer">{t('reports.generatedAt', { time: formatTime(generatedAt) })}</footer>
    </article>
  );
}

/** `/reports`: a site's daily, weekly, monthly or quarterly report (数据分析与报告), charts and KPIs, printed to PDF or exported as CSV/XLSX. */
export function ReportsScreen() {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const [search, setSearch] = useSearchParams();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'idle' });
  const choice = useMemo(() => (sites ? choiceFrom(search, sites) : null), [search, sites]);

  useEffect(() => {
    document.title = `${t('reports.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    fetchSites().then(setSites, () => setSites([]));
  }, []);
  useEffect(() => {
    if (!choice) return;
    let current = true;
    setLoad({ status: 'loading' });
    fetchSiteReport(choice).then(
      (report) => current && setLoad({ status: 'ready', report }),
      (error: unknown) => current && setLoad({ status: 'failed', message: describeError(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [choice, t]);

  const choose = (patch: Partial<ReportChoice>) => {
    if (!choice) return;
    const next = { ...choice, ...patch };
    setSearch(new URLSearchParams({ siteId: next.siteId, period: next.period, start: next.start }));
  };

  return (
    <div className="report reports">
      <nav className="report-toolbar reports-toolbar" aria-label={t('reports.title')}>
        <Link className="button button--quiet" to="/wall">
          {t('reports.back')}
        </Link>
        <label className="reports-field">
          <span>{t('reports.site')}</span>
          <select value={choice?.siteId ?? ''} onChange={(event) => choose({ siteId: event.target.value })} data-testid="reports-site">
            {(sites ?? []).map((site) => (
              <option key={site.id} value={site.id}>
                {nameOf(site)}
              </option>
            ))}
          </select>
        </label>
        <label className="reports-field">
          <span>{t('reports.period')}</span>
          <select value={choice?.period ?? 'month'} onChange={(event) => isPeriod(event.target.value) && choose({ period: event.target.value })} data-testid="reports-period">
            {REPORT_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`reports.periods.${period}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="reports-field">
          <span>{t('reports.date')}</span>
          <input type="date" value={choice?.start ?? ''} min="2000-01-01" max="2099-12-31" onChange={(event) => event.target.value && choose({ start: event.target.value })} data-testid="reports-date" />
        </label>
        <span className="reports-toolbar__spacer" />
        <LanguageSwitch />
        {load.status === 'ready' && choice && (
          <>
            <button type="button" className="button button--primary" onClick={() => window.print()} data-testid="reports-print">
              {t('reports.print')}
            </button>
            <a className="button" href={reportExportPath(choice, 'csv', i18n.language)} download data-testid="reports-csv">
              {t('reports.exportCsv')}
            </a>
            <a className="button" href={reportExportPath(choice, 'xlsx', i18n.language)} download data-testid="reports-xlsx">
              {t('reports.exportXlsx')}
            </a>
          </>
        )}
      </nav>
      {sites !== null && sites.length === 0 && <p className="reports-message">{t('reports.noSites')}</p>}
      {load.status === 'loading' && <p className="reports-message">{t('reports.loading')}</p>}
      {load.status === 'failed' && (
        <p className="reports-message reports-message--error" role="alert" data-testid="reports-error">
          {t('reports.failed', { message: load.message })}
        </p>
      )}
      {load.status === 'ready' && <ReportDocument report={load.report} />}
    </div>
  );
}

export default ReportsScreen;
