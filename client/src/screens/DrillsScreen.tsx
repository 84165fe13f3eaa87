import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { RunControl } from '../features/drills/RunControl';
import { RunList } from '../features/drills/RunList';
import { StartDrillForm } from '../features/drills/StartDrillForm';
import { drillsApi, type DrillRunSummary } from '../features/drills/drillsApi';
import { useSiteStore } from '../features/sites/siteStore';
import { describeError } from '../i18n/describeError';
import '../features/drills/drills.css';

/** The runs list is read again this often (a run another controller started shows up). */
const RUNS_REFRESH_MS = 15_000;

/**
 * The drill controller's screen (`/drills`, admins and commanders): start one of the shipped
 * scenarios with its participants; control a run (`?run=<runId>`); the runs past and running.
 */
export default function DrillsScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('run');
  const [runs, setRuns] = useState<DrillRunSummary[]>([]);
  const [runsError, setRunsError] = useState<unknown>(null);
  const fetchSite = useSiteStore((store) => store.fetch);

  const readRuns = useCallback(() => {
    drillsApi.list().then(
      (list) => {
        setRuns(list);
        setRunsError(null);
      },
      setRunsError,
    );
  }, []);
  useEffect(() => {
    void fetchSite();
    readRuns();
    const timer = setInterval(readRuns, RUNS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [readRuns, fetchSite]);

  useEffect(() => {
    document.title = `${t('drills.title')} · ${t('app.name')}`;
  }, [t]);

  const open = (runId: string) => {
    setParams({ run: runId });
    readRuns();
  };

  return (
    <div className="drills" data-testid="drills-screen">
      <header className="drills__header">
        <div className="drills__title">
          <BrandMark />
          <h1>{t('drills.title')}</h1>
        </div>
        <div className="drills__status">
          {chosen && (
            <Link className="button button--quiet" to="/drills" data-testid="drills-back">
              {t('drills.control.back')}
            </Link>
          )}
          <Link className="button button--quiet" to="/wall">
            {t('plans.backToWall')}
          </Link>
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      <main className="drills__main">
        <div className="drills__column drills__column--main">{chosen ? <RunControl key={chosen} runId={chosen} onChanged={readRuns} /> : <StartDrillForm onStarted={open} />}</div>
        <div className="drills__column">
          {runsError !== null && <p role="alert">{t('drills.runs.failed', { message: describeError(runsError, t) })}</p>}
          <RunList runs={runs} chosen={chosen} />
        </div>
      </main>
    </div>
  );
}
