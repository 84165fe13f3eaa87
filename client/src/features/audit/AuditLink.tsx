import type { Role } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { SCREEN_ROLES } from '../auth/nextPath';

/** A small link to the audit log, for admins (not on it already). */
export function AuditLink({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (!(SCREEN_ROLES.audit as readonly Role[]).includes(role) || pathname.startsWith('/admin/audit')) return null;
  return (
    <Link className="button button--quiet" to="/admin/audit" data-testid="audit-link">
      {t('audit.link')}
    </Link>
  );
}
