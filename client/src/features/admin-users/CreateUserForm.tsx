import { ROLES, type Role } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField, passwordAcceptable } from './PasswordField';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { createUser } from './usersApi';

export function CreateUserForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const name = displayName || username;
    const created = await action.run(async () => {
      await createUser({ username, displayName, role, password });
      await onCreated();
    }, t('adminUsers.create.created', { name }));
    if (created) {
      setUsername('');
      setDisplayName('');
      setPassword('');
    }
  };

  return (
    <form className="admin-users-panel" onSubmit={(event) => void handleSubmit(event)} data-testid="create-user">
      <h2>{t('adminUsers.create.title')}</h2>
      <label className="admin-users-field">
        <span className="admin-users-field__label">{t('adminUsers.create.username')}</span>
        <input value={username} maxLength={32} autoComplete="off" onChange={(event) => setUsername(event.target.value)} data-testid="create-username" />
      </label>
      <label className="admin-users-field">
        <span className="admin-users-field__label">{t('adminUsers.create.displayName')}</span>
        <input value={displayName} maxLength={64} onChange={(event) => setDisplayName(event.target.value)} data-testid="create-display-name" />
      </label>
      <label className="admin-users-field">
        <span className="admin-users-field__label">{t('adminUsers.create.role')}</span>
        <select value={role} onChange={(event) => setRole(event.target.value as Role)} data-testid="create-role">
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <PasswordField label={t('adminUsers.create.password')} value={password} onChange={setPassword} username={username} displayName={displayName} testId="create-password" />
      <button type="submit" className="button button--primary" disabled={action.busy || !username || !displayName || !passwordAcceptable(password, username, displayName)} data-testid="create-submit">
        {t('adminUsers.create.submit')}
      </button>
      <ActionMessages action={action} testId="create-user" />
    </form>
  );
}
