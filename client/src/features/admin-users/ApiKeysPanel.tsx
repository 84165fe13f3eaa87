import type { ApiKeyInfo } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './formatDateTime';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { createApiKey, revokeApiKey } from './usersApi';

/** Integration keys: create (the key is shown once), list, revoke (refused from the next request on). */
export function ApiKeysPanel({ apiKeys, onChanged }: { apiKeys: ApiKeyInfo[]; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const action = useAdminAction();
  const [name, setName] = useState('');
  const [newKey, setNewKey] = useState<string | null>(null);

  const handleCreate = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      setNewKey(await createApiKey(name));
      setName('');
      await onChanged();
    });
  };
  const handleRevoke = (key: ApiKeyInfo) => {
    if (!window.confirm(t('adminUsers.apiKeys.revokeConfirm', { name: key.name }))) return;
    void action.run(async () => {
      await revokeApiKey(key.id);
      await onChanged();
    });
  };

  return (
    <section className="admin-users-panel admin-users-panel--wide" data-testid="api-keys">
      <h2>{t('adminUsers.apiKeys.title')}</h2>
      <ActionMessages action={action} testId="api-keys" />
      {newKey && (
        <p className="admin-users__notice" data-testid="api-key-new">
          {t('adminUsers.apiKeys.createdOnce')} <code>{newKey}</code>
        </p>
      )}
      {apiKeys.length === 0 ? (
        <p className="admin-users__empty">{t('adminUsers.apiKeys.none')}</p>
      ) : (
        <table className="admin-users-table">
          <thead>
            <tr>
              <th>{t('adminUsers.apiKeys.name')}</th>
              <th>{t('adminUsers.apiKeys.created')}</th>
              <th>{t('adminUsers.apiKeys.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {apiKeys.map((key) => (
              <tr key={key.id} data-testid="api-key-row" className={key.revokedAt ? 'admin-users-table__row--disabled' : undefined}>
                <td>{key.name}</td>
                <td>{formatDateTime(key.createdAt, i18n.language)}</td>
                <td className={key.revokedAt ? 'admin-users-status--disabled' : 'admin-users-status--enabled'}>
                  {key.revokedAt ? t('adminUsers.apiKeys.revoked', { at: formatDateTime(key.revokedAt, i18n.language) }) : t('adminUsers.apiKeys.active')}
                </td>
                <td>
                  {!key.revokedAt && (
                    <button type="button" className="button button--small" disabled={action.busy} onClick={() => handleRevoke(key)} data-testid="api-key-revoke">
                      {t('adminUsers.apiKeys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="admin-users-panel__inline" onSubmit={(event) => void handleCreate(event)}>
        <input value={name} maxLength={64} placeholder={t('adminUsers.apiKeys.newName')} aria-label={t('adminUsers.apiKeys.newName')} onChange={(event) => setName(event.target.value)} data-testid="api-key-name" />
        <button type="submit" className="button" disabled={action.busy || !name.trim()} data-testid="api-key-create">
          {t('adminUsers.apiKeys.create')}
        </button>
      </form>
    </section>
  );
}
