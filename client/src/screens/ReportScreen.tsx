import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { downloadJson } from '../features/report/downloadJson';
import { ReportHeader } from '../features/report/ReportHeader';
import { AlarmsSection, CallsSection, DispatchSection, StepsSection, TimelineSection } from '../features/report/ReportSections';
import { reportWords } from '../features/report/reportContext';
import { reportFileName } from '../features/report/reportModel';
import { useReport, type ReportData } from '../features/report/useReport';
import { describeError } from '../i18n/describeError';
import '../features/report/report.css';

function ReportDocument({ data }: { data: Extract<ReportData, { status: 'ready' }> }) {
  const { t, i18n } = useTranslation();
  const words = useMemo(() => reportWords(data.report, data.guards, t, i18n.language), [data, t, i18n.language]);
  const { report } = data;

  useEffect(() => {
    // The title is the PDF's default file name when printed.
    document.title = `${t('report.documentTitle', { number: report.incident.number })} · ${t('app.name')}`;
  }, [t, report.incident.number]);

  return (
    <article className="report-doc" lang={i18n.language} data-testid="report">
      <ReportHeader report={report} site={data.site} words={words} />
      <StepsSection report={report} words={words} />
      <DispatchSection report={report} words={words} />
      <AlarmsSection report={report} words={words} />
      <CallsSection report={report} words={words} />
      <TimelineSection report={report} words={words} />
      <footer className="report-footer">{t('report.generatedAt', { time: words.dateTime(report.generatedAt) })}</footer>
    </article>
  );
}

/** `/incidents/:id/report`: the closing report (结案报告), to read, print to A4 and export as JSON. */
export function ReportScreen() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const data = useReport(incidentId);

  if (data.status === 'loading') return <FullScreenMessage message={t('report.loading')} />;
  if (data.status === 'failed') return <FullScreenMessage message={t('report.failed', { message: describeError(data.error, t) })} />;
  return (
    <div className="report">
      <nav className="report-toolbar" aria-label={t('report.title')}>
        <Link className="button button--quiet" to="/console">
          {t('report.back')}
        </Link>
        <LanguageSwitch />
        <button type="button" className="button button--primary" data-testid="print-report" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <button type="button" className="button" data-testid="export-report" onClick={() => downloadJson(reportFileName(data.report), data.report)}>
          {t('report.exportJson')}
        </button>
      </nav>
      <ReportDocument data={data} />
    </div>
  );
}

export default ReportScreen;
