import { can, type UserAccount } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { useSession } from '../features/auth/sessionStore';
import { ApiKeysPanel } from '../features/admin-users/ApiKeysPanel';
import { CreateUserForm } from '../features/admin-users/CreateUserForm';
import { OwnPasswordForm } from '../features/admin-users/OwnPasswordForm';
import { ResetPasswordForm } from '../features/admin-users/ResetPasswordForm';
import { SessionsPanel } from '../features/admin-users/SessionsPanel';
import { UsersTable } from '../features/admin-users/UsersTable';
import { useAdminData } from '../features/admin-users/useAdminData';
import '../features/admin-users/admin-users.css';

type Side = { kind: 'reset' | 'sessions'; user: UserAccount } | null;

function AdminPanels() {
  const { t } = useTranslation();
  const { data, reload } = useAdminData(true);
  const [side, setSide] = useState<Side>(null);
  if (data.status === 'loading') return <FullScreenMessage message={t('adminUsers.loading')} />;
  if (data.status === 'failed') return <FullScreenMessage message={t('adminUsers.loadFailed', { message: data.message })} />;
  return (
    <main className="admin-users__main">
      <div className="admin-users__column admin-users__column--wide">
        <UsersTable
          users={data.users}
          onChanged={reload}
          onResetPassword={(user) => setSide({ kind: 'reset', user })}
          onShowSessions={(user) => setSide({ kind: 'sessions', user })}
        />
        {side?.kind === 'sessions' && <SessionsPanel key={side.user.id} user={side.user} onClose={() => setSide(null)} />}
        <ApiKeysPanel apiKeys={data.apiKeys} onChanged={reload} />
      </div>
      <div className="admin-users__column">
        {side?.kind === 'reset' && <ResetPasswordForm key={side.user.id} user={side.user} onClose={() => setSide(null)} />}
        <CreateUserForm onCreated={reload} />
        <OwnPasswordForm />
      </div>
    </main>
  );
}

/** `/admin/users`: users, their sessions and passwords, and integration keys (admins); anyone's own password. */
export function AdminUsersScreen() {
  const { t } = useTranslation();
  const role = useSession((session) => session.user?.role);
  const isAdmin = role ? can(role, 'users.manage') : false;

  useEffect(() => {
    document.title = `${t('adminUsers.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <div className="admin-users" data-testid="admin-users">
      <header className="admin-users__header">
        <div className="admin-users__title">
          <BrandMark />
          <h1>{t('adminUsers.title')}</h1>
        </div>
        <div className="admin-users__status">
          <Link className="button button--quiet" to="/wall">
            {t('adminUsers.backToWall')}
          </Link>
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      {isAdmin ? (
        <AdminPanels />
      ) : (
        <main className="admin-users__main admin-users__main--narrow">
          <p className="admin-users__notice">{t('adminUsers.adminOnly')}</p>
          <OwnPasswordForm />
        </main>
      )}
    </div>
  );
}

export default AdminUsersScreen;
