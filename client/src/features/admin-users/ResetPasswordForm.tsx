import type { UserAccount } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField, passwordAcceptable } from './PasswordField';
import { ActionMessages, useAdminAction } from './useAdminAction';
import { resetUserPassword } from './usersApi';

/** An admin sets another user's password; the server ends all that user's sessions. */
export function ResetPasswordForm({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useAdminAction();
  const [password, setPassword] = useState('');

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => resetUserPassword(user.id, password), t('adminUsers.reset.done', { name: user.displayName }))) setPassword('');
  };

  return (
    <form className="admin-users-panel" onSubmit={(event) => void handleSubmit(event)} data-testid="reset-password">
      <h2>{t('adminUsers.reset.title', { name: user.displayName })}</h2>
      <PasswordField label={t('adminUsers.reset.password')} value={password} onChange={setPassword} username={user.username} displayName={user.displayName} testId="reset-new" />
      <div className="admin-users-panel__buttons">
        <button type="submit" className="button button--primary" disabled={action.busy || !passwordAcceptable(password, user.username, user.displayName)} data-testid="reset-submit">
          {t('adminUsers.reset.submit')}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('adminUsers.reset.cancel')}
        </button>
      </div>
      <ActionMessages action={action} testId="reset-password" />
    </form>
  );
}
