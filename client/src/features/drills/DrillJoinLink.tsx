import { useTranslation } from 'react-i18next';
import { Link, useInRouterContext, useLocation } from 'react-router-dom';
import { useReplaying } from '../../lib/screenClock';
import { can } from '@vigil/shared';
import { useSession } from '../auth/sessionStore';
import { useBilingual } from '../incidents/useBilingual';
import { useInDrill } from './drillScreenStore';
import { useMyRunningDrills } from './useMyDrills';
import './drills.css';

/** On a live screen: for a participant while their drill runs, this same screen in the drill; for those who run drills, the controller's screen. */
export function DrillJoinLink() {
  return useInRouterContext() ? <DrillJoinLinkInRouter /> : null;
}

function DrillJoinLinkInRouter() {
  const { t } = useTranslation();
  const text = useBilingual();
  const userId = useSession((session) => session.user?.id ?? null);
  const { pathname } = useLocation();
  const replaying = useReplaying();
  const inDrill = useInDrill();
  const elsewhere = replaying || inDrill;
  const runs = useMyRunningDrills(userId, !elsewhere);
  const mayRun = useSession((session) => (session.user ? can(session.user.role, 'drills.run') : false));
  if (elsewhere) return null;
  return (
    <>
      {mayRun && (
        <Link className="button button--small" to="/drills" data-testid="drills-link">
          {t('drills.link')}
        </Link>
      )}
      {runs.map((run) => (
        <Link key={run.id} className="drill-join" to={`${pathname}?drill=${run.id}`} title={t('drills.joinHint')} data-testid="drill-join" data-run-id={run.id}>
          {t('drills.join', { name: text(run.name) })}
        </Link>
      ))}
    </>
  );
}
