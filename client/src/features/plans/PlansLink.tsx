import type { Role } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { SCREEN_ROLES } from '../auth/nextPath';

/** A small link to the plan library for the roles that read it (not the wall's own login, not guards). */
export function PlansLink({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (!(SCREEN_ROLES.plans as readonly Role[]).includes(role) || pathname.startsWith('/admin/plans')) return null;
  return (
    <Link className="button button--quiet" to="/admin/plans" data-testid="plans-link">
      {t('plans.link')}
    </Link>
  );
}
