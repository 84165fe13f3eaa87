import type { Role } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { SCREEN_ROLES } from '../auth/nextPath';

/** A small link to the alarm history for the roles that search it (not the wall's own login, not guards). */
export function HistoryLink({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (!(SCREEN_ROLES.history as readonly Role[]).includes(role) || pathname.startsWith('/alarms/history')) return null;
  return (
    <Link className="button button--quiet" to="/alarms/history" data-testid="history-link">
      {t('history.link')}
    </Link>
  );
}
