import { useTranslation } from 'react-i18next';
import { useSession } from '../features/auth/sessionStore';
import { useSignOut } from '../features/auth/useSignOut';
import { HistoryLink } from '../features/alarm-history/HistoryLink';
import { PlansLink } from '../features/plans/PlansLink';
import { ReportsLink } from '../features/reports/ReportsLink';
import { AuditLink } from '../features/audit/AuditLink';

export function UserBadge() {
  const { t } = useTranslation();
  const user = useSession((session) => session.user);
  const signOut = useSignOut();
  if (!user) return null;
  const handleSignOut = () => {
    void signOut();
  };
  return (
    <div className="user-badge">
      <HistoryLink role={user.role} />
      <PlansLink role={user.role} />
      <ReportsLink role={user.role} />
      <AuditLink role={user.role} />
      <span className="user-badge__who" data-testid="current-user">
        <span className="user-badge__name">{user.displayName}</span>
        <span className="user-badge__role">{t(`role.${user.role}`)}</span>
      </span>
      <button type="button" className="button button--quiet" data-testid="logout" onClick={handleSignOut}>
        {t('user.logout')}
      </button>
    </div>
  );
}
