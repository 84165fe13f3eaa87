import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/sessionStore';
import { PasswordField, passwordAcceptable } from './PasswordField';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { changeOwnPassword } from './usersApi';

/** Any signed-in user changes their own password, proving the current one. */
export function OwnPasswordForm() {
  const { t } = useTranslation();
  const user = useSession((session) => session.user);
  const action = useAdminAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  if (!user) return null;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => changeOwnPassword(current, next), t('adminUsers.own.done'))) {
      setCurrent('');
      setNext('');
    }
  };

  return (
    <form className="admin-users-panel" onSubmit={(event) => void handleSubmit(event)} data-testid="own-password">
      <h2>{t('adminUsers.own.title')}</h2>
      <label className="admin-users-field">
        <span className="admin-users-field__label">{t('adminUsers.own.current')}</span>
        <input type="password" autoComplete="current-password" value={current} maxLength={256} onChange={(event) => setCurrent(event.target.value)} data-testid="own-current" />
      </label>
      <PasswordField label={t('adminUsers.own.next')} value={next} onChange={setNext} username={user.username} displayName={user.displayName} testId="own-next" />
      <button type="submit" className="button button--primary" disabled={action.busy || !current || !passwordAcceptable(next, user.username, user.displayName)} data-testid="own-submit">
        {t('adminUsers.own.submit')}
      </button>
      <ActionMessages action={action} testId="own-password" />
    </form>
  );
}
