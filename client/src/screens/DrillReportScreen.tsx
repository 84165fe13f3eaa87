import { can } from '@vigil/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSession } from '../features/auth/sessionStore';
import { CommentForm } from '../features/drill-report/CommentForm';
import { ComparisonChart } from '../features/drill-report/ComparisonChart';
import { CommentsList, DrillReportHeader, StepsSection, TargetsSection } from '../features/drill-report/DrillReportSections';
import { drillReportFileName } from '../features/drill-report/drillReportModel';
import { TabletopFacilitator } from '../features/drill-report/TabletopFacilitator';
import { useDrillReport } from '../features/drill-report/useDrillReport';
import { downloadJson } from '../features/report/downloadJson';
import { drillReplaySearch } from '../features/replay/replayParams';
import { describeError } from '../i18n/describeError';
import '../features/report/report.css';
import '../features/drill-report/drill-report.css';

/**
 * `/drills/:runId/report`: a drill's evaluation and debrief (演练评估 / 复盘) — score and grade with
 * the rule, targets and steps against their times, comments, the scenario's runs over time, and
 * the drill's replay; a tabletop's facilitator walks its plan here. Prints to A4, exports JSON.
 */
export function DrillReportScreen() {
  const { t, i18n } = useTranslation();
  const { runId = '' } = useParams();
  const role = useSession((session) => session.user?.role);
  const { data, reload } = useDrillReport(runId);
  const name = data.status === 'ready' ? data.report.run.name[i18n.language.startsWith('zh') ? 'zh' : 'en'] : '';

  useEffect(() => {
    // The title is the PDF's default file name when printed.
    if (name) document.title = `${t('drillReport.documentTitle', { name })} · ${t('app.name')}`;
  }, [t, name]);

  if (data.status === 'loading') return <FullScreenMessage message={t('drillReport.loading')} />;
  if (data.status === 'failed') return <FullScreenMessage message={t('drillReport.failed', { message: describeError(data.error, t) })} />;
  const { report } = data;
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
  return (
    <div className="report drill-report">
      <nav className="report-toolbar" aria-label={t('drillReport.title')}>
        <Link className="button button--quiet" to={role && can(role, 'drills.run') ? '/drills' : '/console'}>
          {t('drillReport.back')}
        </Link>
        <LanguageSwitch />
        <Link className="button" data-testid="drill-open-replay" to={{ pathname: '/command', search: drillReplaySearch(report.replay) }}>
          {t('drillReport.openReplay')}
        </Link>
        <button type="button" className="button button--primary" data-testid="print-drill-report" onClick={() => window.print()}>
          {t('drillReport.print')}
        </button>
        <button type="button" className="button" data-testid="export-drill-report" onClick={() => downloadJson(drillReportFileName(report), report)}>
          {t('drillReport.exportJson')}
        </button>
      </nav>
      <TabletopFacilitator report={report} onDone={reload} />
      <article className="report-doc" lang={i18n.language} data-testid="drill-report">
        <DrillReportHeader report={report} />
        <TargetsSection report={report} />
        <StepsSection report={report} />
        <section className="report-section" data-testid="drill-comments-section">
          <h2>{t('drillReport.comments.title')}</h2>
          <CommentsList report={report} />
          <CommentForm runId={report.run.id} onAdded={reload} />
        </section>
        <ComparisonChart report={report} />
        <footer className="report-footer">{t('drillReport.generatedAt', { time: dateFormat.format(new Date(report.generatedAt)) })}</footer>
      </article>
    </div>
  );
}

export default DrillReportScreen;
