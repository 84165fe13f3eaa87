import type { Role } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { SCREEN_ROLES } from '../auth/nextPath';

/** A small link to the reports for the roles that read them. */
export function ReportsLink({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (!(SCREEN_ROLES.reports as readonly Role[]).includes(role) || pathname.startsWith('/reports')) return null;
  return (
    <Link className="button button--quiet" to="/reports" data-testid="reports-link">
      {t('reports.link')}
    </Link>
  );
}
