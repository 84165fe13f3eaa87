import type { SessionInfo, UserAccount } from '@vigil/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './formatDateTime';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { fetchSessions, revokeSession } from './usersApi';

/** One user's open sessions; ending one ends its sockets at once. */
export function SessionsPanel({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const action = useAdminAction();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const { run } = action;

  const load = useCallback(() => run(async () => setSessions(await fetchSessions(user.id))), [run, user.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const handleRevoke = (session: SessionInfo) => {
    void run(async () => {
      await revokeSession(user.id, session.id);
      setSessions(await fetchSessions(user.id));
    });
  };

  return (
    <section className="admin-users-panel admin-users-panel--wide" data-testid="sessions-panel">
      <h2>{t('adminUsers.sessionList.title', { name: user.displayName })}</h2>
      <ActionMessages action={action} testId="sessions" />
      {sessions && sessions.length === 0 && <p className="admin-users__empty">{t('adminUsers.sessionList.none')}</p>}
      {sessions && sessions.length > 0 && (
        <table className="admin-users-table">
          <thead>
            <tr>
              <th>{t('adminUsers.sessionList.created')}</th>
              <th>{t('adminUsers.sessionList.lastSeen')}</th>
              <th>{t('adminUsers.sessionList.address')}</th>
              <th>{t('adminUsers.sessionList.userAgent')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-testid="session-row">
                <td>{formatDateTime(session.createdAt, i18n.language)}</td>
                <td>{session.lastSeenAt ? formatDateTime(session.lastSeenAt, i18n.language) : t('adminUsers.never')}</td>
                <td className="admin-users-table__mono">{session.address ?? ''}</td>
                <td className="admin-users-table__agent" title={session.userAgent ?? ''}>
                  {session.userAgent ?? ''}
                </td>
                <td>
                  {session.current ? (
                    <span className="admin-users-table__you">{t('adminUsers.sessionList.current')}</span>
                  ) : (
                    <button type="button" className="button button--small" disabled={action.busy} onClick={() => handleRevoke(session)} data-testid="session-revoke">
                      {t('adminUsers.sessionList.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-users-panel__buttons">
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('adminUsers.sessionList.close')}
        </button>
      </div>
    </section>
  );
}
