import type { UserAccount } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/sessionStore';
import { formatDateTime } from './formatDateTime';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { setUserDisabled } from './usersApi';

interface UsersTableProps {
  users: UserAccount[];
  onChanged: () => Promise<void>;
  onResetPassword: (user: UserAccount) => void;
  onShowSessions: (user: UserAccount) => void;
}

/** Every user: role, enabled or not (shape and text, not colour alone), last sign-in, and what an admin can do. */
export function UsersTable({ users, onChanged, onResetPassword, onShowSessions }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  const me = useSession((session) => session.user);
  const action = useAdminAction();

  const handleToggle = (user: UserAccount) => {
    if (!user.disabled && !window.confirm(t('adminUsers.disableConfirm', { name: user.displayName }))) return;
    void action.run(async () => {
      await setUserDisabled(user.id, !user.disabled);
      await onChanged();
    });
  };

  return (
    <section className="admin-users-panel admin-users-panel--wide" aria-labelledby="admin-users-list">
      <h2 id="admin-users-list">{t('adminUsers.users')}</h2>
      <ActionMessages action={action} testId="users-table" />
      <table className="admin-users-table" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('adminUsers.columns.username')}</th>
            <th>{t('adminUsers.columns.displayName')}</th>
            <th>{t('adminUsers.columns.role')}</th>
            <th>{t('adminUsers.columns.status')}</th>
            <th>{t('adminUsers.columns.lastLogin')}</th>
            <th>{t('adminUsers.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.username}`} className={user.disabled ? 'admin-users-table__row--disabled' : undefined}>
              <td className="admin-users-table__mono">{user.username}</td>
              <td>
                {user.displayName} {user.id === me?.id && <span className="admin-users-table__you">{t('adminUsers.you')}</span>}
              </td>
              <td>{t(`role.${user.role}`)}</td>
              <td data-testid="user-status" className={user.disabled ? 'admin-users-status--disabled' : 'admin-users-status--enabled'}>
                {user.disabled ? t('adminUsers.disabled') : t('adminUsers.enabled')}
              </td>
              <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language) : t('adminUsers.never')}</td>
              <td className="admin-users-table__actions">
                {user.id !== me?.id && (
                  <button type="button" className="button button--small" disabled={action.busy} onClick={() => handleToggle(user)} data-testid="user-toggle">
                    {user.disabled ? t('adminUsers.enable') : t('adminUsers.disable')}
                  </button>
                )}
                <button type="button" className="button button--small" onClick={() => onResetPassword(user)} data-testid="user-reset">
                  {t('adminUsers.resetPassword')}
                </button>
                <button type="button" className="button button--small" onClick={() => onShowSessions(user)} data-testid="user-sessions">
                  {t('adminUsers.sessions')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
